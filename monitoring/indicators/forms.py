from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import model_formfield
from monitoring.indicators.models import CONTINGENT_FIELDS, ContingentFigures, Indicator, ReportingPeriod
from monitoring.indicators.services import contingent_errors


class SubmitForm(forms.Form):
    """The submission of a period's values; the box is asked for when a share exceeds 100 %."""

    confirm_exceeding = forms.BooleanField(
        label=_(
            "I have checked the shares that exceed the whole against the contingent and the registries: they are right."
        ),
        required=False,
    )


class ContingentForm(forms.ModelForm):
    """The contingent of a period; the view offers last period's figures as the initial values."""

    class Meta:
        model = ContingentFigures
        fields = CONTINGENT_FIELDS
        help_texts = {
            "students_10_19": _("Of all students, those aged 10 to 19 on the reporting date."),
            "students_15_19": _("Of those aged 10–19, those aged 15 to 19."),
            "students_additional": _("Of all students, those in additional education programs."),
            "teachers_under_35": _("Of the teachers, those under 35 on the reporting date."),
            "young_specialists": _("Of the teachers, those with 0 to 3 years of teaching."),
            "staff_trained": _(
                "Only for a date before the trainings are recorded in «School of mentors»: from the first "
                "completion recorded on or before the date, the indicator counts the completions instead."
            ),
            "partner_organizations": _("Enterprises and organizations with an agreement on mentoring."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CONTINGENT_FIELDS:
            field = self.fields[name]
            # Negative numbers get our message next to the field, not the browser's or the validator's.
            field.min_value = None
            field.validators = []
            field.widget.attrs.pop("min", None)
            field.widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        if not any(name in self.errors for name in CONTINGENT_FIELDS):
            for name, message in contingent_errors({name: cleaned.get(name) for name in CONTINGENT_FIELDS}).items():
                self.add_error(name, message)
        return cleaned

    def _post_clean(self):
        # The model's own PositiveIntegerField check would repeat the message; the service decides.
        pass

    def figures(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in CONTINGENT_FIELDS}


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["reporting_date", "due_on"]
        formfield_callback = model_formfield
        help_texts = {"due_on": _("Empty: the 10th of the next month.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False

    def _post_clean(self):
        # Uniqueness and the order of the dates are the service's rules, reported by it.
        pass


class QuarterlyForm(forms.Form):
    academic_year = forms.TypedChoiceField(label=_("Academic year"), coerce=int)

    def __init__(self, *args, year_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].choices = year_choices


def target_field_name(indicator: Indicator, year: int) -> str:
    return f"{indicator.code}-{year}"


class TargetTableForm(forms.Form):
    """One decimal field per indicator and year; empty means no target."""

    def __init__(self, *args, indicators: list[Indicator], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        self.years = years
        for indicator in indicators:
            for year in years:
                self.fields[target_field_name(indicator, year)] = forms.DecimalField(
                    label=f"{indicator.short_name}, {year}",
                    required=False,
                    max_digits=9,
                    decimal_places=2,
                    # Russian users type a decimal comma.
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
                )

    def values(self) -> dict[tuple[Indicator, int], Decimal | None]:
        return {
            (indicator, year): self.cleaned_data[target_field_name(indicator, year)]
            for indicator in self.indicators
            for year in self.years
        }

    def rows(self):
        """(indicator, [bound field per year]) for the table."""
        return [
            (indicator, [self[target_field_name(indicator, year)] for year in self.years])
            for indicator in self.indicators
        ]
