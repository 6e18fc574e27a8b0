"""Services of pairs and groups: the rules of forming them and every transition of their status.

draft -> submitted -> approved -> active -> completed, or terminated (with a reason) from
approved or active. Each function validates, saves in a transaction and says why it refuses.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Prefetch, Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.collation import name_order
from accounts.data_version import data_changed
from accounts.models import Organization, User
from mentoring.academic_year import academic_year_of
from mentoring.declension import agreed_with, study_group
from mentoring.models import (
    Consent,
    MatchingExclusion,
    MatchingRun,
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    Program,
    RoleModel,
    TeacherMentoringFormat,
    UnitMentee,
)
from mentoring.registry.consents import valid_consents
from mentoring.registry.signals import participant_depersonalized, processing_consent_withdrawn
from reports.api import approval_order_issue

Status = MentoringUnit.Status
# A unit holds its mentor's capacity and its mentees from the draft until it ends.
OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.ACTIVE)
CONSENT_WITHDRAWN = "согласие на обработку персональных данных отозвано"


@dataclass(frozen=True)
class RuleFacts:
    """What the rules read from the database, loaded once for any number of units."""

    parent_links: set[tuple[int, int]]  # (child id, parent id)
    consented: set[int]  # people with a valid consent to processing on the date
    # Every open membership of these people, as mentors and as mentees: (unit id, mentor id, form id,
    # mentee id).
    open_rows: list[tuple[int, int, int, int]]
    # A mentor's own limit of mentees (MentorEntry.max_mentees) by (mentor id, academic year).
    limits: dict[tuple[int, int], int]


def rule_facts(mentor_ids: set[int], mentee_ids: set[int], on_date: datetime.date) -> RuleFacts:
    """Four queries whatever the number of people. Everyone's open memberships are read both as a
    mentor and as a mentee: a mentor who is a mentee in the form, or a mentee who mentors in it, is
    refused (one role per person in a form)."""
    everyone = mentor_ids | mentee_ids
    return RuleFacts(
        parent_links=set(
            Participant.parents.through.objects.filter(
                from_participant_id__in=mentee_ids, to_participant_id__in=mentor_ids
            ).values_list("from_participant_id", "to_participant_id")
        ),
        consented=set(
            valid_consents(Consent.Kind.PROCESSING, on_date)
            .filter(participant__in=mentor_ids | mentee_ids)
            .values_list("participant_id", flat=True)
        ),
        open_rows=_open_rows(everyone, everyone),
        limits={
            (participant, year): limit
            for participant, year, limit in MentorEntry.objects.filter(
                participant__in=mentor_ids, max_mentees__isnull=False
            ).values_list("participant_id", "academic_year", "max_mentees")
        },
    )


def _open_rows(mentor_ids: set[int], mentee_ids: set[int]) -> list[tuple[int, int, int, int]]:
    """The open memberships of the mentors' units and of the mentees, as one UNION: an OR across
    the two tables would make PostgreSQL scan every unit of the region (180 ms on the director's
    approval page, make load); each half reads its own index."""
    fields = ("unit_id", "unit__mentor_id", "unit__form_id", "mentee_id")
    memberships = UnitMentee.objects.filter(unit__status__in=OPEN_STATUSES, left_on__isnull=True).order_by()
    of_mentors = memberships.filter(unit__mentor_id__in=mentor_ids).values_list(*fields)
    return list(of_mentors.union(memberships.filter(mentee_id__in=mentee_ids).values_list(*fields)))


def unit_problems(
    *,
    program: Program,
    mentor: Participant,
    mentees: list[Participant],
    on_date: datetime.date,
    unit: MentoringUnit | None = None,
) -> list[str]:
    """Every rule the unit would break, as messages for the curator; empty when it may be formed."""
    facts = rule_facts({mentor.pk}, {mentee.pk for mentee in mentees}, on_date)
    return rule_problems(
        program=program, mentor=mentor, mentees=mentees, on_date=on_date, unit_id=unit and unit.pk, facts=facts
    )


def rule_problems(
    *,
    program: Program,
    mentor: Participant,
    mentees: list[Participant],
    on_date: datetime.date,
    unit_id: int | None,
    facts: RuleFacts,
) -> list[str]:
    """The rules of forming a unit on loaded facts (the unit itself, when saved, is left out of the
    capacity and "already in another unit" counts)."""
    form = program.form
    problems = []
    if not mentees:
        problems.append(_("Choose at least one mentee."))
    people = [mentor, *mentees]
    if any(person.organization_id != program.organization_id for person in people):
        problems.append(_("Everyone must be a participant of the program's organization."))
    if mentor.category not in form.mentor_categories:
        problems.append(
            _("In the form «%(form)s» a %(category)s cannot be a mentor.")
            % {"form": form.name, "category": mentor.get_category_display()}
        )
    for mentee in mentees:
        if mentee.pk == mentor.pk:
            problems.append(_("%(name)s cannot be his or her own mentee.") % {"name": mentor.full_name})
        elif mentee.category not in form.mentee_categories:
            problems.append(
                _("In the form «%(form)s» %(name)s (%(category)s) cannot be a mentee.")
                % {"form": form.name, "name": mentee.full_name, "category": mentee.get_category_display()}
            )
    for mentee in mentees:
        if (mentee.pk, mentor.pk) in facts.parent_links:
            problems.append(
                _("%(parent)s is a parent of %(child)s: a parent never mentors his or her own child.")
                % {"parent": mentor.full_name, "child": mentee.full_name}
            )
    for person in people:
        if person.pk not in facts.consented:
            problems.append(
                _("%(name)s has no valid consent to the processing of personal data%(whose)s.")
                % {
                    "name": person.full_name,
                    "whose": _(" signed by a parent or legal representative") if person.is_minor_on(on_date) else "",
                }
            )
    others = [row for row in facts.open_rows if row[0] != unit_id and row[2] == form.pk]
    load = sum(1 for _unit, mentor_id, _form, _mentee in others if mentor_id == mentor.pk)
    if load + len(mentees) > form.mentor_capacity:
        problems.append(
            _("%(name)s would have %(count)s mentees in the form «%(form)s»; at most %(capacity)s are allowed.")
            % {
                "name": mentor.full_name,
                "count": load + len(mentees),
                "form": form.name,
                "capacity": form.mentor_capacity,
            }
        )
    by_pk = {mentee.pk: mentee for mentee in mentees}
    for _unit, _mentor, _form, mentee_id in others:
        if mentee_id in by_pk:
            problems.append(
                _("%(name)s is already in another pair or group of the form «%(form)s».")
                % {"name": by_pk[mentee_id].full_name, "form": form.name}
            )
    # One role per person in a form: nobody mentors where he or she is mentored (no chains, no pairs
    # both ways).
    if any(row[3] == mentor.pk for row in others):
        problems.append(
            _("%(name)s is a mentee in the form «%(form)s» and cannot be a mentor in it.")
            % {"name": mentor.full_name, "form": form.name}
        )
    mentoring = {row[1] for row in others}
    for mentee in mentees:
        if mentee.pk in mentoring:
            problems.append(
                _("%(name)s is a mentor in the form «%(form)s» and cannot be a mentee in it.")
                % {"name": mentee.full_name, "form": form.name}
            )
    # The mentor's own limit counts the open memberships of every form.
    limit = facts.limits.get((mentor.pk, program.academic_year))
    taken = sum(1 for row in facts.open_rows if row[0] != unit_id and row[1] == mentor.pk)
    if limit is not None and taken + len(mentees) > limit:
        problems.append(
            _("%(name)s takes at most %(limit)s mentees (the mentor's registry entry); there are already %(count)s.")
            % {"name": mentor.full_name, "limit": limit, "count": taken}
        )
    return list(dict.fromkeys(problems))


def _check(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


def _check_status(unit: MentoringUnit, *allowed: str) -> None:
    if unit.status not in allowed:
        raise ValidationError(
            _("This cannot be done with a unit in the status «%(status)s».") % {"status": unit.get_status_display()}
        )


def _check_term(planned_from: datetime.date, planned_to: datetime.date) -> None:
    if planned_to < planned_from:
        raise ValidationError({"planned_to": _("The end is before the start.")})


@transaction.atomic
def unit_create(
    *,
    program: Program,
    mentor: Participant,
    mentees: list[Participant],
    by: User,
    role_model: RoleModel | None = None,
    teacher_format: TeacherMentoringFormat | None = None,
    planned_from: datetime.date | None = None,
    planned_to: datetime.date | None = None,
) -> MentoringUnit:
    """A draft pair (one mentee) or group (several) of the program."""
    today = timezone.localdate()
    _check(unit_problems(program=program, mentor=mentor, mentees=mentees, on_date=today))
    if role_model is not None and role_model.form_id != program.form_id:
        raise ValidationError({"role_model": _("The role model belongs to another form of mentoring.")})
    planned_from = planned_from or max(program.starts_on, today)
    planned_to = planned_to or program.ends_on
    _check_term(planned_from, planned_to)
    unit = MentoringUnit(
        program=program,
        form=program.form,
        role_model=role_model,
        teacher_format=teacher_format,
        kind=MentoringUnit.Kind.PAIR if len(mentees) == 1 else MentoringUnit.Kind.GROUP,
        mentor=mentor,
        planned_from=planned_from,
        planned_to=planned_to,
        created_by=by,
    )
    unit._history_user = by
    unit.save()
    bulk_create_with_history(
        [UnitMentee(unit=unit, mentee=mentee, joined_on=unit.planned_from) for mentee in mentees],
        UnitMentee,
        default_user=by,
    )
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: MentoringUnit,
    by: User,
    mentor: Participant,
    mentees: list[Participant],
    role_model: RoleModel | None,
    teacher_format: TeacherMentoringFormat | None,
    planned_from: datetime.date,
    planned_to: datetime.date,
) -> MentoringUnit:
    """Changes a draft; a unit sent for approval is changed after it is returned to draft."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.DRAFT)
    _check(unit_problems(program=unit.program, mentor=mentor, mentees=mentees, on_date=timezone.localdate(), unit=unit))
    _check_term(planned_from, planned_to)
    unit.mentor, unit.role_model, unit.teacher_format = mentor, role_model, teacher_format
    unit.planned_from, unit.planned_to = planned_from, planned_to
    unit.kind = MentoringUnit.Kind.PAIR if len(mentees) == 1 else MentoringUnit.Kind.GROUP
    unit._history_user = by
    unit.save()
    for membership in unit.mentees.exclude(mentee__in=mentees):
        membership._history_user = by
        membership.delete()
    present = set(unit.mentees.values_list("mentee_id", flat=True))
    bulk_create_with_history(
        [
            UnitMentee(unit=unit, mentee=mentee, joined_on=planned_from)
            for mentee in mentees
            if mentee.pk not in present
        ],
        UnitMentee,
        default_user=by,
    )
    return unit


