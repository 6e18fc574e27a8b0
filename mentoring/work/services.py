"""The work of a pair or group: individual development plans, the mentor's meeting log, completion.

Plans and meetings are kept only while the unit is approved or active. The first meeting logged in
an approved unit starts it (approved -> active); the pair works from the start its approval order
gives (``unit_approved_start``), and that is the start it shows, whenever the first meeting came. A
meeting dated before that start is logged only when the mentor states it was held before it.

The expected order of meetings (stage 6 of the cycle) is shown and deviations are reported as
warnings, never refused: real pairs meet as life allows, and the curator only needs to see where
the plan of the cycle was left.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.collation import person_key
from accounts.models import User
from mentoring.declension import agreed_with
from mentoring.models import (
    DevelopmentPlan,
    Meeting,
    MentoringUnit,
    Participant,
    PlanItem,
    PlanTemplate,
    PlanTemplateItem,
    UnitMentee,
)
from mentoring.pairs import services as pairs

Status = MentoringUnit.Status
MeetingType = Meeting.Type
# Plans are written and meetings logged between the director's approval and the completion.
WORK_STATUSES = (Status.APPROVED, Status.ACTIVE)

# The order of stage 6: знакомство → пробная рабочая → планирование → рабочие → итоговая.
EXPECTED_ORDER: tuple[str, ...] = (
    MeetingType.ACQUAINTANCE,
    MeetingType.TRIAL,
    MeetingType.PLANNING,
    MeetingType.WORKING,
    MeetingType.FINAL,
)
RANK = {meeting_type: rank for rank, meeting_type in enumerate(EXPECTED_ORDER)}
# Meeting types logged once each before the regular working meetings begin.
OPENING_TYPES = EXPECTED_ORDER[:3]

# Russian needs the cases; each phrase is a whole msgid so the translation can decline it.
MEETING_NAME = {
    MeetingType.ACQUAINTANCE: gettext_lazy("The acquaintance meeting"),
    MeetingType.TRIAL: gettext_lazy("The trial working meeting"),
    MeetingType.PLANNING: gettext_lazy("The planning meeting"),
    MeetingType.WORKING: gettext_lazy("A working meeting"),
    MeetingType.FINAL: gettext_lazy("The final meeting"),
}
BEFORE_MEETING = {
    MeetingType.ACQUAINTANCE: gettext_lazy("before the acquaintance meeting"),
    MeetingType.TRIAL: gettext_lazy("before the trial working meeting"),
    MeetingType.PLANNING: gettext_lazy("before the planning meeting"),
    MeetingType.WORKING: gettext_lazy("before a working meeting"),
}
WITHOUT_MEETING = {
    MeetingType.ACQUAINTANCE: gettext_lazy("without an acquaintance meeting"),
    MeetingType.TRIAL: gettext_lazy("without a trial working meeting"),
    MeetingType.PLANNING: gettext_lazy("without a planning meeting"),
    MeetingType.WORKING: gettext_lazy("without working meetings"),
}


class PlanItemData(TypedDict, total=False):
    """One row of a plan as the plan form gives it; ``id`` names an existing item of the plan."""

    id: int | None
    section: str
    activity: str
    due_on: datetime.date | None
    result_form: str


def _locked_unit(pk: int) -> MentoringUnit:
    """The unit, locked: its status cannot change under a plan or meeting being written."""
    return MentoringUnit.objects.select_for_update().get(pk=pk)


def _check_work_status(unit: MentoringUnit) -> None:
    if unit.status not in WORK_STATUSES:
        raise ValidationError(
            _("Plans and meetings are kept only in approved or working pairs and groups; this one is «%(status)s».")
            % {"status": unit.get_status_display()}
        )


def _check_not_future(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("This date has not come yet.")})


def unit_approved_start(unit: MentoringUnit) -> datetime.date:
    """The day the pair or group works from by the director's order: the start of the term the
    order's appendix gives it, and never before the order itself (an order does not approve work
    done before it was signed). ``approved_on`` is the order's date (the day of the approval for
    units approved without one)."""
    signed = unit.approved_on
    return max(unit.planned_from, signed) if signed else unit.planned_from


def meeting_before_start_error(start: datetime.date) -> ValidationError:
    return ValidationError(
        {
            "held_on": _(
                "By the order the pair or group works from %(date)s, and this meeting is earlier. Check the "
                "date, or tick that the meeting was held before the work by the order began."
            )
            % {"date": f"{start:%d.%m.%Y}"}
        }
    )


def _check_after_start(unit: MentoringUnit, held_on: datetime.date, before_start: bool) -> bool:
    """Whether the meeting is before the start by the order; refused unless the user says so."""
    start = unit_approved_start(unit)
    if held_on < start and not before_start:
        raise meeting_before_start_error(start)
    return held_on < start


# Plans ------------------------------------------------------------------------------------------


def plan_progress(plan: DevelopmentPlan | None) -> int:
    """Share of the plan's items marked done, in whole per cent (0 for a plan without items).

    Reads ``plan.items.all()``, so a prefetched plan costs no query."""
    if plan is None:
        return 0
    items = list(plan.items.all())
    if not items:
        return 0
    done = sum(1 for item in items if item.done_on is not None)
    return round(100 * done / len(items))


def _clean_item(data: PlanItemData, number: int) -> dict:
    activity = (data.get("activity") or "").strip()
    if not activity:
        raise ValidationError(_("Row %(number)s: describe the activity.") % {"number": number})
    return {
        "section": (data.get("section") or "").strip(),
        "activity": activity,
        "due_on": data.get("due_on"),
        "result_form": (data.get("result_form") or "").strip(),
    }


@transaction.atomic
def plan_save(
    *,
    membership: UnitMentee,
    by: User,
    goal: str,
    tasks: str = "",
    items: Sequence[PlanItemData] | None = None,
) -> DevelopmentPlan:
    """Creates or changes a mentee's plan. With ``items`` the plan's rows become exactly these, in
    this order: rows with an ``id`` keep their done mark, rows without one are added, the others go."""
    _check_work_status(_locked_unit(membership.unit_id))
    if membership.left_on is not None:
        left = agreed_with(_("%(name)s has left the pair or group."), membership.mentee)
        raise ValidationError(left % {"name": membership.mentee.full_name})
    goal = goal.strip()
    if not goal:
        raise ValidationError({"goal": _("State the goal of the plan.")})
    plan, _created = DevelopmentPlan.objects.update_or_create(
        membership=membership, defaults={"goal": goal, "tasks": tasks.strip()}
    )
    if items is None:
        return plan
    existing = {item.pk: item for item in plan.items.all()}
    keep = []
    for position, data in enumerate(items, start=1):
        fields = _clean_item(data, position)
        item_id = data.get("id")
        if item_id:
            item = existing.get(item_id)
            if item is None:
                raise ValidationError(_("Row %(number)s belongs to another plan.") % {"number": position})
            for name, value in fields.items():
                setattr(item, name, value)
            item.position = position
            item.save()
        else:
            item = PlanItem.objects.create(plan=plan, position=position, **fields)
        keep.append(item.pk)
    plan.items.exclude(pk__in=keep).delete()
    return plan


@transaction.atomic
def plan_item_add(
    *,
    plan: DevelopmentPlan,
    by: User,
    activity: str,
    section: str = "",
    due_on: datetime.date | None = None,
    result_form: str = "",
) -> PlanItem:
    """Adds a row at the end of the plan."""
    _check_work_status(_locked_unit(plan.membership.unit_id))
    fields = _clean_item(
        {"activity": activity, "section": section, "due_on": due_on, "result_form": result_form},
        plan.items.count() + 1,
    )
    last = plan.items.order_by("-position").values_list("position", flat=True).first() or 0
    return PlanItem.objects.create(plan=plan, position=last + 1, **fields)


@transaction.atomic
def plan_item_mark_done(*, item: PlanItem, by: User, done_on: datetime.date | None, mentor_mark: str = "") -> PlanItem:
    """The mentor marks a row done on a date with his remark; without a date the mark is removed."""
    _check_work_status(_locked_unit(item.plan.membership.unit_id))
    _check_not_future(done_on, "done_on")
    item.done_on = done_on
    item.mentor_mark = mentor_mark.strip() if done_on else ""
    item.save(update_fields=["done_on", "mentor_mark"])
    return item


# Plan templates ---------------------------------------------------------------------------------


@transaction.atomic
def plan_template_save(*, plan: DevelopmentPlan, by: User, name: str, owner: User | None) -> PlanTemplate:
    """Keeps a plan as a template of its organization: the goal, the tasks and the rows without
    their marks. A row's term is kept as days from the pair's start by the order (a term before the
    start counts from the start itself). ``owner`` None makes it the whole organization's."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Name the template.")})
    unit = plan.membership.unit
    organization_id = unit.program.organization_id
    if PlanTemplate.objects.filter(organization_id=organization_id, owner=owner, name=name).exists():
        raise ValidationError({"name": _("There is already a template named «%(name)s».") % {"name": name}})
    start = unit_approved_start(unit)
    template = PlanTemplate.objects.create(
        organization_id=organization_id, owner=owner, name=name, goal=plan.goal, tasks=plan.tasks, created_by=by
    )
    PlanTemplateItem.objects.bulk_create(
        PlanTemplateItem(
            template=template,
            position=position,
            section=item.section,
            activity=item.activity,
            result_form=item.result_form,
            due_after_days=None if item.due_on is None else max(0, (item.due_on - start).days),
        )
        for position, item in enumerate(plan.items.all(), start=1)
    )
    return template


