"""Candidates for awards (seed 004, 6.2 «представление кандидатур лучших наставников к награждению»):
the mentors of the registry with what the data say of them — the academic years they mentored,
the pairs and groups they completed, mentees who completed the full cycle, the «Школа наставников»,
their key achievements and places won in closed contests. The coordinator sees the teachers of the
municipality's organizations (no pupils who mentor: their data stay at the school); a school its own
mentors. Filtered on the page and exported as XLSX."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from accounts.tenancy import Tenant
from mentoring.contests.models import ContestResult
from mentoring.contests.selectors import AWARDED_PLACES, ROMAN
from mentoring.pairs.models import MentoringUnit, UnitMentee
from mentoring.registry.models import MentorEntry, Participant, normalize_name
from reports.exporters import Column, ExportContext, TabularExporter, register

EXPORTER_KEY = "award_candidates"
LIMIT = 500


def _number(value: str | None) -> int:
    try:
        return max(0, min(int(value or 0), 100))
    except ValueError:
        return 0


@dataclass(frozen=True)
class CandidateFilters:
    query: str = ""
    min_years: int = 0
    min_completed: int = 0
    with_places: bool = False
    trained: bool = False

    @classmethod
    def from_query(cls, data: QueryDict) -> "CandidateFilters":
        return cls(
            query=(data.get("q") or "").strip()[:100],
            min_years=_number(data.get("min_years")),
            min_completed=_number(data.get("min_completed")),
            with_places=data.get("with_places") == "1",
            trained=data.get("trained") == "1",
        )


@dataclass
class Candidate:
    participant: Participant
    years: int
    completed_units: int
    full_cycle_mentees: int
    trained: bool
    achievements: str
    places: list[str] = field(default_factory=list)


def _mentors(tenant: Tenant) -> QuerySet[Participant]:
    entries = MentorEntry.objects.filter(participant=OuterRef("pk"))
    people = Participant.objects.filter(Exists(entries), depersonalized_at__isnull=True)
    if tenant.is_municipal:
        return people.filter(organization__municipality=tenant.municipality, category=Participant.Category.STAFF)
    return people.filter(organization=tenant.organization)


def _count(queryset, column: str) -> Subquery:
    return Coalesce(
        Subquery(queryset.values(column).annotate(n=Count("pk", distinct=True)).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def candidates_for(tenant: Tenant, filters: CandidateFilters, *, today: datetime.date) -> list[Candidate]:
    """The candidates, those with contest places and the most completed pairs first. Four queries
    whatever the number of mentors."""
    completed = MentoringUnit.objects.filter(mentor=OuterRef("pk"), status=MentoringUnit.Status.COMPLETED)
    full_cycle = UnitMentee.objects.filter(unit__mentor=OuterRef("pk"), full_cycle=True)
    years = MentorEntry.objects.filter(participant=OuterRef("pk"))
    people = (
        _mentors(tenant)
        .select_related("organization")
        .annotate(
            years=Coalesce(
                Subquery(years.values("participant").annotate(n=Count("academic_year", distinct=True)).values("n")[:1]),
                0,
                output_field=IntegerField(),
            ),
            completed_units=_count(completed, "mentor"),
            full_cycle_mentees=_count(full_cycle, "unit__mentor"),
            was_trained=Exists(MentorEntry.objects.filter(participant=OuterRef("pk"), trained=True)),
        )
    )
    if filters.query:
        people = people.filter(search_name__contains=normalize_name(filters.query))
    if filters.min_years:
        people = people.filter(years__gte=filters.min_years)
    if filters.min_completed:
        people = people.filter(completed_units__gte=filters.min_completed)
    if filters.trained:
        people = people.filter(was_trained=True)
    people = list(people.order_by("last_name", "first_name", "patronymic", "pk")[:LIMIT])
    ids = [person.pk for person in people]
    places = defaultdict(list)
    results = (
        ContestResult.objects.filter(
            Q(application__mentor__in=ids) | Q(application__unit__mentor__in=ids),
            application__contest__status="closed",
            place__lte=AWARDED_PLACES,
        )
        .select_related("application__contest", "application__nomination", "application__unit")
        .order_by("-application__contest__results_on", "place")
    )
    for result in results:
        application = result.application
        mentor_id = application.mentor_id or application.unit.mentor_id
        places[mentor_id].append(
            f"{ROMAN[result.place]} место — «{application.contest.title}», "
            f"{application.contest.results_on.year}, номинация «{application.nomination.name}»"
        )
    achievements = {}
    for participant_id, text in (
        MentorEntry.objects.filter(participant__in=ids).exclude(achievements="").order_by("academic_year", "pk")
    ).values_list("participant", "achievements"):
        achievements[participant_id] = text
    candidates = [
        Candidate(
            participant=person,
            years=person.years,
            completed_units=person.completed_units,
            full_cycle_mentees=person.full_cycle_mentees,
            trained=person.was_trained,
            achievements=achievements.get(person.pk, ""),
            places=places.get(person.pk, []),
        )
        for person in people
    ]
    if filters.with_places:
        candidates = [candidate for candidate in candidates if candidate.places]
    candidates.sort(key=lambda candidate: (not candidate.places, -candidate.completed_units, -candidate.years))
    return candidates


@register(EXPORTER_KEY)
class AwardCandidatesExporter(TabularExporter):
    """Context: ``tenant``, ``filters`` (CandidateFilters), ``today``."""

    sheet_title = "Кандидаты"
    columns = (
        Column("№", 5),
        Column(_("Full name"), 32),
        Column(_("Organization"), 30),
        Column(_("Position"), 24),
        Column(_("Years of mentoring"), 12),
        Column(_("Pairs and groups completed"), 14),
        Column(_("Mentees with the full cycle"), 14),
        Column(_("«School of mentors»"), 12),
        Column(_("Contest places"), 45),
        Column(_("Key achievements"), 45),
    )

    def filename(self, context: ExportContext) -> str:
        return f"Кандидаты к награждению {context['today']:%d.%m.%Y}.xlsx"

    def title_rows(self, context: ExportContext):
        tenant = context["tenant"]
        owner = tenant.municipality.name if tenant.is_municipal else tenant.organization.short_name
        return [[f"Кандидатуры лучших наставников к награждению: {owner}, на {context['today']:%d.%m.%Y}"]]

    def rows(self, context: ExportContext):
        candidates = candidates_for(context["tenant"], context["filters"], today=context["today"])
        for number, candidate in enumerate(candidates, start=1):
            person = candidate.participant
            yield [
                number,
                person.full_name,
                person.organization.short_name,
                person.position,
                candidate.years,
                candidate.completed_units,
                candidate.full_cycle_mentees,
                "да" if candidate.trained else "нет",
                "\n".join(candidate.places),
                candidate.achievements,
            ]