def _current(unit: MentoringUnit) -> list[Participant]:
    return [membership.mentee for membership in unit.mentees.filter(left_on__isnull=True).select_related("mentee")]


@transaction.atomic
def unit_submit(*, unit: MentoringUnit, by: User) -> MentoringUnit:
    """The curator sends a draft to the director; the rules are checked again on that day."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.DRAFT)
    _check(
        unit_problems(
            program=unit.program, mentor=unit.mentor, mentees=_current(unit), on_date=timezone.localdate(), unit=unit
        )
    )
    _mark_submitted(unit, timezone.now())
    unit._history_user = by
    unit.save(update_fields=SUBMIT_FIELDS)
    return unit


# What sending for approval changes: a mark of an earlier return goes (the history keeps it).
SUBMIT_FIELDS = ["status", "submitted_at", "returned_at", "returned_by", "return_reason"]


def _mark_submitted(unit: MentoringUnit, at: datetime.datetime) -> None:
    unit.status = Status.SUBMITTED
    unit.submitted_at = at
    unit.returned_at, unit.returned_by, unit.return_reason = None, None, ""


def current_memberships() -> Prefetch:
    """The mentees still in the unit, as ``unit.current_memberships``."""
    return Prefetch(
        "mentees",
        queryset=UnitMentee.objects.filter(left_on__isnull=True).select_related("mentee"),
        to_attr="current_memberships",
    )


def units_problems(units: list[MentoringUnit], on_date: datetime.date) -> dict[int, list[str]]:
    """The rules of ``unit_problems`` for many units at once, in a fixed number of queries. Each unit
    comes with its program's form, its mentor and ``current_memberships`` (see current_memberships)."""
    mentees_of = {unit.pk: [membership.mentee for membership in unit.current_memberships] for unit in units}
    facts = rule_facts(
        {unit.mentor_id for unit in units},
        {mentee.pk for mentees in mentees_of.values() for mentee in mentees},
        on_date,
    )
    return {
        unit.pk: rule_problems(
            program=unit.program,
            mentor=unit.mentor,
            mentees=mentees_of[unit.pk],
            on_date=on_date,
            unit_id=unit.pk,
            facts=facts,
        )
        for unit in units
    }


