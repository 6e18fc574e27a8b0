"""Writes of the roadmaps: creating (empty, from a template, from an imported table), editing stages
and activities, statuses with completion evidence, comments, the audit's remarks, and activities
that complete themselves on an event of the system."""

import dataclasses
import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Municipality, Organization, Role, User
from mentoring.academic_year import academic_year_label
from mentoring.models import Practice
from mentoring.practices.selectors import published_practices
from mentoring.registry.importing import BATCH_SIZE
from reports.models import Order, OrderKind
from roadmap.models import (
    OPEN_STATUSES,
    Activity,
    Comment,
    Layout,
    Occurrence,
    Remark,
    RemarkReply,
    Roadmap,
    Stage,
    Status,
)
from roadmap.terms import Term, TermKind, Window, parse_term, shift_years

# Stands for the owner's name in the shipped templates' texts.
OWNER_PLACEHOLDER = "{org}"
# An organization's roadmap runs from the August that prepares the year to the end of the year.
ORGANIZATION_PERIOD_START = (8, 1)

EVENT_ORDER_PREFIX = "order_registered:"
EVENT_MENTORS = "registry_not_empty:mentors"
EVENT_MENTEES = "registry_not_empty:mentees"
EVENT_QUARTERLY_REPORT = "quarterly_report_submitted"
# Registering one of these orders approves the roadmap in force (its appendix).
APPROVING_ORDER_KINDS = ("model-introduction", "municipal-roadmap")

ACTIVITY_FIELDS = (
    "title",
    "content",
    "continues_previous",
    "term_text",
    "term_as_above",
    "responsible_text",
    "responsible_as_above",
    "responsible_roles",
    "result",
    "completes_on",
)
ROADMAP_FIELDS = (
    "heading",
    "title",
    "layout",
    "columns",
    "preamble",
    "approval_text",
    "approved_by",
    "academic_year",
    "starts_on",
    "ends_on",
)


def organization_period(academic_year: int) -> tuple[datetime.date, datetime.date]:
    month, day = ORGANIZATION_PERIOD_START
    return datetime.date(academic_year, month, day), datetime.date(academic_year + 1, 8, 31)


def owner_name(*, organization: Organization | None = None, municipality: Municipality | None = None) -> str:
    return organization.short_name if organization else municipality.name


def _set_owner(roadmap: Roadmap, organization, municipality) -> None:
    if (organization is None) == (municipality is None):
        raise ValueError("A roadmap belongs to an organization or to a municipality.")
    roadmap.organization, roadmap.municipality = organization, municipality
    roadmap.scope = Roadmap.Scope.ORGANIZATION if organization else Roadmap.Scope.MUNICIPALITY


def _set_period(roadmap: Roadmap, academic_year, starts_on, ends_on) -> None:
    if roadmap.organization_id or roadmap.scope == Roadmap.Scope.ORGANIZATION:
        if not academic_year:
            raise ValidationError({"academic_year": _("Choose the academic year.")})
        roadmap.academic_year = academic_year
        roadmap.starts_on, roadmap.ends_on = organization_period(academic_year)
        return
    if not starts_on or not ends_on:
        raise ValidationError({"starts_on": _("Give the period of the roadmap.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period ends before it starts.")})
    if (ends_on - starts_on).days > 366 * 10:
        raise ValidationError({"ends_on": _("A roadmap runs ten years at most.")})
    roadmap.academic_year = None
    roadmap.starts_on, roadmap.ends_on = starts_on, ends_on


def _check_one_per_year(roadmap: Roadmap) -> None:
    if roadmap.is_template or not roadmap.organization_id:
        return
    taken = Roadmap.objects.filter(
        organization_id=roadmap.organization_id, academic_year=roadmap.academic_year, is_template=False
    ).exclude(pk=roadmap.pk)
    if taken.exists():
        raise ValidationError(
            {
                "academic_year": _("The organization already has a roadmap for %(year)s.")
                % {"year": academic_year_label(roadmap.academic_year)}
            }
        )


def check_registered_order(order: Order | None, roadmap: Roadmap, field_name: str) -> None:
    """Evidence and approval come from the owner's own register, and only registered orders count."""
    if order is None:
        return
    same_register = (
        order.organization_id == roadmap.organization_id and order.municipality_id == roadmap.municipality_id
    )
    if not same_register or order.status != Order.Status.REGISTERED:
        raise ValidationError({field_name: _("Choose a registered order of the roadmap's own register.")})