@dataclass(frozen=True)
class TemplateApplied:
    """Whose plans a template wrote, whose it wrote anew, and whose it left as they were."""

    written: list[str]
    replaced: list[str]
    kept: list[str]


@transaction.atomic
def plan_template_apply(
    *, template: PlanTemplate, unit: MentoringUnit, by: User, replace: bool = False
) -> TemplateApplied:
    """Writes the template's plan for every current mentee of the pair or group in one step, its
    terms counted from this pair's start by the order (and not past its planned end). A mentee who
    has a plan keeps it, unless ``replace`` asks to write it anew: its rows and marks then go."""
    unit = _locked_unit(unit.pk)
    _check_work_status(unit)
    if template.organization_id != unit.program.organization_id:
        raise ValidationError(_("The template belongs to another organization."))
    memberships = list(
        unit.mentees.filter(left_on__isnull=True)
        .select_related("mentee")
        .order_by("mentee__last_name", "mentee__first_name", "pk")
    )
    if not memberships:
        raise ValidationError(_("The pair or group has no current mentees."))
    with_plan = set(DevelopmentPlan.objects.filter(membership__in=memberships).values_list("membership_id", flat=True))
    start = unit_approved_start(unit)
    items: list[PlanItemData] = [
        {
            "section": row.section,
            "activity": row.activity,
            "result_form": row.result_form,
            "due_on": None
            if row.due_after_days is None
            else min(start + datetime.timedelta(days=row.due_after_days), unit.planned_to),
        }
        for row in template.items.all()
    ]
    written, replaced, kept = [], [], []
    for membership in memberships:
        name = membership.mentee.full_name
        if membership.pk in with_plan and not replace:
            kept.append(name)
            continue
        plan_save(membership=membership, by=by, goal=template.goal, tasks=template.tasks, items=items)
        (replaced if membership.pk in with_plan else written).append(name)
    return TemplateApplied(written=written, replaced=replaced, kept=kept)