@dataclass(frozen=True)
class SubmitResult:
    sent: list[MentoringUnit]
    # Drafts that break a rule today, with the rules they break: they stay drafts.
    refused: list[tuple[MentoringUnit, list[str]]]


@transaction.atomic
def units_submit_all(*, organization, by: User) -> SubmitResult:
    """Every draft of the organization that meets the rules today goes to the director at once;
    the others stay drafts, each with what it breaks. The rules are checked in a fixed number of
    queries whatever the number of drafts."""
    drafts = list(
        MentoringUnit.objects.select_for_update(of=("self",))
        .filter(program__organization=organization, status=Status.DRAFT)
        .select_related("program__form", "mentor")
        .prefetch_related(current_memberships())
        .order_by("mentor__last_name", "mentor__first_name", "pk")
    )
    problems = units_problems(drafts, timezone.localdate())
    sent = [unit for unit in drafts if not problems[unit.pk]]
    now = timezone.now()
    for unit in sent:
        _mark_submitted(unit, now)
    bulk_update_with_history(sent, MentoringUnit, SUBMIT_FIELDS, default_user=by)
    return SubmitResult(sent=sent, refused=[(unit, problems[unit.pk]) for unit in drafts if problems[unit.pk]])


@transaction.atomic
def unit_return_to_draft(*, unit: MentoringUnit, by: User, reason: str) -> MentoringUnit:
    """A submitted unit goes back to the curator for revision, with the reason: it stays marked as
    returned until it is sent again, and the history keeps every return with its reason."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.SUBMITTED)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write what should be revised.")})
    unit.status = Status.DRAFT
    unit.submitted_at = None
    unit.returned_at, unit.returned_by, unit.return_reason = timezone.now(), by, reason
    unit._history_user, unit._change_reason = by, reason
    unit.save(update_fields=["status", "submitted_at", "returned_at", "returned_by", "return_reason"])
    return unit


def approval_rows(units: Iterable[MentoringUnit]) -> list[list[str]]:
    """The appendix of the approval order: №, mentor, mentees, form, role model, term."""

    def who(person: Participant, school: bool) -> str:
        # A school's pupil is of a class, a college student or a pupil elsewhere of a group.
        college = person.category == Participant.Category.COLLEGE_STUDENT
        detail = person.position or study_group(person.class_name, school=school and not college)
        return f"{person.full_name}, {detail}" if detail else person.full_name

    def current(unit: MentoringUnit) -> list[UnitMentee]:
        prefetched = getattr(unit, "current_memberships", None)
        return prefetched if prefetched is not None else [m for m in unit.mentees.all() if m.left_on is None]

    rows = []
    for number, unit in enumerate(units, start=1):
        school = unit.program.organization.kind == Organization.Kind.SCHOOL
        mentees = "; ".join(who(m.mentee, school) for m in current(unit))
        term = f"{unit.planned_from:%d.%m.%Y} – {unit.planned_to:%d.%m.%Y}"
        rows.append(
            [
                str(number),
                who(unit.mentor, school),
                mentees,
                unit.form.name,
                unit.role_model.name if unit.role_model else "",
                term,
            ]
        )
    return rows


@transaction.atomic
def units_approve(
    *,
    units: list[MentoringUnit],
    by: User,
    on_date: datetime.date | None = None,
    pdf_in_background: bool | None = None,
):
    """The director approves submitted units: one order «Об утверждении наставнических пар/групп»
    is drafted with them in its appendix, registered, and linked to every unit. The rules are
    checked for all of them together (a fixed number of queries); the order's PDF of a large batch
    is made in the background (reports.api decides, unless ``pdf_in_background`` says)."""
    if not units:
        raise ValidationError(_("Choose the pairs and groups to approve."))
    # Only the units' rows are locked: PostgreSQL refuses FOR UPDATE on the outer-joined role model.
    locked = list(
        MentoringUnit.objects.select_for_update(of=("self",))
        .filter(pk__in=[unit.pk for unit in units])
        .select_related("program__organization", "program__form", "form", "role_model", "mentor")
        .prefetch_related(current_memberships())
        .order_by(*name_order("mentor__"), "pk")
    )
    organizations = {unit.program.organization_id for unit in locked}
    if len(organizations) != 1:
        raise ValidationError(_("One order approves the units of one organization."))
    for unit in locked:
        _check_status(unit, Status.SUBMITTED)
    organization = locked[0].program.organization
    on_date = on_date or timezone.localdate()
    problems = units_problems(locked, on_date)
    _check([problem for unit in locked for problem in problems[unit.pk]])
    order = approval_order_issue(
        organization=organization,
        appendix_rows=approval_rows(locked),
        by=by,
        on_date=on_date,
        pdf_in_background=pdf_in_background,
    )
    now = timezone.now()
    for unit in locked:
        unit.status, unit.approved_at, unit.approved_by, unit.approval_order = Status.APPROVED, now, by, order
        # The figures as of a date count the unit from its order's date.
        unit.approved_on = order.date
    # One UPDATE and one INSERT into the history for the whole batch.
    bulk_update_with_history(
        locked,
        MentoringUnit,
        ["status", "approved_at", "approved_on", "approved_by", "approval_order"],
        default_user=by,
        default_change_reason=_("Order of %(date)s No. %(number)s")
        % {"date": f"{order.date:%d.%m.%Y}", "number": order.number},
    )
    # An update sends no signal: the indicators' cached counts of the organization are stale.
    data_changed(Q(pk=organization.pk))
    return order


@transaction.atomic
def unit_start(*, unit: MentoringUnit, on: datetime.date) -> MentoringUnit:
    """The pair starts working (its first meeting): approved -> active."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.APPROVED)
    unit.status = Status.ACTIVE
    unit.started_on = on
    unit.save(update_fields=["status", "started_on"])
    return unit