# Terms and numbering


def apply_term(activity: Activity, roadmap: Roadmap) -> list[Window]:
    """Reads the activity's term in the roadmap's period into its stored fields; returns its windows."""
    term = parse_term(activity.term_text, roadmap.starts_on, roadmap.ends_on) or Term(TermKind.TEXT)
    windows = term.windows(roadmap.starts_on, roadmap.ends_on)
    activity.term_kind = term.kind
    activity.term_start, activity.term_end, activity.term_rule = term.start, term.end, term.rule
    activity.is_recurring = len(windows) > 1
    activity.starts_on = windows[0].start if windows else None
    activity.due_on = windows[-1].due if windows else None
    return windows


def term_problem(text: str, roadmap: Roadmap) -> str | None:
    """Why the words cannot be a term of this roadmap, or None."""
    if not text.strip():
        return None
    term = parse_term(text, roadmap.starts_on, roadmap.ends_on)
    if term is None:
        return _(
            "The term is not understood. Write it as «октябрь 2026», «сентябрь-октябрь 2026», "
            "«до 15.09.2026», «в течение года», «ежегодно до 01 октября», "
            "«ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)» or «по отдельному плану»."
        )
    if term.kind in (TermKind.YEARLY, TermKind.QUARTERLY) and not term.windows(roadmap.starts_on, roadmap.ends_on):
        return _("No date of this term falls within the roadmap's period.")
    return None


def _sync_occurrences(activity: Activity, windows: list[Window]) -> None:
    if not activity.is_recurring:
        activity.occurrences.all().delete()
        return
    existing = {occurrence.due_on: occurrence for occurrence in activity.occurrences.all()}
    wanted = _occurrence_windows(windows)
    activity.occurrences.exclude(due_on__in=wanted).delete()
    changed = []
    for due, window in wanted.items():
        occurrence = existing.get(due)
        if occurrence is not None and occurrence.starts_on != window.start:
            occurrence.starts_on = window.start
            changed.append(occurrence)
    Occurrence.objects.bulk_update(changed, ["starts_on"])
    Occurrence.objects.bulk_create(
        [
            Occurrence(activity=activity, starts_on=w.start, due_on=due)
            for due, w in wanted.items()
            if due not in existing
        ]
    )
    _refresh_recurring_status(activity)


def _refresh_recurring_status(activity: Activity) -> None:
    """A recurring activity is done when every occurrence is, in progress once one is under way."""
    if activity.status == Status.CANCELLED or not activity.is_recurring:
        return
    statuses = list(activity.occurrences.values_list("status", flat=True))
    live = [status for status in statuses if status != Status.CANCELLED]
    if live and all(status == Status.DONE for status in live):
        status = Status.DONE
    elif any(status in (Status.DONE, Status.IN_PROGRESS) for status in live):
        status = Status.IN_PROGRESS
    else:
        status = Status.PLANNED
    if status != activity.status:
        activity.status = status
        activity.completed_on = timezone.localdate() if status == Status.DONE else None
        activity.save(update_fields=["status", "completed_on", "updated_at"])


STORED_TERM_FIELDS = [
    "term_text",
    "term_kind",
    "term_start",
    "term_end",
    "term_rule",
    "is_recurring",
    "starts_on",
    "due_on",
    "responsible_text",
    "responsible_roles",
    "position",
    "number",
]


def _lay_out(roadmap: Roadmap, stages: list[list[Activity]]) -> None:
    """Numbers, «as above» cells and terms of the rows of each stage, in memory; ``activity.windows`` for the
    occurrences. The responsible users of an «as above» row are the caller's: they need queries."""
    for index, activities in enumerate(stages, start=1):
        counter = 0
        previous = None
        for position, activity in enumerate(activities, start=1):
            activity.position = position
            if previous is None:
                activity.continues_previous = activity.term_as_above = activity.responsible_as_above = False
            if not activity.continues_previous:
                counter += 1
                activity.number = f"{index}.{counter}"
            else:
                activity.number = ""
            if activity.term_as_above:
                activity.term_text = previous.term_text
            if activity.responsible_as_above:
                activity.responsible_text = previous.responsible_text
                activity.responsible_roles = list(previous.responsible_roles)
            activity.windows = apply_term(activity, roadmap)
            previous = activity


