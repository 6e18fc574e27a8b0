"""Reads of programs and of pairs and groups, always starting from the current organization.

``units_visible`` is the one place that says who sees which unit: the curator and the director see
every unit of the organization, a mentor or a mentee only the units he or she is (or was) in.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from accounts.collation import name_order
from accounts.models import Role, User
from accounts.tenancy import Tenant
from mentoring.models import (
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    Program,
    UnitMentee,
)
from mentoring.pairs import services as pairs
from mentoring.pairs.services import OPEN_STATUSES

Status = MentoringUnit.Status
# An active unit without a logged meeting for this long needs the curator's attention.
IDLE_DAYS = 30
# Roles that see only the units they are in.
PERSONAL_ROLES = (Role.MENTOR, Role.MENTEE)


def units_visible(tenant: Tenant, user: User) -> QuerySet[MentoringUnit]:
    """The units of the current organization the user may see; another's unit is simply absent (404)."""
    if tenant is None or tenant.organization is None:
        return MentoringUnit.objects.none()
    units = MentoringUnit.objects.filter(program__organization=tenant.organization)
    if tenant.role in PERSONAL_ROLES:
        # Exists rather than a join: no duplicate rows, and aggregates over meetings stay right.
        is_mentee = Exists(UnitMentee.objects.filter(unit=OuterRef("pk"), mentee__user=user))
        units = units.filter(Q(mentor__user=user) | is_mentee)
    return units


def current_memberships() -> Prefetch:
    """The mentees still in the unit, as ``unit.current_memberships``."""
    return Prefetch(
        "mentees",
        queryset=UnitMentee.objects.filter(left_on__isnull=True).select_related("mentee"),
        to_attr="current_memberships",
    )


def unit_list(tenant: Tenant, user: User) -> QuerySet[MentoringUnit]:
    """The list of units: each row knows its last meeting; mentees come in one extra query."""
    return (
        units_visible(tenant, user)
        .select_related("program", "form", "role_model", "teacher_format", "mentor")
        .prefetch_related(current_memberships())
        .annotate(last_meeting=Max("meetings__held_on"))
        .order_by("program__academic_year", "program__title", *name_order("mentor__"), "pk")
    )


def idle_units(units: QuerySet[MentoringUnit], today: datetime.date) -> QuerySet[MentoringUnit]:
    """Active units whose last meeting (or, with none, their start) is IDLE_DAYS or more ago."""
    limit = today - datetime.timedelta(days=IDLE_DAYS)
    last = Coalesce(Max("meetings__held_on"), F("started_on"))
    return (
        units.filter(status=Status.ACTIVE)
        .alias(last_activity=last)
        .filter(Q(last_activity__isnull=True) | Q(last_activity__lte=limit))
    )


def unit_detail(tenant: Tenant, user: User) -> QuerySet[MentoringUnit]:
    return (
        units_visible(tenant, user)
        .select_related(
            "program__curator",
            "form",
            "role_model",
            "teacher_format",
            "mentor",
            "approval_order",
            "approved_by",
            "created_by",
        )
        .prefetch_related(
            Prefetch(
                "mentees",
                queryset=UnitMentee.objects.select_related("mentee", "plan").order_by(
                    "joined_on", *name_order("mentee__"), "pk"
                ),
            )
        )
        .annotate(meetings_count=Count("meetings"), last_meeting=Max("meetings__held_on"))
    )


def programs_of(tenant: Tenant) -> QuerySet[Program]:
    return Program.objects.filter(organization=tenant.organization)


def program_list(tenant: Tenant) -> QuerySet[Program]:
    open_units = Q(units__status__in=OPEN_STATUSES)
    return (
        programs_of(tenant)
        .select_related("form", "curator")
        .annotate(units_count=Count("units"), open_units_count=Count("units", filter=open_units))
        .order_by("-academic_year", "title")
    )


def program_status_counts(program: Program) -> list[dict]:
    """Every status with how many units of the program are in it (zeros too)."""
    counts = dict(program.units.values_list("status").annotate(count=Count("pk")).values_list("status", "count"))
    return [{"status": value, "label": label, "count": counts.get(value, 0)} for value, label in Status.choices]


@dataclass(frozen=True)
class Training:
    trained: int
    total: int


