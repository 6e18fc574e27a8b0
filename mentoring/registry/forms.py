from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField, DateInput, model_formfield
from accounts.models import Role
from mentoring.academic_year import academic_year_choices, academic_year_of
from mentoring.models import Consent, MenteeEntry, MentorEntry, Participant, PartnerOrganization, normalize_name
from mentoring.registry.validation import person_name_problem
from mentoring.uploads import validate_scan

DATE_INPUT = DateInput()


def date_widgets(*names: str) -> dict:
    return dict.fromkeys(names, DATE_INPUT)


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        formfield_callback = model_formfield
        fields = [
            "category",
            "last_name",
            "first_name",
            "patronymic",
            "gender",
            "birth_date",
            "class_name",
            "position",
            "teaching_since",
            "phone",
            "email",
            "guardian_name",
            "has_disability",
            "partner",
            "parents",
        ]
        widgets = date_widgets("birth_date", "teaching_since")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = PartnerOrganization.objects.filter(organization=organization)
        parents = Participant.objects.filter(organization=organization, category=Participant.Category.PARENT)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parents"].queryset = parents
        self.fields["parents"].required = False
        self.fields["parents"].help_text = _("Parents registered as participants of the organization.")


class RegistryEntryFormMixin:
    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"] = forms.TypedChoiceField(
            label=_("Academic year"), choices=academic_year_choices(today), coerce=int
        )
        if not self.instance.pk:
            # The choices start with the next year; a new entry belongs to the current one.
            self.initial.setdefault("academic_year", academic_year_of(today))
            self.initial.setdefault("entered_on", today)


class MentorEntryForm(RegistryEntryFormMixin, forms.ModelForm):
    class Meta:
        model = MentorEntry
        formfield_callback = model_formfield
        fields = [
            "academic_year",
            "entered_on",
            "competencies",
            "achievements",
            "interests",
            "desired_age_min",
            "desired_age_max",
            "max_mentees",
            "trained",
            "trained_on",
            "completed_on",
            "results",
            "case_url",
            "full_cycle",
        ]
        widgets = {
            **date_widgets("entered_on", "completed_on", "trained_on"),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in ("competencies", "achievements", "interests")},
            "results": forms.Textarea(attrs={"rows": 2}),
        }


class MenteeEntryForm(RegistryEntryFormMixin, forms.ModelForm):
    class Meta:
        model = MenteeEntry
        formfield_callback = model_formfield
        fields = [
            "academic_year",
            "entered_on",
            "key_request",
            "interests",
            "completed_on",
            "results",
            "case_url",
            "full_cycle",
        ]
        widgets = {
            **date_widgets("entered_on", "completed_on"),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in ("key_request", "interests", "results")},
        }


class ConsentForm(forms.ModelForm):
    allowed_publication = forms.MultipleChoiceField(
        label=_("Allowed to publish"),
        choices=Consent.Publication.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only for a distribution consent; what is not ticked is banned."),
    )
    scan = forms.FileField(
        label=_("Scan"), required=False, validators=[validate_scan], help_text=_("PDF, JPEG or PNG, up to 10 MB.")
    )

    class Meta:
        model = Consent
        formfield_callback = model_formfield
        fields = [
            "kind",
            "signed_by",
            "representative_name",
            "representative_document",
            "signed_on",
            "valid_until",
            "allowed_publication",
            "scan",
        ]
        widgets = date_widgets("signed_on", "valid_until")


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = DateField(label=_("Date withdrawn"))
    reason = forms.CharField(label=_("Reason of withdrawal"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class InviteForm(forms.Form):
    role = forms.TypedChoiceField(
        label=_("Role"),
        choices=[(Role.MENTOR.value, Role.MENTOR.label), (Role.MENTEE.value, Role.MENTEE.label)],
        coerce=Role,
    )


class PartnerForm(forms.ModelForm):
    class Meta:
        model = PartnerOrganization
        formfield_callback = model_formfield
        fields = [
            "name",
            "kind",
            "agreement_number",
            "agreement_date",
            "contact_person",
            "contact_phone",
            "contact_email",
            "notes",
        ]
        widgets = {**date_widgets("agreement_date"), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        # The organization is not a field of the form, so Django would not check this constraint.
        # Compared in Python: SQLite ignores the case of Latin letters only.
        name = self.cleaned_data["name"].strip()
        others = PartnerOrganization.objects.filter(organization=self.instance.organization).exclude(
            pk=self.instance.pk
        )
        if normalize_name(name) in {normalize_name(other) for other in others.values_list("name", flat=True)}:
            raise forms.ValidationError(_("A partner with this name is already registered."))
        return name

    def clean_contact_person(self):
        name = self.cleaned_data["contact_person"]
        if problem := person_name_problem(name):
            raise forms.ValidationError(problem)
        return name