def _occurrence_windows(windows: list[Window]) -> dict[datetime.date, Window]:
    """One occurrence per deadline: the window of each due date."""
    return {window.due: window for window in windows}


def recompute_roadmap(roadmap: Roadmap) -> None:
    """Numbers, «as above» cells, terms and occurrences of every row, after any change of structure or period."""
    stages = list(roadmap.stages.order_by("position", "pk"))
    activities = list(
        Activity.objects.filter(roadmap=roadmap)
        .order_by("stage__position", "stage_id", "position", "pk")
        .prefetch_related("responsible_users")
    )
    by_stage: dict[int, list[Activity]] = {stage.pk: [] for stage in stages}
    for activity in activities:
        by_stage[activity.stage_id].append(activity)
    for index, stage in enumerate(stages, start=1):
        if stage.position != index:
            stage.position = index
            stage.save(update_fields=["position"])
    _lay_out(roadmap, list(by_stage.values()))
    for rows in by_stage.values():
        for previous, activity in itertools.pairwise(rows):
            if activity.responsible_as_above:
                users = {user.pk for user in previous.responsible_users.all()}
                if users != {user.pk for user in activity.responsible_users.all()}:
                    activity.responsible_users.set(users)
    Activity.objects.bulk_update(
        activities, [*STORED_TERM_FIELDS, "continues_previous", "term_as_above", "responsible_as_above"]
    )
    for activity in activities:
        if activity.is_recurring or activity.occurrences.exists():
            _sync_occurrences(activity, activity.windows)


# Roadmaps


@transaction.atomic
def roadmap_create(
    *,
    by: User,
    title: str,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    academic_year: int | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    layout: str = "",
    heading: str = "",
    preamble: str = "",
    approval_text: str = "",
    columns: list[str] | None = None,
) -> Roadmap:
    roadmap = Roadmap(
        title=title.strip(),
        heading=heading,
        preamble=preamble,
        approval_text=approval_text,
        columns=columns or [],
        created_by=by,
    )
    _set_owner(roadmap, organization, municipality)
    roadmap.layout = layout or (Layout.SCHOOL if organization else Layout.MUNICIPAL)
    _set_period(roadmap, academic_year, starts_on, ends_on)
    if not roadmap.title:
        raise ValidationError({"title": _("Give the roadmap a title.")})
    _check_one_per_year(roadmap)
    roadmap.full_clean()
    roadmap.save()
    return roadmap


def shifted_period(template: Roadmap, first_year: int) -> tuple[datetime.date, datetime.date]:
    """The template's period moved to start in ``first_year``."""
    delta = first_year - template.starts_on.year
    return _shift_date(template.starts_on, delta), _shift_date(template.ends_on, delta)