def _mark_completion(entry: MentorEntry | MenteeEntry, on: datetime.date, full_cycle: bool) -> None:
    """A full cycle once completed stays completed, dated by its first completion: a later pair
    ended without one neither erases it nor moves its date (the indicators read it as of a date)."""
    if entry.full_cycle:
        # An undated mark of old is dated by the first completion that knows its day.
        entry.completed_on = entry.completed_on or on
        return
    entry.completed_on = on
    entry.full_cycle = full_cycle


def _registry_entries_complete(unit: MentoringUnit, on: datetime.date, full_cycle: dict[int, bool]) -> None:
    """The registry rows of the mentor and the mentees show the completion and its results."""
    year = academic_year_of(unit.planned_from)
    mentee_ids = list(full_cycle)
    # With their participants: saving an entry copies the participant's organization.
    entries = MenteeEntry.objects.filter(participant_id__in=mentee_ids, academic_year=year).select_related(
        "participant"
    )
    for entry in entries:
        _mark_completion(entry, on, full_cycle[entry.participant_id])
        entry.results = entry.results or unit.results
        entry.case_url = entry.case_url or unit.case_url
        entry.save()
    for entry in MentorEntry.objects.filter(participant=unit.mentor, academic_year=year).select_related("participant"):
        still_open = MentoringUnit.objects.filter(mentor=unit.mentor, status__in=OPEN_STATUSES).exclude(pk=unit.pk)
        if any(full_cycle.values()) or not still_open.exists():
            _mark_completion(entry, on, any(full_cycle.values()))
        entry.results = entry.results or unit.results
        entry.case_url = entry.case_url or unit.case_url
        entry.save()


