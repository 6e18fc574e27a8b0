"""The personalised registries of mentees and of mentors for an academic year, as XLSX.

Columns follow DOMAIN.md (Registries). Those that come from pairs (a mentee's mentor, the form and
role model, a mentor's mentees) are added when pairs exist.
Context of both exporters: ``organization``, ``academic_year`` (its starting year), ``today``.
"""

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from mentoring.academic_year import academic_year_label
from mentoring.consent_forms import workplace_of
from mentoring.models import MenteeEntry, MentorEntry, Participant
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


class RegistryExporter(TabularExporter):
    model: type[MenteeEntry] | type[MentorEntry]
    registry_title = ""

    def entries(self, context: ExportContext) -> QuerySet:
        # One query whatever the number of rows: the organization comes from the context.
        return (
            self.model.objects.filter(
                participant__organization=context["organization"], academic_year=context["academic_year"]
            )
            .select_related("participant__partner")
            .order_by("participant__last_name", "participant__first_name", "participant__patronymic", "pk")
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
        Column(_("Date of entry into the program"), 13),
        Column(_("Date of completion"), 13),
        Column(_("Results"), 32),
        Column(_("Link to the case or feedback"), 28),
        Column(_("Full cycle"), 9),
    )

    def rows(self, context: ExportContext) -> Iterable[list]:
        today = context["today"]
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
        Column(_("Date of entry into the program"), 13),
        Column(_("Trained in the «School of mentors»"), 16),
        Column(_("Results"), 30),
        Column(_("Link to the case or feedback"), 28),
        Column(_("Full cycle"), 9),
    )

    def rows(self, context: ExportContext) -> Iterable[list]:
        today = context["today"]
        organization = context["organization"]
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
                entry.entered_on,
                trained_mark(entry),
                entry.results,
                entry.case_url,
                yes_no(entry.full_cycle),
            ]
