"""The personalised registries of mentees and of mentors for an academic year, as XLSX.

Columns follow DOMAIN.md (Registries); those that come from pairs (a mentee's mentor, the form and
role model, a mentor's mentees) are read from the year's approved pairs and groups.
Context of both exporters: ``organization``, ``academic_year`` (its starting year), ``today``.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.models import Organization
from mentoring.academic_year import academic_year_label
from mentoring.models import WORKING_STATUSES, MenteeEntry, MentorEntry, Participant, UnitMentee
from mentoring.registry.consent_forms import workplace_of
from reports.exporters import Column, ExportContext, TabularExporter, register

# URL slug -> exporter key.
REGISTRY_EXPORTERS = {"mentees": "mentee_registry", "mentors": "mentor_registry"}


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def contacts_of(participant: Participant, today: datetime.date) -> str:
    """Phone and e-mail; for a minor they are the parent's, so the parent is named first."""
    parts = [participant.phone, participant.email]
    if participant.is_minor_on(today) and participant.guardian_name:
        parts.insert(0, participant.guardian_name)
    return ", ".join(part for part in parts if part)


def class_or_position(participant: Participant, today: datetime.date) -> str:
    if participant.class_name and not participant.position:
        return participant.class_name
    if not participant.position:
        return ""
    years = participant.experience_years_on(today)
    if years is None:
        return participant.position
    experience = ngettext("experience %(years)s year", "experience %(years)s years", years) % {"years": years}
    return f"{participant.position}, {experience}"


def workplace_and_position(participant: Participant, organization: Organization) -> str:
    detail = participant.position or participant.class_name
    return ", ".join(part for part in (workplace_of(participant, organization), detail) if part)


def desired_age(entry: MentorEntry) -> str:
    low, high = entry.desired_age_min, entry.desired_age_max
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return gettext("from %(age)s") % {"age": low}
    if high is not None:
        return gettext("up to %(age)s") % {"age": high}
    return ""


def trained_mark(entry: MentorEntry) -> str:
    if not entry.trained:
        return gettext("no")
    if entry.trained_on:
        return gettext("yes, %(date)s") % {"date": entry.trained_on.strftime("%d.%m.%Y")}
    return gettext("yes")


@dataclass
class PairLinks:
    """What the registries show of the pairs, by participant id."""

    mentors_of: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentee_forms: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentees_of: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentor_forms: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))


def _add_once(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)


def pair_links(organization: Organization, academic_year: int) -> PairLinks:
    """One query for the whole registry: every mentee of the year's approved units with the unit."""
    links = PairLinks()
    memberships = (
        UnitMentee.objects.filter(
            unit__program__organization=organization,
            unit__program__academic_year=academic_year,
            unit__status__in=WORKING_STATUSES,
        )
        .select_related("mentee", "unit__mentor__partner", "unit__form", "unit__role_model")
        .order_by("unit__planned_from", "unit_id", *name_order("mentee__"), "pk")
    )
    for membership in memberships:
        unit, mentor, mentee = membership.unit, membership.unit.mentor, membership.mentee
        form = ", ".join(str(part) for part in (unit.form.name, unit.role_model and unit.role_model.name) if part)
        _add_once(links.mentors_of[mentee.pk], f"{mentor.full_name} ({workplace_and_position(mentor, organization)})")
        _add_once(links.mentee_forms[mentee.pk], form)
        detail = f", {mentee.class_name}" if mentee.class_name else ""
        _add_once(links.mentees_of[mentor.pk], f"{mentee.full_name}{detail}")
        _add_once(links.mentor_forms[mentor.pk], unit.form.name)
    return links