def _shift_date(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def roadmap_from_template(
    *,
    template: Roadmap,
    by: User,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    academic_year: int | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    title: str = "",
) -> Roadmap:
    """A new roadmap with the template's stages and activities, every year in their words moved to
    the chosen period («август 2023» → «август 2026» for 2026/27) and «{org}» replaced by the owner."""
    roadmap = Roadmap(created_by=by, layout=template.layout, columns=list(template.columns))
    _set_owner(roadmap, organization, municipality)
    _set_period(roadmap, academic_year, starts_on, ends_on)
    delta = roadmap.starts_on.year - template.starts_on.year
    years = range(template.starts_on.year, template.ends_on.year + 1)
    name = owner_name(organization=organization, municipality=municipality)

    def text(value: str) -> str:
        return shift_years(value, delta, years).replace(OWNER_PLACEHOLDER, name)

    roadmap.title = title.strip() or text(template.title)
    roadmap.heading = text(template.heading)
    roadmap.preamble = text(template.preamble)
    _check_one_per_year(roadmap)
    roadmap.full_clean()
    roadmap.save()
    same_owner = (template.organization_id, template.municipality_id) == (
        roadmap.organization_id,
        roadmap.municipality_id,
    )
    _copy_structure(template, roadmap, text, keep_people=same_owner)
    return roadmap


@transaction.atomic
def roadmap_save_as_template(*, roadmap: Roadmap, by: User, name: str) -> Roadmap:
    """The organization's (or municipality's) own template: this roadmap's rows, statuses cleared."""
    if not name.strip():
        raise ValidationError({"template_name": _("Give the template a name.")})
    template = Roadmap(
        organization=roadmap.organization,
        municipality=roadmap.municipality,
        scope=roadmap.scope,
        is_template=True,
        template_name=name.strip(),
        heading=roadmap.heading,
        title=roadmap.title,
        academic_year=roadmap.academic_year,
        starts_on=roadmap.starts_on,
        ends_on=roadmap.ends_on,
        layout=roadmap.layout,
        columns=list(roadmap.columns),
        preamble=roadmap.preamble,
        created_by=by,
    )
    template.full_clean()
    template.save()
    _copy_structure(roadmap, template, lambda value: value, keep_people=True)
    return template


def _copy_structure(source: Roadmap, target: Roadmap, text, *, keep_people: bool) -> None:
    stages = list(source.stages.order_by("position", "pk"))
    new_stages = Stage.objects.bulk_create(
        [Stage(roadmap=target, position=stage.position, title=text(stage.title)) for stage in stages]
    )
    stage_map = {old.pk: new for old, new in zip(stages, new_stages, strict=True)}
    activities = list(
        source.activities.order_by("stage__position", "position", "pk").prefetch_related("responsible_users")
    )
    copies = Activity.objects.bulk_create(
        [
            Activity(
                roadmap=target,
                stage=stage_map[activity.stage_id],
                position=activity.position,
                continues_previous=activity.continues_previous,
                title=text(activity.title),
                content=text(activity.content),
                term_text=text(activity.term_text),
                term_as_above=activity.term_as_above,
                responsible_text=text(activity.responsible_text),
                responsible_as_above=activity.responsible_as_above,
                responsible_roles=list(activity.responsible_roles),
                result=text(activity.result),
                completes_on=activity.completes_on,
            )
            for activity in activities
        ]
    )
    if keep_people:
        through = Activity.responsible_users.through
        through.objects.bulk_create(
            [
                through(activity_id=copy.pk, user_id=user.pk)
                for activity, copy in zip(activities, copies, strict=True)
                for user in activity.responsible_users.all()
            ]
        )
    recompute_roadmap(target)


@transaction.atomic
def roadmap_update(*, roadmap: Roadmap, by: User, **fields) -> Roadmap:
    unknown = set(fields) - set(ROADMAP_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    period_before = (roadmap.starts_on, roadmap.ends_on)
    academic_year = fields.pop("academic_year", roadmap.academic_year)
    starts_on = fields.pop("starts_on", roadmap.starts_on)
    ends_on = fields.pop("ends_on", roadmap.ends_on)
    for name, value in fields.items():
        setattr(roadmap, name, value)
    check_registered_order(roadmap.approved_by, roadmap, "approved_by")
    _set_period(roadmap, academic_year, starts_on, ends_on)
    _check_one_per_year(roadmap)
    roadmap.full_clean()
    roadmap.save()
    if (roadmap.starts_on, roadmap.ends_on) != period_before:
        recompute_roadmap(roadmap)
    return roadmap


@transaction.atomic
def roadmap_delete(*, roadmap: Roadmap, by: User) -> None:
    roadmap.delete()


# Stages


def _reorder(items: list, item, position: int | None) -> list:
    others = [other for other in items if other.pk != item.pk]
    index = len(others) if position is None else max(0, min(position - 1, len(others)))
    others.insert(index, item)
    return others


@transaction.atomic
def stage_create(*, roadmap: Roadmap, by: User, title: str, position: int | None = None) -> Stage:
    if not title.strip():
        raise ValidationError({"title": _("Name the stage.")})
    stage = Stage(roadmap=roadmap, title=title.strip(), position=0)
    stage.save()
    _save_stage_order(_reorder(list(roadmap.stages.order_by("position", "pk")), stage, position))
    recompute_roadmap(roadmap)
    return stage


@transaction.atomic
def stage_update(*, stage: Stage, by: User, title: str, position: int | None = None) -> Stage:
    if not title.strip():
        raise ValidationError({"title": _("Name the stage.")})
    stage.title = title.strip()
    stage.save(update_fields=["title"])
    if position is not None and position != stage.position:
        _save_stage_order(_reorder(list(stage.roadmap.stages.order_by("position", "pk")), stage, position))
        recompute_roadmap(stage.roadmap)
    return stage


def _save_stage_order(stages: list[Stage]) -> None:
    for index, stage in enumerate(stages, start=1):
        stage.position = index
    Stage.objects.bulk_update(stages, ["position"])


@transaction.atomic
def stage_delete(*, stage: Stage, by: User) -> None:
    roadmap = stage.roadmap
    stage.delete()
    recompute_roadmap(roadmap)


# Activities


def _check_activity(activity: Activity, roadmap: Roadmap, *, first_in_stage: bool) -> None:
    errors = {}
    if not activity.title.strip() and not activity.content.strip():
        errors["title"] = _("Write the activity or its content.")
    if first_in_stage:
        for name in ("continues_previous", "term_as_above", "responsible_as_above"):
            if getattr(activity, name):
                errors[name] = _("There is no row above it in this stage.")
    if not activity.term_as_above:
        problem = term_problem(activity.term_text, roadmap)
        if problem:
            errors["term_text"] = problem
    roles = set(activity.responsible_roles)
    if not roles <= set(Role.values):
        errors["responsible_roles"] = _("Unknown role.")
    if errors:
        raise ValidationError(errors)


def _check_people(users: Iterable[User], roadmap: Roadmap) -> None:
    from roadmap.selectors import people_of

    allowed = set(people_of(roadmap).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in users):
        raise ValidationError({"responsible_users": _("Choose people of the roadmap's own organization.")})


def _check_practices(practices: list[Practice], roadmap: Roadmap) -> None:
    """An activity cites practices of its municipality's registry (or of its own organization)."""
    allowed = {practice.pk for practice in citable_practices(roadmap).filter(pk__in=[p.pk for p in practices])}
    if any(practice.pk not in allowed for practice in practices):
        raise ValidationError({"practices": _("Choose practices published in the municipality's registry.")})


def citable_practices(roadmap: Roadmap):
    """The practices an activity of the roadmap may cite: the published ones of its municipality."""
    return published_practices(municipality=roadmap.municipality or roadmap.organization.municipality)


@transaction.atomic
def activity_create(
    *,
    stage: Stage,
    by: User,
    responsible_users: Iterable[User] = (),
    after: Activity | None = None,
    practices: Iterable[Practice] = (),
    **fields,
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    roadmap = stage.roadmap
    siblings = list(stage.activities.order_by("position", "pk"))
    activity = Activity(roadmap=roadmap, stage=stage, **fields)
    for name in ("title", "content", "term_text", "responsible_text", "result"):
        setattr(activity, name, (getattr(activity, name) or "").strip())
    index = siblings.index(after) + 1 if after in siblings else len(siblings)
    _check_activity(activity, roadmap, first_in_stage=index == 0)
    responsible_users = list(responsible_users)
    _check_people(responsible_users, roadmap)
    practices = list(practices)
    _check_practices(practices, roadmap)
    activity.position = 0
    apply_term(activity, roadmap)
    activity.save()
    activity.responsible_users.set(responsible_users)
    activity.practices.set(practices)
    siblings.insert(index, activity)
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    Activity.objects.bulk_update(siblings, ["position"])
    recompute_roadmap(roadmap)
    activity.refresh_from_db()
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by: User,
    stage: Stage | None = None,
    responsible_users: Iterable[User] | None = None,
    practices: Iterable[Practice] | None = None,
    **fields,
) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    roadmap = activity.roadmap
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    if stage is not None and stage.pk != activity.stage_id:
        if stage.roadmap_id != roadmap.pk:
            raise ValidationError({"stage": _("Choose a stage of this roadmap.")})
        activity.stage = stage
        activity.position = (stage.activities.aggregate(last=Max("position"))["last"] or 0) + 1
    first = not activity.stage.activities.exclude(pk=activity.pk).filter(position__lt=activity.position).exists()
    _check_activity(activity, roadmap, first_in_stage=first)
    if responsible_users is not None:
        responsible_users = list(responsible_users)
        _check_people(responsible_users, roadmap)
        activity.responsible_users.set(responsible_users)
    if practices is not None:
        practices = list(practices)
        _check_practices(practices, roadmap)
        activity.practices.set(practices)
    activity.save()
    recompute_roadmap(roadmap)
    activity.refresh_from_db()
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    roadmap = activity.roadmap
    activity.delete()
    recompute_roadmap(roadmap)


@transaction.atomic
def activity_move(*, activity: Activity, by: User, up: bool) -> None:
    siblings = list(activity.stage.activities.order_by("position", "pk"))
    index = siblings.index(activity)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    Activity.objects.bulk_update(siblings, ["position"])
    recompute_roadmap(activity.roadmap)


# Statuses and evidence


@dataclass(frozen=True)
class Completion:
    """What marking an activity, or one date of a recurring activity, says: the status and the
    evidence of the work (an order of the register, a file, a note). The status page and the events
    of the system each make one; ``set_status`` applies it the same way for both."""

    status: str
    completed_on: datetime.date | None = None  # when done; None is today
    evidence_order: Order | None = None
    evidence_file: File | None = None
    evidence_note: str | None = None  # None keeps the note there is
    clear_file: bool = False


@transaction.atomic
def set_status(*, target: Activity | Occurrence, completion: Completion) -> Activity | Occurrence:
    """Marks an activity, or one date of a recurring activity, with its evidence. A recurring
    activity is marked date by date; its own status follows its dates."""
    status = completion.status
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    activity = target if isinstance(target, Activity) else target.activity
    if target is activity and activity.is_recurring and status not in (Status.CANCELLED, Status.PLANNED):
        raise ValidationError({"status": _("This activity recurs: mark each of its dates.")})
    check_registered_order(completion.evidence_order, target.roadmap, "evidence_order")
    target.status = status
    target.completed_on = (completion.completed_on or timezone.localdate()) if status == Status.DONE else None
    target.evidence_order = completion.evidence_order
    if completion.evidence_note is not None:
        target.evidence_note = completion.evidence_note.strip()
    if completion.clear_file and target.evidence_file:
        target.evidence_file.delete(save=False)
        target.evidence_file = ""
    if completion.evidence_file:
        target.evidence_file = completion.evidence_file
    target.save()
    if target is not activity or (activity.is_recurring and status == Status.PLANNED):
        _refresh_recurring_status(activity)
    return target


# Comments and the audit's remarks


def comment_add(*, activity: Activity, by: User, text: str) -> Comment:
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    return Comment.objects.create(activity=activity, author=by, text=text.strip())


def remark_create(*, roadmap: Roadmap, by: User, text: str, activity: Activity | None = None) -> Remark:
    if not roadmap.organization_id or roadmap.is_template:
        raise ValidationError(_("Remarks are left on organizations' roadmaps."))
    if activity is not None and activity.roadmap_id != roadmap.pk:
        raise ValidationError({"activity": _("Choose an activity of this roadmap.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the remark.")})
    return Remark.objects.create(roadmap=roadmap, activity=activity, author=by, text=text.strip())


def remark_reply(*, remark: Remark, by: User, role: str, text: str) -> RemarkReply:
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    return RemarkReply.objects.create(remark=remark, author=by, author_role=role, text=text.strip())


def remark_resolve(*, remark: Remark, by: User, resolved: bool = True) -> Remark:
    remark.resolved_at = timezone.now() if resolved else None
    remark.resolved_by = by if resolved else None
    remark.save(update_fields=["resolved_at", "resolved_by"])
    return remark


# Events of the system that complete activities


def event_label(code: str, kind_names: dict[str, str] | None = None) -> str:
    if code.startswith(EVENT_ORDER_PREFIX):
        kind_code = code.removeprefix(EVENT_ORDER_PREFIX)
        if kind_names is None:
            kind_names = dict(OrderKind.objects.filter(code=kind_code).values_list("code", "name"))
        return _("an order «%(name)s» is registered") % {"name": kind_names.get(kind_code, kind_code)}
    return {
        EVENT_MENTORS: _("the mentor registry of the year is not empty"),
        EVENT_MENTEES: _("the mentee registry of the year is not empty"),
        EVENT_QUARTERLY_REPORT: _("a quarterly report is submitted"),
    }.get(code, code)


def event_choices(*, scope: str) -> list[tuple[str, str]]:
    kinds = OrderKind.objects.filter(is_active=True, scope=scope, document=OrderKind.Document.ORDER)
    names = dict(kinds.values_list("code", "name"))
    choices = [("", _("— by hand —"))]
    choices += [(EVENT_ORDER_PREFIX + code, event_label(EVENT_ORDER_PREFIX + code, names)) for code in names]
    if scope == Roadmap.Scope.ORGANIZATION:
        choices += [(EVENT_MENTORS, event_label(EVENT_MENTORS)), (EVENT_MENTEES, event_label(EVENT_MENTEES))]
    choices.append((EVENT_QUARTERLY_REPORT, event_label(EVENT_QUARTERLY_REPORT)))
    return choices


@dataclass
class Completed:
    activity: Activity
    occurrence: Occurrence | None = None


@transaction.atomic
def activities_complete_on_event(
    *,
    event: str,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    evidence_order: Order | None = None,
    on_date: datetime.date,
) -> list[Completed]:
    """Marks done the open activities of the owner's roadmaps (running on ``on_date``) that wait for
    ``event`` — e.g. "order_registered:pairs-approval" — with the order as evidence. A recurring
    activity gets the open occurrence nearest to the date done. The order «о внедрении» also
    becomes the approval of the roadmap in force, when it has none."""
    if (organization is None) == (municipality is None):
        raise ValueError("An event happens in an organization or in a municipality.")
    roadmaps = Roadmap.objects.filter(
        is_template=False, starts_on__lte=on_date, ends_on__gte=on_date, organization=organization
    )
    roadmaps = roadmaps.filter(municipality=municipality) if municipality else roadmaps
    activities = (
        Activity.objects.filter(roadmap__in=roadmaps, completes_on=event, status__in=OPEN_STATUSES)
        .select_related("roadmap")
        .prefetch_related("occurrences")
    )
    if evidence_order is not None:
        description = _("the order %(order)s is registered") % {"order": evidence_order}
    else:
        description = event_label(event)
    note = _("Done automatically: %(event)s.") % {"event": description}
    if (
        evidence_order is not None
        and evidence_order.status == Order.Status.REGISTERED
        and event in {EVENT_ORDER_PREFIX + code for code in APPROVING_ORDER_KINDS}
    ):
        unapproved = roadmaps.filter(approved_by__isnull=True).order_by("-starts_on").first()
        if unapproved is not None and (unapproved.organization_id, unapproved.municipality_id) == (
            evidence_order.organization_id,
            evidence_order.municipality_id,
        ):
            unapproved.approved_by = evidence_order
            unapproved.save(update_fields=["approved_by", "updated_at"])
    registered = evidence_order if evidence_order and evidence_order.status == Order.Status.REGISTERED else None
    completion = Completion(status=Status.DONE, completed_on=on_date, evidence_order=registered, evidence_note=note)
    # Another register's order is no evidence for this roadmap (set_status would refuse it).
    without_order = dataclasses.replace(completion, evidence_order=None)
    done = []
    for activity in activities:
        own_order = registered is not None and (registered.organization_id, registered.municipality_id) == (
            activity.roadmap.organization_id,
            activity.roadmap.municipality_id,
        )
        activity_completion = completion if own_order else without_order
        if activity.is_recurring:
            open_ones = [occurrence for occurrence in activity.occurrences.all() if occurrence.is_open]
            if not open_ones:
                continue
            occurrence = min(open_ones, key=lambda o: (abs((o.due_on - on_date).days), o.due_on))
            set_status(target=occurrence, completion=activity_completion)
            done.append(Completed(activity, occurrence))
        else:
            set_status(target=activity, completion=activity_completion)
            done.append(Completed(activity))
    return done


def registry_events_check(*, on_date: datetime.date) -> list[Completed]:
    """Activities waiting for a non-empty registry of mentors or mentees complete once it is."""
    from mentoring.models import MenteeEntry, MentorEntry

    waiting = (
        Activity.objects.filter(
            roadmap__is_template=False,
            roadmap__organization__isnull=False,
            roadmap__starts_on__lte=on_date,
            roadmap__ends_on__gte=on_date,
            completes_on__in=[EVENT_MENTORS, EVENT_MENTEES],
            status__in=OPEN_STATUSES,
        )
        .values_list("roadmap__organization_id", "roadmap__academic_year", "completes_on")
        .distinct()
    )
    done = []
    for organization_id, academic_year, event in waiting:
        model = MentorEntry if event == EVENT_MENTORS else MenteeEntry
        entries = model.objects.filter(organization_id=organization_id, academic_year=academic_year)
        if entries.exists():
            done += activities_complete_on_event(
                event=event, organization=Organization.objects.get(pk=organization_id), on_date=on_date
            )
    return done


# Import


@dataclass
class ImportedActivity:
    title: str = ""
    content: str = ""
    term_text: str = ""
    responsible_text: str = ""
    result: str = ""
    continues_previous: bool = False
    term_as_above: bool = False
    responsible_as_above: bool = False
    responsible_roles: list[str] = field(default_factory=list)


@dataclass
class ImportedStage:
    title: str
    activities: list[ImportedActivity] = field(default_factory=list)


@transaction.atomic
def roadmap_import(
    *,
    by: User,
    layout: str,
    stages: list[ImportedStage],
    title: str,
    organization: Organization | None = None,
    municipality: Municipality | None = None,
    academic_year: int | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    heading: str = "",
    preamble: str = "",
    approval_text: str = "",
    columns: list[str] | None = None,
) -> Roadmap:
    """A new roadmap from a table read by roadmap.xlsx; terms not understood stay as words, without a deadline."""
    if not stages:
        raise ValidationError(_("The table has no rows of a roadmap."))
    roadmap = roadmap_create(
        by=by,
        title=title,
        organization=organization,
        municipality=municipality,
        academic_year=academic_year,
        starts_on=starts_on,
        ends_on=ends_on,
        layout=layout,
        heading=heading,
        preamble=preamble,
        approval_text=approval_text,
        columns=columns,
    )
    # Numbered, termed and with their occurrences before they are written: a few inserts in all,
    # whatever the number of rows, so the transaction stays short.
    new_stages = Stage.objects.bulk_create(
        [Stage(roadmap=roadmap, position=index, title=stage.title) for index, stage in enumerate(stages, start=1)],
        batch_size=BATCH_SIZE,
    )
    rows_of_stages = [
        [
            Activity(
                roadmap=roadmap,
                stage=new_stage,
                title=row.title,
                content=row.content,
                term_text=row.term_text[:300],
                responsible_text=row.responsible_text[:500],
                result=row.result[:1000],
                continues_previous=row.continues_previous,
                term_as_above=row.term_as_above,
                responsible_as_above=row.responsible_as_above,
                responsible_roles=row.responsible_roles,
            )
            for row in stage.activities
        ]
        for stage, new_stage in zip(stages, new_stages, strict=True)
    ]
    _lay_out(roadmap, rows_of_stages)
    activities = Activity.objects.bulk_create(itertools.chain.from_iterable(rows_of_stages), batch_size=BATCH_SIZE)
    Occurrence.objects.bulk_create(
        [
            Occurrence(activity=activity, starts_on=window.start, due_on=due)
            for activity in activities
            if activity.is_recurring
            for due, window in _occurrence_windows(activity.windows).items()
        ],
        batch_size=BATCH_SIZE,
    )
    return roadmap


def guess_roles(text: str, *, scope: str) -> list[str]:
    """Roles named in the responsible column, for reminders and «my activities»."""
    words = text.lower().replace("ё", "е")
    roles = []
    if scope == Roadmap.Scope.MUNICIPALITY:
        if any(word in words for word in ("координатор", "мку", "имо", "омц", "ресурсн", "управлени", "уо ")):
            roles.append(Role.COORDINATOR.value)
        return roles
    for chunk in words.replace(";", ",").split(","):
        if "директор" in chunk and "заместител" not in chunk:
            roles.append(Role.DIRECTOR.value)
        if "куратор" in chunk:
            roles.append(Role.CURATOR.value)
        if chunk.strip().startswith("наставник"):
            roles.append(Role.MENTOR.value)
    return list(dict.fromkeys(roles))
