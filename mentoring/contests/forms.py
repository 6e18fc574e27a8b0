from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import model_formfield
from accounts.ids import IdMultipleChoiceField
from accounts.models import User
from mentoring.contests.models import Application, Contest, Criterion, Nomination
from mentoring.contests.selectors import jury_candidates
from mentoring.registry.forms import date_widgets


class JurorField(IdMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.get_username()


class ContestForm(forms.ModelForm):
    jury = JurorField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Jury")
    )

    class Meta:
        model = Contest
        formfield_callback = model_formfield
        fields = ["title", "rules", "applications_from", "applications_to", "judging_until", "results_on"]
        widgets = {
            **date_widgets("applications_from", "applications_to", "judging_until", "results_on"),
            "rules": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jury"].queryset = jury_candidates(self.instance)
        if self.instance.pk:
            self.fields["jury"].initial = list(self.instance.jury.all())


class NominationForm(forms.ModelForm):
    # Two small forms on one page: their fields' ids must differ.
    prefix = "nomination"

    class Meta:
        model = Nomination
        fields = ["name"]


class CriterionForm(forms.ModelForm):
    prefix = "criterion"

    class Meta:
        model = Criterion
        fields = ["name", "max_score"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.ModelForm):
    file = MultipleFileField(
        label=_("Files"),
        required=False,
        help_text=_("PDF, images or office documents, up to 20 MB each; several may be chosen."),
    )

    class Meta:
        model = Application
        fields = ["nomination", "unit", "mentor", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, contest: Contest, units=None, mentors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = contest.nominations.all()
        self.fields["nomination"].empty_label = None
        if contest.is_municipal:
            del self.fields["unit"]
            self.fields["mentor"].queryset = mentors
            self.fields["mentor"].required = True
        else:
            del self.fields["mentor"]
            self.fields["unit"].queryset = units
            self.fields["unit"].required = True


class ScoreForm(forms.Form):
    """A field per criterion of the contest, from 0 to its maximum."""

    def __init__(self, *args, criteria, initial_scores: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                initial=initial_scores.get(criterion.pk),
            )

    def values(self) -> dict[int, int]:
        return {criterion.pk: self.cleaned_data[f"criterion_{criterion.pk}"] for criterion in self.criteria}