@transaction.atomic
def plan_template_delete(*, template: PlanTemplate, by: User) -> None:
    """Plans written from the template stay: they were copied, not linked."""
    template.delete()


# Meetings ---------------------------------------------------------------------------------------


def unit_people(unit: MentoringUnit) -> list[Participant]:
    """Who may attend the unit's meetings: the mentor and every mentee it has had."""
    mentees = [membership.mentee for membership in unit.mentees.all()]
    return [unit.mentor, *sorted(mentees, key=person_key)]


def _check_attendees(unit: MentoringUnit, attendees: Iterable[Participant]) -> list[Participant]:
    attendees = list(attendees)
    allowed = {unit.mentor_id, *unit.mentees.values_list("mentee_id", flat=True)}
    strangers = [person.full_name for person in attendees if person.pk not in allowed]
    if strangers:
        raise ValidationError(
            {"attendees": _("Not in this pair or group: %(names)s.") % {"names": ", ".join(strangers)}}
        )
    return attendees


def _meeting_fields(
    *,
    held_on: datetime.date,
    type: str,
    format: str,
    topic: str,
    content: str,
    result: str,
    duration_minutes: int,
) -> dict:
    _check_not_future(held_on, "held_on")
    topic = topic.strip()
    if not topic:
        raise ValidationError({"topic": _("Name the topic of the meeting.")})
    return {
        "held_on": held_on,
        "type": type,
        "format": format,
        "topic": topic,
        "content": content.strip(),
        "result": result.strip(),
        "duration_minutes": duration_minutes,
    }


