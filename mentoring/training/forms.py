from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField, model_formfield
from mentoring.training.models import TrainingEnrolment, TrainingProgram, TrainingSession
from mentoring.uploads import validate_scan


class ProgramForm(forms.ModelForm):
    class Meta:
        model = TrainingProgram
        formfield_callback = model_formfield
        fields = ["name", "hours", "provider_kind", "provider_name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def _post_clean(self):
        # The service validates the model; its messages land next to the fields (call_service).
        pass


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        formfield_callback = model_formfield
        fields = ["held_on", "starts_at", "topic", "place", "leader"]
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def _post_clean(self):
        pass


class EnrolForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=TrainingEnrolment.Role.choices)
    enrolled_on = DateField(label=_("Date of enrolment"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = candidates
        self.fields["participant"].label_from_instance = lambda person: (
            f"{person.full_name}, {person.position}" if person.position else person.full_name
        )


class CompleteForm(forms.Form):
    completed_on = DateField(label=_("Date of completion"))
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=100, required=False)
    certificate_date = DateField(
        label=_("Certificate date"), required=False, help_text=_("Empty: the date of completion.")
    )
    certificate = forms.FileField(
        label=_("Certificate"),
        required=False,
        validators=[validate_scan],
        help_text=_("A scan: PDF, JPEG or PNG, up to 10 MB."),
    )


class WithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Date of withdrawal"))