def program_training(program: Program) -> Training:
    """How many of the program's mentors are trained in the «School of mentors» in its academic year."""
    mentors = program.units.exclude(status=Status.TERMINATED).values("mentor")
    total = Participant.objects.filter(pk__in=mentors).count()
    trained = MentorEntry.objects.filter(
        participant__in=mentors, academic_year=program.academic_year, trained=True
    ).count()
    return Training(trained=trained, total=total)


def curators_of(organization) -> QuerySet[User]:
    """Users with a curator's membership in the organization: who may lead a program."""
    return User.objects.filter(
        memberships__organization=organization, memberships__role=Role.CURATOR, is_active=True
    ).distinct()


def candidates(program: Program, *, categories: list[str], registry) -> tuple[QuerySet[Participant], set[int]]:
    """Participants of the program's organization whose category the form allows, and which of them
    are in the registry (of mentors or mentees) of the program's year."""
    people = Participant.objects.filter(
        organization=program.organization, category__in=categories, depersonalized_at__isnull=True
    ).order_by(*name_order(), "pk")
    in_registry = set(
        registry.objects.filter(participant__in=people, academic_year=program.academic_year).values_list(
            "participant_id", flat=True
        )
    )
    return people, in_registry


def mentor_candidates(program: Program) -> tuple[QuerySet[Participant], set[int]]:
    return candidates(program, categories=program.form.mentor_categories, registry=MentorEntry)


def mentee_candidates(program: Program) -> tuple[QuerySet[Participant], set[int]]:
    return candidates(program, categories=program.form.mentee_categories, registry=MenteeEntry)


def form_occupancy(program: Program, unit: MentoringUnit | None = None) -> tuple[Counter, set[int]]:
    """In the program's form of mentoring, how many mentees each mentor has in open units and which
    mentees are already in one (the unit being edited left out): what the capacity rules will weigh."""
    rows = UnitMentee.objects.filter(unit__status__in=OPEN_STATUSES, unit__form=program.form, left_on__isnull=True)
    if unit is not None:
        rows = rows.exclude(unit=unit)
    pairs_of_ids = list(rows.values_list("unit__mentor_id", "mentee_id"))
    return Counter(mentor for mentor, _mentee in pairs_of_ids), {mentee for _mentor, mentee in pairs_of_ids}


def units_for_approval(tenant: Tenant) -> QuerySet[MentoringUnit]:
    """Submitted units of the organization, the oldest submission first."""
    return (
        MentoringUnit.objects.filter(program__organization=tenant.organization, status=Status.SUBMITTED)
        .select_related("program__form", "form", "role_model", "teacher_format", "mentor")
        .prefetch_related(current_memberships())
        .order_by("submitted_at", "pk")
    )


def approval_problems(units: list[MentoringUnit], on_date: datetime.date) -> dict[int, list[str]]:
    """The rules of ``pairs.unit_problems`` for many units at once, in a fixed number of queries.
    The units come from ``units_for_approval`` (program form, mentor and current memberships loaded)."""
    mentees_of = {unit.pk: [membership.mentee for membership in unit.current_memberships] for unit in units}
    facts = pairs.rule_facts(
        {unit.mentor.pk for unit in units},
        {mentee.pk for mentees in mentees_of.values() for mentee in mentees},
        on_date,
    )
    return {
        unit.pk: pairs.rule_problems(
            program=unit.program,
            mentor=unit.mentor,
            mentees=mentees_of[unit.pk],
            on_date=on_date,
            unit_id=unit.pk,
            facts=facts,
        )
        for unit in units
    }


def unmatched_mentees(tenant: Tenant, academic_year: int) -> QuerySet[MenteeEntry]:
    return pairs.unmatched_mentees(tenant.organization, academic_year)


def mentee_entries_of(tenant: Tenant) -> QuerySet[MenteeEntry]:
    return MenteeEntry.objects.filter(organization=tenant.organization).select_related("participant")


@dataclass(frozen=True)
class CuratorFigures:
    drafts: int
    submitted: int
    idle: int
    unmatched: int


def curator_figures(tenant: Tenant, today: datetime.date, academic_year: int) -> CuratorFigures:
    units = MentoringUnit.objects.filter(program__organization=tenant.organization)
    by_status = dict(
        units.filter(status__in=(Status.DRAFT, Status.SUBMITTED))
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return CuratorFigures(
        drafts=by_status.get(Status.DRAFT, 0),
        submitted=by_status.get(Status.SUBMITTED, 0),
        idle=idle_units(units, today).count(),
        unmatched=unmatched_mentees(tenant, academic_year).count(),
    )