@transaction.atomic
def meeting_log(
    *,
    unit: MentoringUnit,
    by: User,
    held_on: datetime.date,
    type: str,
    topic: str,
    format: str = Meeting.Format.IN_PERSON,
    content: str = "",
    result: str = "",
    duration_minutes: int = 45,
    attendees: Iterable[Participant] = (),
    before_start: bool = False,
) -> Meeting:
    """A line of the meeting log. A date before the unit's start by the order is refused unless
    ``before_start`` says the meeting really was earlier. The first meeting of an approved unit
    starts it (approved -> active) as of that start, not of the meeting: the pair works by the order.
    """
    unit = _locked_unit(unit.pk)
    _check_work_status(unit)
    fields = _meeting_fields(
        held_on=held_on,
        type=type,
        format=format,
        topic=topic,
        content=content,
        result=result,
        duration_minutes=duration_minutes,
    )
    attendees = _check_attendees(unit, attendees)
    early = _check_after_start(unit, held_on, before_start)
    meeting = Meeting(unit=unit, created_by=by, before_start=early, **fields)
    meeting.full_clean(exclude=["unit", "created_by", "attendees"])
    meeting.save()
    meeting.attendees.set(attendees)
    if unit.status == Status.APPROVED:
        pairs.unit_start(unit=unit, on=unit_approved_start(unit))
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by: User,
    held_on: datetime.date,
    type: str,
    topic: str,
    format: str = Meeting.Format.IN_PERSON,
    content: str = "",
    result: str = "",
    duration_minutes: int = 45,
    attendees: Iterable[Participant] = (),
    before_start: bool = False,
) -> Meeting:
    """Corrects a line of the log while the unit works; a date before the start by the order needs
    ``before_start`` as when logging. The start stays the order's, wherever the meetings move."""
    unit = _locked_unit(meeting.unit_id)
    _check_work_status(unit)
    fields = _meeting_fields(
        held_on=held_on,
        type=type,
        format=format,
        topic=topic,
        content=content,
        result=result,
        duration_minutes=duration_minutes,
    )
    attendees = _check_attendees(unit, attendees)
    fields["before_start"] = _check_after_start(unit, held_on, before_start)
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean(exclude=["unit", "created_by", "attendees"])
    meeting.save()
    meeting.attendees.set(attendees)
    return meeting


def _in_order(meetings: Iterable[Meeting]) -> list[Meeting]:
    # Meetings of one day are taken as held in the expected order: no warning for that day alone.
    return sorted(meetings, key=lambda meeting: (meeting.held_on, RANK[meeting.type], meeting.pk or 0))


