"""Writes of the indicators: reporting periods and targets (the municipality), contingent figures
and submissions (the organization)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Municipality, Organization
from monitoring.indicators.models import (
    CONTINGENT_FIELDS,
    CONTINGENT_PARTS,
    ContingentFigures,
    Indicator,
    ReportingPeriod,
    Submission,
    Target,
)
from monitoring.indicators.selectors import contingent_of, organization_values

# Seed 003: values as of 1 January, 1 April, 1 July and 1 October; an academic year starts with October's.
QUARTER_DATES = [(10, 0), (1, 1), (4, 1), (7, 1)]  # (month, years after the academic year's start)
DUE_DAY = 10


def default_due_on(reporting_date: datetime.date) -> datetime.date:
    """The 10th of the month after the last day counted (seed 001, item 5.4): 10 January for 1 January."""
    last_counted = reporting_date - datetime.timedelta(days=1)
    year, month = (
        (last_counted.year + 1, 1) if last_counted.month == 12 else (last_counted.year, last_counted.month + 1)
    )
    return datetime.date(year, month, DUE_DAY)


def quarterly_dates(academic_year: int) -> list[datetime.date]:
    return [datetime.date(academic_year + later, month, 1) for month, later in QUARTER_DATES]


def _is_used(period: ReportingPeriod) -> bool:
    return period.submissions.exists() or period.contingent_figures.exists()


@transaction.atomic
def period_save(
    *,
    municipality: Municipality,
    reporting_date: datetime.date,
    due_on: datetime.date | None = None,
    period: ReportingPeriod | None = None,
    by,
) -> ReportingPeriod:
    """Creates a reporting period, or changes ``period``; the due date defaults to the 10th of the next month."""
    due_on = due_on or default_due_on(reporting_date)
    errors = {}
    if due_on < reporting_date:
        errors["due_on"] = _("The due date cannot be before the reporting date.")
    clash = ReportingPeriod.objects.filter(municipality=municipality, reporting_date=reporting_date)
    if period is not None:
        clash = clash.exclude(pk=period.pk)
        if period.reporting_date != reporting_date and _is_used(period):
            errors["reporting_date"] = _(
                "Organizations have already entered figures or submitted values as of this date; it cannot change."
            )
    if clash.exists():
        errors["reporting_date"] = _("There is already a period with this reporting date.")
    if errors:
        raise ValidationError(errors)
    if period is None:
        period = ReportingPeriod(municipality=municipality)
    period.reporting_date = reporting_date
    period.due_on = due_on
    period.save()
    return period


@transaction.atomic
def periods_create_quarterly(*, municipality: Municipality, academic_year: int, by) -> list[ReportingPeriod]:
    """The four quarterly periods of an academic year with default due dates; existing dates are kept."""
    existing = set(periods_dates(municipality))
    return [
        period_save(municipality=municipality, reporting_date=day, by=by)
        for day in quarterly_dates(academic_year)
        if day not in existing
    ]


def periods_dates(municipality: Municipality) -> list[datetime.date]:
    return list(ReportingPeriod.objects.filter(municipality=municipality).values_list("reporting_date", flat=True))


@transaction.atomic
def period_delete(*, period: ReportingPeriod, by) -> None:
    if _is_used(period):
        raise ValidationError(
            _("Organizations have already entered figures or submitted values for this period; it cannot be deleted.")
        )
    period.delete()


def _check_target(indicator: Indicator, value: Decimal) -> None:
    if value < 0:
        raise ValidationError(_("A target cannot be negative."))
    if indicator.is_percent and value > 100:
        raise ValidationError(_("A share cannot exceed 100%."))


@transaction.atomic
def target_set(
    *, municipality: Municipality, indicator: Indicator, year: int, value: Decimal | None, by
) -> Target | None:
    """Sets the municipality's target of an indicator for a year; an empty value removes it."""
    if value is None:
        Target.objects.filter(municipality=municipality, indicator=indicator, year=year).delete()
        return None
    _check_target(indicator, value)
    target, _created = Target.objects.update_or_create(
        municipality=municipality, indicator=indicator, year=year, defaults={"value": value, "updated_by": by}
    )
    return target