@transaction.atomic
def unit_complete(
    *,
    unit: MentoringUnit,
    by: User,
    on: datetime.date,
    results: str,
    case_url: str = "",
    full_cycle: dict[int, bool] | None = None,
) -> MentoringUnit:
    """Completion after the final meeting: results, the full-cycle mark per mentee (by participant id),
    the link to the published case; the registry rows of everyone update."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.ACTIVE)
    if not results.strip():
        raise ValidationError({"results": _("Describe the results of the pair or group.")})
    if on < (unit.started_on or unit.planned_from):
        raise ValidationError({"finished_on": _("The completion is before the start.")})
    memberships = list(unit.mentees.filter(left_on__isnull=True))
    marks = {membership.mentee_id: bool((full_cycle or {}).get(membership.mentee_id)) for membership in memberships}
    for membership in memberships:
        membership.full_cycle = marks[membership.mentee_id]
    # One UPDATE and one INSERT into the history for the whole group.
    bulk_update_with_history(memberships, UnitMentee, ["full_cycle"], default_user=by)
    unit.status = Status.COMPLETED
    unit.finished_on = on
    unit.results = results.strip()
    unit.case_url = case_url
    unit.save()
    _registry_entries_complete(unit, on, marks)
    return unit


@transaction.atomic
def unit_terminate(*, unit: MentoringUnit, by: User, on: datetime.date, reason: str) -> MentoringUnit:
    """The work ends early, with the reason. A mentee whose membership was to begin after that day
    leaves on the day of joining: never before it (a date of leaving before joining is no fact)."""
    unit = MentoringUnit.objects.select_for_update().get(pk=unit.pk)
    _check_status(unit, Status.APPROVED, Status.ACTIVE)
    if not reason.strip():
        raise ValidationError({"termination_reason": _("Write why the pair or group is terminated.")})
    unit.status = Status.TERMINATED
    unit.finished_on = on
    unit.termination_reason = reason.strip()
    unit._history_user, unit._change_reason = by, reason.strip()
    unit.save()
    current = unit.mentees.filter(left_on__isnull=True)
    current.filter(joined_on__lte=on).update(left_on=on, leave_reason=reason.strip())
    current.filter(joined_on__gt=on).update(left_on=F("joined_on"), leave_reason=reason.strip())
    return unit


@transaction.atomic
def unit_delete_draft(*, unit: MentoringUnit) -> None:
    _check_status(unit, Status.DRAFT)
    unit.delete()


@transaction.atomic
def mentee_leave(*, unit: MentoringUnit, mentee: Participant, on: datetime.date, reason: str, by: User) -> None:
    """A mentee leaves a group; a pair without its mentee ends (terminated), as does a group left empty."""
    _check_status(unit, *OPEN_STATUSES)
    membership = unit.mentees.select_for_update().get(mentee=mentee, left_on__isnull=True)
    if on < membership.joined_on:
        raise ValidationError(
            {
                "left_on": _("The date of leaving cannot be before the date of joining (%(date)s).")
                % {"date": formats.date_format(membership.joined_on, "d.m.Y")}
            }
        )
    membership.left_on = on
    membership.leave_reason = reason
    membership._history_user = by
    membership.save(update_fields=["left_on", "leave_reason"])
    if not unit.mentees.filter(left_on__isnull=True).exists():
        if unit.status in (Status.APPROVED, Status.ACTIVE):
            unit_terminate(unit=unit, by=by, on=on, reason=reason)
        elif unit.status in (Status.DRAFT, Status.SUBMITTED):
            unit.delete()


# Withdrawal of the consent to processing (152-ФЗ): a right of the person that no date of a pair or
# group may refuse. Processing stops, so the person leaves every open unit, whatever its dates:
# - from a unit not approved yet (a draft, or one awaiting approval) the person is simply removed,
#   as from a unit whose work has not started when the membership was only to begin after the
#   withdrawal: no date of leaving is invented before a date of joining;
# - a working membership ends on the day of withdrawal, or on its first day if that came later;
# - a unit whose mentor withdrew is deleted while it is not approved, and terminated once it is
#   (its approval order stays), on the day of withdrawal or, if the work began later, on its start.
# The reason is recorded every time: on the membership, on the terminated unit, and in the history
# (django-simple-history) of what is removed or deleted.
NOT_APPROVED = (Status.DRAFT, Status.SUBMITTED)


def _unit_label(unit: MentoringUnit) -> str:
    return _("the %(kind)s of %(mentor)s") % {"kind": unit.get_kind_display(), "mentor": unit.mentor.full_name}


def _withdrawal_end(unit: MentoringUnit, on: datetime.date) -> datetime.date:
    """The day a unit ends on the withdrawal: never before its work began."""
    return max(on, unit.started_on) if unit.started_on else on


def _unit_end_on_withdrawal(unit: MentoringUnit, on: datetime.date, by: User) -> str:
    """The unit can go on no more (its mentor withdrew, or no mentee is left): what became of it."""
    if unit.status in NOT_APPROVED:
        label = _unit_label(unit)
        unit._history_user, unit._change_reason = by, CONSENT_WITHDRAWN
        unit.delete()
        return _("%(unit)s was not approved yet and is deleted.") % {"unit": capfirst(label)}
    end = _withdrawal_end(unit, on)
    unit_terminate(unit=unit, by=by, on=end, reason=CONSENT_WITHDRAWN)
    return _("%(unit)s is terminated on %(date)s.") % {
        "unit": capfirst(_unit_label(unit)),
        "date": formats.date_format(end, "d.m.Y"),
    }


def _membership_end_on_withdrawal(membership: UnitMentee, on: datetime.date, by: User) -> list[str]:
    unit, mentee = membership.unit, membership.mentee
    membership._history_user, membership._change_reason = by, CONSENT_WITHDRAWN
    not_begun = unit.status in NOT_APPROVED or (unit.started_on is None and on < membership.joined_on)
    if not_begun:
        membership.delete()
        removed = agreed_with(_("%(name)s is removed from %(unit)s."), mentee)
        effects = [removed % {"name": mentee.full_name, "unit": _unit_label(unit)}]
    else:
        membership.left_on = max(on, membership.joined_on)
        membership.leave_reason = CONSENT_WITHDRAWN
        membership.save(update_fields=["left_on", "leave_reason"])
        effects = [
            agreed_with(_("%(name)s left %(unit)s on %(date)s."), mentee)
            % {
                "name": mentee.full_name,
                "unit": _unit_label(unit),
                "date": formats.date_format(membership.left_on, "d.m.Y"),
            }
        ]
    remaining = unit.mentees.filter(left_on__isnull=True).count()
    if not remaining:
        effects.append(_unit_end_on_withdrawal(unit, on, by))
    elif not_begun and unit.status in NOT_APPROVED:
        # A group of drafts left with one mentee is a pair, as the curator's form would make it.
        unit.kind = MentoringUnit.Kind.PAIR if remaining == 1 else MentoringUnit.Kind.GROUP
        unit._history_user, unit._change_reason = by, CONSENT_WITHDRAWN
        unit.save(update_fields=["kind"])
    return effects


@transaction.atomic
def units_leave_on_consent_withdrawal(*, participant: Participant, on: datetime.date, by: User) -> list[str]:
    """A withdrawn consent to processing takes the person out of every open pair or group (the
    rules above); never refused. Returns what became of each unit, a sentence each, for the curator."""
    effects = []
    led = (
        MentoringUnit.objects.select_for_update(of=("self",))
        .filter(mentor=participant, status__in=OPEN_STATUSES)
        .select_related("mentor")
        .order_by("pk")
    )
    for unit in led:
        effects.append(_unit_end_on_withdrawal(unit, on, by))
    memberships = (
        UnitMentee.objects.select_for_update(of=("self",))
        .filter(mentee=participant, left_on__isnull=True, unit__status__in=OPEN_STATUSES)
        .select_related("unit__mentor", "mentee")
        .order_by("pk")
    )
    for membership in memberships:
        effects.extend(_membership_end_on_withdrawal(membership, on, by))
    if effects:
        data_changed(Q(pk=participant.organization_id))
    return effects


def _leave_units_on_consent_withdrawal(sender, *, participant: Participant, on: datetime.date, by: User, **kwargs):
    return units_leave_on_consent_withdrawal(participant=participant, on=on, by=by)


processing_consent_withdrawn.connect(_leave_units_on_consent_withdrawal, dispatch_uid="pairs-leave-on-withdrawal")

# Free texts that may speak of a unit's people: a mentee's own in the memberships, the unit's (of its
# mentor's work) in the units.
MEMBERSHIP_TEXTS = {"leave_reason": "", "results": ""}
UNIT_TEXTS = {"termination_reason": "", "results": "", "return_reason": ""}


def units_depersonalize(*, participant: Participant) -> None:
    """What the pairs keep of a depersonalized person that is not a count: the free texts of the
    person's memberships and their history are destroyed; the units the person mentored lose their
    free texts, in their history too (the rest of a unit's history, its approval by an order, stays:
    it is the organization's record and names no one but by the code). Dates and marks stay, so the
    figures of past dates do not change."""
    memberships = UnitMentee.objects.filter(mentee=participant)
    memberships.update(**MEMBERSHIP_TEXTS)
    UnitMentee.history.filter(mentee_id=participant.pk).delete()
    mentored = MentoringUnit.objects.filter(mentor=participant)
    mentored.update(**UNIT_TEXTS)
    MentoringUnit.history.filter(mentor_id=participant.pk).update(**UNIT_TEXTS, history_change_reason=None)
    # «Не предлагать эту пару» with its free reason: a depersonalized person is suggested no more anyway.
    MatchingExclusion.objects.filter(Q(mentee=participant) | Q(mentor=participant)).delete()
    # Kept matching computations show people by name: the organization's are dropped and computed
    # again without the person.
    MatchingRun.objects.filter(program__organization=participant.organization_id).delete()


def _depersonalize_units(sender, *, participant: Participant, **kwargs) -> None:
    units_depersonalize(participant=participant)


participant_depersonalized.connect(_depersonalize_units, dispatch_uid="pairs-depersonalize")


def unmatched_mentees(organization, academic_year: int):
    """Mentees of the year's registry who are in no open pair or group (stage 5 of the cycle)."""
    # Limited to the organization's units (where its people can only be): otherwise the subquery
    # reads the pairs of the whole region.
    in_units = UnitMentee.objects.filter(
        left_on__isnull=True,
        unit__status__in=OPEN_STATUSES,
        unit__program__academic_year=academic_year,
        unit__program__organization=organization,
    ).values("mentee")
    return (
        MenteeEntry.objects.filter(organization=organization, academic_year=academic_year)
        .exclude(participant__in=in_units)
        .exclude(Q(completed_on__isnull=False))
        .select_related("participant")
        .order_by(*name_order("participant__"), "pk")
    )