def meeting_sequence_warnings(unit: MentoringUnit, meetings: Iterable[Meeting] | None = None) -> list[str]:
    """Where the log leaves the expected order знакомство → пробная рабочая → планирование →
    рабочие → итоговая: a meeting held before an earlier step or without it, a final meeting that
    is not the last. Pass the unit's meetings if they are loaded already."""
    ordered = _in_order(unit.meetings.all() if meetings is None else meetings)
    warnings = []
    finals = [index for index, meeting in enumerate(ordered) if meeting.type == MeetingType.FINAL]
    if finals and finals[0] != len(ordered) - 1:
        warnings.append(
            _("The final meeting of %(date)s is not the last one: meetings are logged after it.")
            % {"date": f"{ordered[finals[0]].held_on:%d.%m.%Y}"}
        )
    # Steps before the final one: each type should come after every type before it in the order.
    for later in EXPECTED_ORDER[1:-1]:
        for earlier in EXPECTED_ORDER[: RANK[later]]:
            earlier_meetings = [index for index, meeting in enumerate(ordered) if meeting.type == earlier]
            later_meetings = [index for index, meeting in enumerate(ordered) if meeting.type == later]
            if not later_meetings:
                continue
            first_later = later_meetings[0]
            after = [index for index in earlier_meetings if index > first_later]
            if after:
                warnings.append(
                    _("%(meeting)s of %(date)s was held %(before)s of %(other_date)s.")
                    % {
                        "meeting": MEETING_NAME[later],
                        "date": f"{ordered[first_later].held_on:%d.%m.%Y}",
                        "before": BEFORE_MEETING[earlier],
                        "other_date": f"{ordered[after[0]].held_on:%d.%m.%Y}",
                    }
                )
    # A step skipped altogether: reported at the first meeting that should have come after it.
    present = {meeting.type for meeting in ordered}
    for step in EXPECTED_ORDER[:-1]:
        if step in present:
            continue
        after_step = [meeting for meeting in ordered if RANK[meeting.type] > RANK[step]]
        if step == MeetingType.WORKING:
            # Working meetings are missed only when the cycle was closed without any.
            after_step = [meeting for meeting in after_step if meeting.type == MeetingType.FINAL]
        if after_step:
            warnings.append(
                _("%(meeting)s of %(date)s was held %(without)s.")
                % {
                    "meeting": MEETING_NAME[after_step[0].type],
                    "date": f"{after_step[0].held_on:%d.%m.%Y}",
                    "without": WITHOUT_MEETING[step],
                }
            )
    return warnings


@dataclass(frozen=True)
class MeetingStep:
    """A step of the expected order with how many meetings of its type are logged."""

    type: str
    label: str
    count: int

    @property
    def done(self) -> bool:
        return self.count > 0


def meeting_steps(meetings: Iterable[Meeting]) -> list[MeetingStep]:
    meetings = list(meetings)
    labels = dict(MeetingType.choices)
    return [
        MeetingStep(step, labels[step], sum(1 for meeting in meetings if meeting.type == step))
        for step in EXPECTED_ORDER
    ]


def next_meeting_type(meetings: Iterable[Meeting]) -> str:
    """The type the next meeting most likely has: the first opening step not yet held, else a
    working meeting (the final one is chosen by the mentor)."""
    held = {meeting.type for meeting in meetings}
    for step in OPENING_TYPES:
        if step not in held:
            return step
    return MeetingType.WORKING


def has_final_meeting(unit: MentoringUnit) -> bool:
    return unit.meetings.filter(type=MeetingType.FINAL).exists()


# Completion -------------------------------------------------------------------------------------


def unit_finish(
    *,
    unit: MentoringUnit,
    by: User,
    on: datetime.date,
    results: str,
    case_url: str = "",
    full_cycle: dict[int, bool] | None = None,
) -> MentoringUnit:
    """Completion as the mentor or curator does it: only after the final meeting is logged; then
    mentoring.pairs.services.unit_complete closes the unit and updates the registry rows."""
    if not has_final_meeting(unit):
        raise ValidationError(_("Log the final meeting first."))
    _check_not_future(on, "finished_on")
    return pairs.unit_complete(unit=unit, by=by, on=on, results=results, case_url=case_url, full_cycle=full_cycle)
