"""Indicators of the target model as data, the municipality's targets and reporting periods, the
organizations' contingent figures per period and their frozen submissions."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organization
from mentoring.academic_year import academic_year_of
from mentoring.models import MentoringForm

# The contingent figures an organization enters per period, in the order of the form:
# field name -> (the figure it is a part of, or None). A part may not exceed its whole.
CONTINGENT_FIELDS = [
    "students_total",
    "students_10_19",
    "students_15_19",
    "students_additional",
    "teachers",
    "teachers_under_35",
    "young_specialists",
    "staff_trained",
    "partner_organizations",
]
CONTINGENT_PARTS = {
    "students_10_19": "students_total",
    "students_15_19": "students_10_19",
    "students_additional": "students_total",
    "teachers_under_35": "teachers",
    "young_specialists": "teachers",
}


def counted_from(on_date: datetime.date) -> datetime.date:
    """The first day the values as of ``on_date`` count people from: the start of the academic year
    the day before belongs to, so «as of 1 September» reports the year that has just ended."""
    return datetime.date(academic_year_of(on_date - datetime.timedelta(days=1)), 9, 1)


def target_year_of(on_date: datetime.date) -> int:
    """The calendar year whose target the values as of ``on_date`` are compared with: as of
    1 January the year that has just ended."""
    return (on_date - datetime.timedelta(days=1)).year


class Indicator(models.Model):
    """An indicator of the effectiveness of the target model: how its numerator is counted and
    which contingent figure divides it. Shipped from seeds 001 and 003, editable in the admin."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("percent")
        COUNT = "count", _("count")

    class Group(models.TextChoices):
        PARTICIPATION = "participation", _("participation of students")
        STAFF = "staff", _("teachers and staff")
        PARTNERS = "partners", _("partners")
        SATISFACTION = "satisfaction", _("satisfaction")

    class Source(models.TextChoices):
        REGISTRY = "registry", _("people in the registries")
        PARTNERS = "partners", _("partner organizations that provided mentors")
        CONTINGENT = "contingent", _("a contingent figure")
        TRAINING = "training", _("staff who completed a training (School of mentors)")
        SATISFACTION = "satisfaction", _("satisfaction from questionnaires")

    class Role(models.TextChoices):
        MENTOR = "mentor", _("mentor")
        MENTEE = "mentee", _("mentee")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=120)
    unit = models.CharField(_("unit of measure"), max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    description = models.TextField(_("how it is counted"), blank=True)
    definition = models.TextField(
        _("definition"), blank=True, help_text=_("What the indicator means, in the words of the order that sets it.")
    )
    source = models.CharField(_("numerator"), max_length=20, choices=Source.choices, default=Source.REGISTRY)
    # Registry and partner numerators: distinct people (or partners) in the role during the period.
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, blank=True)
    categories = models.JSONField(
        _("participant categories"), default=list, blank=True, help_text=_("Empty: any category.")
    )
    age_min = models.PositiveSmallIntegerField(
        _("age from"), null=True, blank=True, validators=[MaxValueValidator(120)], help_text=_("On the reporting date.")
    )
    age_max = models.PositiveSmallIntegerField(
        _("age to (inclusive)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("On the reporting date; «under 35» is 34."),
    )
    young_specialists = models.BooleanField(
        _("young specialists only"),
        default=False,
        help_text=_("Staff with 0–3 years of teaching on the reporting date."),
    )
    full_cycle_only = models.BooleanField(
        _("full cycle only"), default=True, help_text=_("Only entries marked as having completed the full cycle.")
    )
    forms = models.ManyToManyField(
        MentoringForm,
        blank=True,
        related_name="+",
        verbose_name=_("forms of mentoring"),
        help_text=_("Only people in pairs or groups of these forms; empty: any form."),
    )
    organization_kinds = models.JSONField(
        _("kinds of organizations"),
        default=list,
        blank=True,
        help_text=_("The indicator applies only to organizations of these kinds; empty: to all."),
    )
    numerator_figure = models.CharField(
        _("numerator figure"),
        max_length=40,
        blank=True,
        choices=[(name, name) for name in CONTINGENT_FIELDS],
        help_text=_(
            "For a numerator that is a contingent figure; for trained staff, the figure used for a date with no "
            "completion recorded."
        ),
    )
    denominator = models.CharField(
        _("denominator"),
        max_length=40,
        blank=True,
        choices=[(name, name) for name in CONTINGENT_FIELDS],
        help_text=_("The contingent figure that divides the numerator; empty for a count."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="+",
        verbose_name=_("municipalities"),
        help_text=_("The municipalities that monitor the indicator; empty: every one."),
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=models.F("age_max")),
                name="indicators_indicator_age_band",
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        """The fields the chosen numerator needs: an indicator edited in the admin must stay computable."""
        errors = {}
        if self.source in (self.Source.REGISTRY, self.Source.PARTNERS, self.Source.SATISFACTION) and not self.role:
            errors["role"] = _("Choose whose role is counted.")
        if self.source == self.Source.PARTNERS and self.role != self.Role.MENTOR:
            errors["role"] = _("Partners provide mentors: choose the mentor role.")
        if self.source == self.Source.CONTINGENT and not self.numerator_figure:
            errors["numerator_figure"] = _("Choose the contingent figure that is the numerator.")
        if self.source == self.Source.SATISFACTION and self.unit != self.Unit.PERCENT:
            errors["unit"] = _("Satisfaction is a percent.")
        if self.source != self.Source.SATISFACTION and self.unit == self.Unit.PERCENT and not self.denominator:
            errors["denominator"] = _("A share needs the contingent figure it is a share of.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_percent(self) -> bool:
        return self.unit == self.Unit.PERCENT

    def applies_to(self, organization_kind: str) -> bool:
        return not self.organization_kinds or organization_kind in self.organization_kinds


class Target(models.Model):
    """The municipality's target of an indicator for a calendar year."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_targets", verbose_name=_("municipality")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)])
    value = models.DecimalField(_("target"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__position", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "indicator", "year"], name="indicators_target_unique"),
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class ReportingPeriod(models.Model):
    """A reporting date of a municipality («as of 1 January») and the date the values are due."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="reporting_periods", verbose_name=_("municipality")
    )
    reporting_date = models.DateField(_("reporting date"))
    due_on = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["reporting_date"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "reporting_date"], name="indicators_period_unique_date"),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("reporting_date")), name="indicators_period_due_after_date"
            ),
        ]

    def __str__(self):
        return f"{self.reporting_date:%d.%m.%Y}"

    @property
    def counted_from(self) -> datetime.date:
        return counted_from(self.reporting_date)

    @property
    def academic_year(self) -> int:
        return self.counted_from.year

    @property
    def target_year(self) -> int:
        return target_year_of(self.reporting_date)