class RegistryExporter(TabularExporter):
    model: type[MenteeEntry] | type[MentorEntry]
    registry_title = ""

    def entries(self, context: ExportContext) -> QuerySet:
        # One query whatever the number of rows: the organization comes from the context.
        return (
            self.model.objects.filter(organization=context["organization"], academic_year=context["academic_year"])
            .select_related("participant__partner")
            .order_by(*name_order("participant__"), "pk")
        )

    def filename(self, context: ExportContext) -> str:
        year = context["academic_year"]
        return f"{self.registry_title} {year}-{year + 1} {context['organization'].short_name}"

    def title_rows(self, context: ExportContext) -> Iterable[list]:
        title = gettext("%(registry)s: %(organization)s, academic year %(year)s, as of %(date)s") % {
            "registry": self.registry_title,
            "organization": context["organization"].short_name,
            "year": academic_year_label(context["academic_year"]),
            "date": context["today"].strftime("%d.%m.%Y"),
        }
        return [[title]]


@register("mentee_registry")
class MenteeRegistryExporter(RegistryExporter):
    model = MenteeEntry
    registry_title = _("Mentee registry")
    sheet_title = _("Mentees")
    columns = (
        Column(_("No."), 5),
        Column(_("Full name"), 32),
        Column(_("Date of birth"), 12),
        Column(_("Age"), 7),
        Column(_("Contacts (for a minor, the parent's)"), 34),
        Column(_("Class or group, or position and experience"), 24),
        Column(_("Key request"), 32),
        Column(_("Mentor and his or her place of work or study"), 36),
        Column(_("Form and role model"), 30),
        Column(_("Date of entry into the program"), 13),
        Column(_("Date of completion"), 13),
        Column(_("Results"), 32),
        Column(_("Link to the case or feedback"), 28),
        Column(_("Full cycle"), 9),
    )

    def rows(self, context: ExportContext) -> Iterable[list]:
        today = context["today"]
        links = pair_links(context["organization"], context["academic_year"])
        for number, entry in enumerate(self.entries(context), start=1):
            participant = entry.participant
            yield [
                number,
                participant.full_name,
                participant.birth_date,
                participant.age_on(today),
                contacts_of(participant, today),
                class_or_position(participant, today),
                entry.key_request,
                "; ".join(links.mentors_of[participant.pk]),
                "; ".join(links.mentee_forms[participant.pk]),
                entry.entered_on,
                entry.completed_on,
                entry.results,
                entry.case_url,
                yes_no(entry.full_cycle),
            ]


@register("mentor_registry")
class MentorRegistryExporter(RegistryExporter):
    model = MentorEntry
    registry_title = _("Mentor registry")
    sheet_title = _("Mentors")
    columns = (
        Column(_("No."), 5),
        Column(_("Full name"), 32),
        Column(_("Contacts"), 30),
        Column(_("Age"), 7),
        Column(_("Place of work or study and position"), 34),
        Column(_("Key achievements"), 30),
        Column(_("Interests"), 26),
        Column(_("Competencies"), 30),
        Column(_("Desired age of mentees"), 12),
        Column(_("Mentees"), 36),
        Column(_("Form of mentoring"), 24),
        Column(_("Date of entry into the program"), 13),
        Column(_("Trained in the «School of mentors»"), 16),
        Column(_("Results"), 30),
        Column(_("Link to the case or feedback"), 28),
        Column(_("Full cycle"), 9),
    )

    def rows(self, context: ExportContext) -> Iterable[list]:
        today = context["today"]
        organization = context["organization"]
        links = pair_links(organization, context["academic_year"])
        for number, entry in enumerate(self.entries(context), start=1):
            participant = entry.participant
            yield [
                number,
                participant.full_name,
                contacts_of(participant, today),
                participant.age_on(today),
                workplace_and_position(participant, organization),
                entry.achievements,
                entry.interests,
                entry.competencies,
                desired_age(entry),
                "; ".join(links.mentees_of[participant.pk]),
                "; ".join(links.mentor_forms[participant.pk]),
                entry.entered_on,
                trained_mark(entry),
                entry.results,
                entry.case_url,
                yes_no(entry.full_cycle),
            ]