@transaction.atomic
def targets_save(*, municipality: Municipality, values: dict[tuple[Indicator, int], Decimal | None], by) -> None:
    """Saves a whole table of targets (indicator x year) or nothing: errors by "<code>-<year>"."""
    errors = {}
    for (indicator, year), value in values.items():
        if value is not None:
            try:
                _check_target(indicator, value)
            except ValidationError as error:
                errors[f"{indicator.code}-{year}"] = error.messages
    if errors:
        raise ValidationError(errors)
    current = {
        (target.indicator_id, target.year): target
        for target in Target.objects.filter(municipality=municipality, year__in={year for _i, year in values})
    }
    for (indicator, year), value in values.items():
        existing = current.get((indicator.pk, year))
        if existing is not None and existing.value == value:
            continue
        target_set(municipality=municipality, indicator=indicator, year=year, value=value, by=by)


# The hand-typed trained staff is only the fallback of dates without recorded completions
# (monitoring.indicators.models.ContingentFigures.staff_trained).
OPTIONAL_CONTINGENT_FIELDS = frozenset({"staff_trained"})


def contingent_errors(figures: dict[str, int | None]) -> dict[str, str]:
    """Field -> message: missing or negative figures, and parts greater than their whole."""
    errors = {}
    for name in CONTINGENT_FIELDS:
        value = figures.get(name)
        if value is None:
            if name not in OPTIONAL_CONTINGENT_FIELDS:
                errors[name] = _("Enter the figure; 0 if there is none.")
        elif value < 0:
            errors[name] = _("The figure cannot be negative.")
    for part, whole in CONTINGENT_PARTS.items():
        if part in errors or whole in errors:
            continue
        if figures[part] > figures[whole]:
            errors[part] = _("Cannot exceed «%(whole)s» (%(value)s).") % {
                "whole": ContingentFigures._meta.get_field(whole).verbose_name,
                "value": figures[whole],
            }
    return errors


@transaction.atomic
def contingent_save(
    *, organization: Organization, period: ReportingPeriod, figures: dict[str, int | None], by
) -> ContingentFigures:
    """The organization's contingent on the period's reporting date. Changing it after submitting
    changes nothing submitted: the submission keeps the figures it was made with."""
    if period.municipality_id != organization.municipality_id:
        raise ValidationError(_("The period belongs to another municipality."))
    errors = contingent_errors(figures)
    if errors:
        raise ValidationError(errors)
    contingent, _created = ContingentFigures.objects.update_or_create(
        organization=organization,
        period=period,
        defaults={**{name: figures[name] for name in CONTINGENT_FIELDS}, "updated_by": by},
    )
    return contingent


@transaction.atomic
def period_submit(
    *, organization: Organization, period: ReportingPeriod, by, confirm_exceeding: bool = False
) -> Submission:
    """Freezes the organization's values of the period as they are now. A resubmission replaces
    the current submission and keeps the earlier one as history. A share above 100 % (more people
    counted than the contingent figure has) is most often a figure entered wrong: it is submitted
    only when ``confirm_exceeding`` says the organization has checked it."""
    if period.municipality_id != organization.municipality_id:
        raise ValidationError(_("The period belongs to another municipality."))
    if period.reporting_date > timezone.localdate():
        raise ValidationError(
            _("The values can be submitted from the reporting date, %(date)s.")
            % {"date": date_format(period.reporting_date, "d.m.Y")}
        )
    contingent = contingent_of(organization=organization, period=period)
    if contingent is None:
        raise ValidationError(_("Enter the contingent figures of this period before submitting."))
    # Lock the organization row so two simultaneous submissions cannot both be current.
    Organization.objects.select_for_update().get(pk=organization.pk)
    # The earlier submission stops being current first, so the values below are computed live.
    Submission.objects.filter(organization=organization, period=period, is_current=True).update(is_current=False)
    found = organization_values(organization=organization, period=period)
    if found.exceeding and not confirm_exceeding:
        raise ValidationError(
            {
                "confirm_exceeding": _(
                    "%(indicators)s: more than 100 %%, the numerator is larger than the contingent figure. "
                    "Check the contingent and the registries, or confirm that the values are right."
                )
                % {"indicators": ", ".join(value.indicator.short_name for value in found.exceeding)}
            }
        )
    values = found.values
    return Submission.objects.create(
        organization=organization,
        period=period,
        submitted_by=by,
        submitted_at=timezone.now(),
        values={code: value.as_json() for code, value in values.items()},
        contingent=contingent.as_dict(),
        is_current=True,
    )