class ContingentFigures(models.Model):
    """An organization's contingent on a reporting date: the denominators of the indicators."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="contingent_figures", verbose_name=_("organization")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="contingent_figures", verbose_name=_("period")
    )
    students_total = models.PositiveIntegerField(_("students, total"))
    students_10_19 = models.PositiveIntegerField(_("students aged 10–19"))
    students_15_19 = models.PositiveIntegerField(_("students aged 15–19"))
    students_additional = models.PositiveIntegerField(_("students in additional education"))
    teachers = models.PositiveIntegerField(_("teachers"))
    teachers_under_35 = models.PositiveIntegerField(_("teachers under 35"))
    young_specialists = models.PositiveIntegerField(_("young specialists (0–3 years of teaching)"))
    # Typed by hand before the «Школа наставников» was kept in the product: the indicator of trained
    # staff counts the completions recorded here, and falls back on this figure only for a date on
    # which the organization has no completion recorded (periods before it used the product), so
    # that those periods keep their values instead of dropping to zero. Empty once it is not needed.
    staff_trained = models.PositiveIntegerField(_("staff trained in mentoring"), null=True, blank=True)
    partner_organizations = models.PositiveIntegerField(_("partner organizations, total"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contingent figures")
        verbose_name_plural = _("contingent figures")
        ordering = ["period__reporting_date", "organization"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "period"], name="indicators_contingent_unique"),
        ]

    def __str__(self):
        return f"{self.organization} {self.period}"

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in CONTINGENT_FIELDS}


class Submission(models.Model):
    """An organization's values of a period as submitted: frozen, whatever the registries say
    later. A resubmission adds a row and leaves the earlier ones as history."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="indicator_submissions", verbose_name=_("organization")
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("period")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    # {code: {"numerator": int|None, "denominator": int|None, "value": "4.545454545454545454545454545"|None,
    #  "target": ...|None, "applicable": bool, "respondents": int|None, "figures_on": "2026-07-01"|None}}:
    # the value with every digit it was computed with, so that it rounds as the live one did.
    values = models.JSONField(_("values"))
    contingent = models.JSONField(_("contingent figures"), default=dict)
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["period__reporting_date", "organization", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period"],
                condition=Q(is_current=True),
                name="indicators_submission_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.period} ({self.submitted_at:%d.%m.%Y %H:%M})"

    @property
    def is_late(self) -> bool:
        return timezone.localdate(self.submitted_at) > self.period.due_on
