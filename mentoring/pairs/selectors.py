"""Reads of programs and of pairs and groups, always starting from the current organization.

``units_visible`` is the one place that says who sees which unit: the curator and the director see
every unit of the organization, a mentor or a mentee only the units he or she is (or was) in.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.collation import name_order
from accounts.models import Role, User
from accounts.tenancy import Tenant
from mentoring.declension import agreed_with
from mentoring.history import Change, HistoryEvent, history_events
from mentoring.models import (
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    Program,
    UnitMentee,
)
from mentoring.pairs import services as pairs
from mentoring.pairs.services import OPEN_STATUSES, current_memberships

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
            "returned_by",
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


def open_units_of(participant: Participant) -> QuerySet[MentoringUnit]:
    """The open units the person is in as mentor or as a mentee still in them (what a withdrawal of
    the consent to processing would take the person out of)."""
    in_it = Exists(UnitMentee.objects.filter(unit=OuterRef("pk"), mentee=participant, left_on__isnull=True))
    return (
        MentoringUnit.objects.filter(program__organization_id=participant.organization_id, status__in=OPEN_STATUSES)
        .filter(Q(mentor=participant) | in_it)
        .select_related("mentor")
        .order_by("planned_from", "pk")
    )


def draft_count(tenant: Tenant) -> int:
    return MentoringUnit.objects.filter(program__organization=tenant.organization, status=Status.DRAFT).count()


def approval_problems(units: list[MentoringUnit], on_date: datetime.date) -> dict[int, list[str]]:
    """The rules of ``pairs.unit_problems`` for many units at once, in a fixed number of queries.
    The units come from ``units_for_approval`` (program form, mentor and current memberships loaded)."""
    return pairs.units_problems(units, on_date)


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
    returned: int = 0  # drafts the director returned for revision, not sent again yet


def curator_figures(tenant: Tenant, today: datetime.date, academic_year: int) -> CuratorFigures:
    units = MentoringUnit.objects.filter(program__organization=tenant.organization)
    counts = units.filter(status__in=(Status.DRAFT, Status.SUBMITTED)).aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
        returned=Count("pk", filter=Q(status=Status.DRAFT, returned_at__isnull=False)),
    )
    return CuratorFigures(
        **counts,
        idle=idle_units(units, today).count(),
        unmatched=unmatched_mentees(tenant, academic_year).count(),
    )


# The history of a unit ----------------------------------------------------------------------------

# Fields a headline or the facts of the unit page already say: not repeated as changes.
HISTORY_SAID_OTHERWISE = (
    "status",
    "submitted_at",
    "approved_at",
    "approved_by",
    "approval_order",
    "returned_at",
    "returned_by",
    "return_reason",
    "termination_reason",
    "created_by",
    "left_on",
    "leave_reason",
)
STATUS_HEADLINES = {
    Status.SUBMITTED: gettext_lazy("Sent for approval"),
    Status.APPROVED: gettext_lazy("Approved"),
    Status.ACTIVE: gettext_lazy("Work started"),
    Status.COMPLETED: gettext_lazy("The work is completed"),
    Status.TERMINATED: gettext_lazy("Terminated"),
}


@dataclass(frozen=True)
class UnitEvent:
    date: datetime.datetime
    user: User | None
    headline: str
    reason: str
    changes: list[Change]
    returned: bool = False


def _unit_headline(event: HistoryEvent) -> tuple[str, bool]:
    if event.type == "+":
        return _("Draft created"), False
    if event.type == "-":
        return _("Deleted"), False
    old, new = event.raw.get("status", (None, None))
    if old == Status.SUBMITTED and new == Status.DRAFT:
        return _("Returned for revision"), True
    if new in STATUS_HEADLINES:
        return str(STATUS_HEADLINES[new]), False
    return _("Changed"), False


def _membership_headline(event: HistoryEvent, mentee: Participant | None) -> str:
    record = event.record
    name = mentee.full_name if mentee else "—"
    if event.type == "+":
        sentence, date = _("%(name)s joined on %(date)s"), record.joined_on
    elif event.type == "-":
        sentence, date = _("%(name)s is removed"), None
    elif "left_on" in event.raw and record.left_on:
        sentence, date = _("%(name)s left on %(date)s"), record.left_on
    else:
        return _("%(name)s: changed") % {"name": name}
    return agreed_with(sentence, mentee) % {"name": name, "date": f"{date:%d.%m.%Y}" if date else ""}


def unit_history(unit: MentoringUnit) -> list[UnitEvent]:
    """Every saved change of the unit and of its mentees, oldest first, as sentences: what happened,
    who did it, why (a return's or a termination's reason) and which fields changed how.
    A fixed number of queries whatever the length of the history."""
    unit_label = str(MentoringUnit._meta.verbose_name)
    membership_label = str(UnitMentee._meta.verbose_name)
    events = history_events(
        [
            (MentoringUnit.history.filter(id=unit.pk).select_related("history_user"), unit_label),
            (UnitMentee.history.filter(unit_id=unit.pk).select_related("history_user"), membership_label),
        ],
        hidden=HISTORY_SAID_OTHERWISE,
    )
    mentee_ids = {event.record.mentee_id for event in events if event.object == membership_label}
    mentees = Participant.objects.in_bulk(mentee_ids)
    result = []
    for event in reversed(events):
        if event.object == unit_label:
            headline, returned = _unit_headline(event)
            reason = event.reason or (event.record.return_reason if returned else "")
        else:
            headline, returned = _membership_headline(event, mentees.get(event.record.mentee_id)), False
            reason = event.reason or (event.record.leave_reason if "left_on" in event.raw else "")
        result.append(
            UnitEvent(
                date=event.date,
                user=event.user,
                headline=headline,
                reason=reason,
                changes=event.changes,
                returned=returned,
            )
        )
    return result
