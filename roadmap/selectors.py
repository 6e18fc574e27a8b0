"""Reads of the roadmaps, scoped to the current context, and what the pages compute from them:
progress, overdue and coming deadlines, the timeline by month.

An organization sees its own roadmaps and, read-only, those of its municipality; the municipal
coordinator sees the municipality's roadmaps and, read-only, those of its organizations (the audit).
Each changes only its own: an organization its roadmaps, the coordinator the municipal ones.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.collation import name_order
from accounts.models import Membership, Organization, Role, User
from accounts.permissions import Action
from accounts.tenancy import Tenant
from mentoring.academic_year import academic_year_of
from reports.models import Order
from roadmap.models import Activity, Occurrence, Remark, RemarkReply, Roadmap, Stage, Status
from roadmap.terms import Window, month_label

SOON_DAYS = 14


def _none() -> QuerySet[Roadmap]:
    return Roadmap.objects.none()


def roadmaps_visible(tenant: Tenant) -> QuerySet[Roadmap]:
    roadmaps = Roadmap.objects.filter(is_template=False).select_related("organization", "municipality")
    if not tenant.can(Action.ROADMAP_VIEW):
        return _none()
    municipality = tenant.municipality
    if tenant.is_municipal:
        return roadmaps.filter(Q(municipality=municipality) | Q(organization__municipality=municipality))
    return roadmaps.filter(Q(organization=tenant.organization) | Q(municipality=municipality))


def roadmaps_editable(tenant: Tenant) -> QuerySet[Roadmap]:
    """Only one's own: an organization's roadmaps for its staff, the municipal ones for the coordinator."""
    if not tenant.can(Action.ROADMAP_CHANGE):
        return _none()
    roadmaps = Roadmap.objects.filter(is_template=False).select_related("organization", "municipality")
    if tenant.is_municipal:
        return roadmaps.filter(municipality=tenant.municipality)
    return roadmaps.filter(organization=tenant.organization)


def roadmaps_audited(tenant: Tenant) -> QuerySet[Roadmap]:
    """The organizations' roadmaps the coordinator audits."""
    if not tenant.can(Action.ROADMAP_AUDIT) or not tenant.is_municipal:
        return _none()
    return Roadmap.objects.filter(is_template=False, organization__municipality=tenant.municipality).select_related(
        "organization"
    )


def own_roadmaps(tenant: Tenant) -> QuerySet[Roadmap]:
    """The roadmaps of the current context's own level (without the other level's ones)."""
    roadmaps = Roadmap.objects.filter(is_template=False)
    if tenant.is_municipal:
        return roadmaps.filter(municipality=tenant.municipality)
    return roadmaps.filter(organization=tenant.organization)


def templates_for(tenant: Tenant) -> QuerySet[Roadmap]:
    """The shipped templates of the context's level and its own ones."""
    scope = Roadmap.Scope.MUNICIPALITY if tenant.is_municipal else Roadmap.Scope.ORGANIZATION
    shipped = Q(organization__isnull=True, municipality__isnull=True, scope=scope)
    own = Q(municipality=tenant.municipality) if tenant.is_municipal else Q(organization=tenant.organization)
    return (
        Roadmap.objects.filter(shipped | own, is_template=True)
        .annotate(stage_count=Count("stages", distinct=True), activity_count=Count("activities", distinct=True))
        .order_by("organization_id", "municipality_id", "template_name")
    )


def own_templates(tenant: Tenant) -> QuerySet[Roadmap]:
    if not tenant.can(Action.ROADMAP_CHANGE):
        return _none()
    own = Q(municipality=tenant.municipality) if tenant.is_municipal else Q(organization=tenant.organization)
    return Roadmap.objects.filter(own, is_template=True)


def stages_editable(tenant: Tenant) -> QuerySet[Stage]:
    return Stage.objects.filter(roadmap__in=roadmaps_editable(tenant)).select_related("roadmap")


def activities_visible(tenant: Tenant) -> QuerySet[Activity]:
    return Activity.objects.filter(roadmap__in=roadmaps_visible(tenant)).select_related(
        "roadmap__organization", "roadmap__municipality", "stage", "evidence_order"
    )


def activities_editable(tenant: Tenant) -> QuerySet[Activity]:
    return Activity.objects.filter(roadmap__in=roadmaps_editable(tenant)).select_related(
        "roadmap__organization", "roadmap__municipality", "stage", "evidence_order"
    )


def activities_commentable(tenant: Tenant) -> QuerySet[Activity]:
    """Comments are the owner's own talk: its staff (mentors too) comment on its own roadmaps."""
    if not tenant.can(Action.ROADMAP_VIEW):
        return Activity.objects.none()
    return Activity.objects.filter(roadmap__in=own_roadmaps(tenant)).select_related("roadmap")


def occurrences_editable(tenant: Tenant) -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(activity__roadmap__in=roadmaps_editable(tenant)).select_related(
        "activity__roadmap__organization", "activity__roadmap__municipality", "evidence_order"
    )


def remarks_answerable(tenant: Tenant) -> QuerySet[Remark]:
    """The organization answers the remarks on its roadmaps; the coordinator may answer back."""
    if not tenant.can(Action.ROADMAP_CHANGE):
        return Remark.objects.none()
    if tenant.is_municipal:
        return Remark.objects.filter(roadmap__organization__municipality=tenant.municipality)
    return Remark.objects.filter(roadmap__organization=tenant.organization)


def remarks_audited(tenant: Tenant) -> QuerySet[Remark]:
    return Remark.objects.filter(roadmap__in=roadmaps_audited(tenant))


def people_of(roadmap: Roadmap) -> QuerySet[User]:
    """Who may be named responsible: the members of the roadmap's organization (or municipality)."""
    if roadmap.organization_id:
        members = Membership.objects.filter(organization_id=roadmap.organization_id)
    else:
        members = Membership.objects.filter(municipality_id=roadmap.municipality_id)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(*name_order(), "pk")


def registered_orders_of(roadmap: Roadmap) -> QuerySet[Order]:
    return Order.objects.filter(
        organization_id=roadmap.organization_id,
        municipality_id=roadmap.municipality_id,
        status=Order.Status.REGISTERED,
    ).select_related("kind")


def set_group_numbers(activities: list[Activity]) -> None:
    """``group_number``: a row going on with the activity above shows that activity's number."""
    last: dict[int, str] = {}
    for activity in activities:
        if activity.number:
            last[activity.stage_id] = activity.number
        activity.group_number = activity.number or last.get(activity.stage_id, "")


def roadmap_activities(roadmap: Roadmap) -> list[Activity]:
    """Every activity of the roadmap with what its page shows, in a fixed number of queries."""
    activities = list(
        Activity.objects.filter(roadmap=roadmap)
        .select_related("stage", "evidence_order")
        .prefetch_related(
            "responsible_users",
            Prefetch("occurrences", queryset=Occurrence.objects.select_related("evidence_order")),
        )
        .annotate(comment_count=Count("comments", distinct=True))
        .order_by("stage__position", "stage_id", "position", "pk")
    )
    set_group_numbers(activities)
    return activities


def roadmap_remarks(roadmap: Roadmap) -> list[Remark]:
    return list(
        roadmap.remarks.select_related("author", "activity", "resolved_by").prefetch_related(
            Prefetch("replies", queryset=RemarkReply.objects.select_related("author"))
        )
    )


# Progress and deadlines


@dataclass
class Progress:
    weight: float = 0
    done: float = 0
    overdue: int = 0
    soon: int = 0
    activities: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.weight) if self.weight else 0

    def add(self, other: "Progress") -> None:
        self.weight += other.weight
        self.done += other.done
        self.overdue += other.overdue
        self.soon += other.soon
        self.activities += other.activities


@dataclass(frozen=True)
class Deadline:
    activity: Activity
    occurrence: Occurrence | None
    starts_on: datetime.date | None
    due_on: datetime.date
    status: str
    overdue: bool
    days_left: int

    @property
    def target(self) -> Activity | Occurrence:
        return self.occurrence or self.activity


def deadlines_of(activity: Activity, today: datetime.date, occurrences=None) -> list[Deadline]:
    """Open deadlines of the activity: its own, or those of its occurrences (read from the activity
    unless given)."""
    if activity.status == Status.CANCELLED:
        return []
    if activity.is_recurring:
        occurrences = activity.occurrences.all() if occurrences is None else occurrences
        items = [(o, o.starts_on, o.due_on, o.status) for o in occurrences if o.is_open]
    elif activity.is_open and activity.due_on is not None:
        items = [(None, activity.starts_on, activity.due_on, activity.status)]
    else:
        items = []
    return [
        Deadline(activity, occurrence, starts_on, due, status, due < today, (due - today).days)
        for occurrence, starts_on, due, status in items
    ]


def activity_progress(
    activity: Activity, today: datetime.date, soon_days: int = SOON_DAYS, occurrences=None
) -> Progress:
    progress = Progress(activities=1)
    if activity.status == Status.CANCELLED:
        return progress
    progress.weight = 1
    if activity.is_recurring:
        occurrences = activity.occurrences.all() if occurrences is None else occurrences
        live = [o for o in occurrences if o.status != Status.CANCELLED]
        progress.done = sum(o.status == Status.DONE for o in live) / len(live) if live else 0
    else:
        progress.done = 1 if activity.status == Status.DONE else 0
    for deadline in deadlines_of(activity, today, occurrences):
        if deadline.overdue:
            progress.overdue += 1
        elif deadline.days_left <= soon_days:
            progress.soon += 1
    return progress


def is_mine(activity: Activity, tenant: Tenant, user: User) -> bool:
    if tenant.role.value in (activity.responsible_roles or []):
        return True
    return any(person.pk == user.pk for person in activity.responsible_users.all())


@dataclass
class StageView:
    stage: Stage
    activities: list[Activity] = field(default_factory=list)
    progress: Progress = field(default_factory=Progress)


@dataclass
class RoadmapView:
    roadmap: Roadmap
    stages: list[StageView]
    progress: Progress
    overdue: list[Deadline]
    soon: list[Deadline]
    shown: int
    total: int


def roadmap_view(
    roadmap: Roadmap, today: datetime.date, *, tenant: Tenant | None = None, user: User | None = None, mine=False
) -> RoadmapView:
    """The roadmap page: stages with progress bars, overdue and soon deadlines; «mine» keeps the
    activities where the user (or the current role) is responsible."""
    stages = {stage.pk: StageView(stage) for stage in roadmap.stages.order_by("position", "pk")}
    total = Progress()
    overdue, soon = [], []
    activities = roadmap_activities(roadmap)
    shown = 0
    for activity in activities:
        activity.progress = activity_progress(activity, today)
        activity.deadlines = deadlines_of(activity, today)
        activity.overdue = any(deadline.overdue for deadline in activity.deadlines)
        stage_view = stages[activity.stage_id]
        stage_view.progress.add(activity.progress)
        total.add(activity.progress)
        if mine and not is_mine(activity, tenant, user):
            continue
        shown += 1
        stage_view.activities.append(activity)
        for deadline in activity.deadlines:
            if deadline.overdue:
                overdue.append(deadline)
            elif deadline.days_left <= SOON_DAYS:
                soon.append(deadline)
    overdue.sort(key=lambda d: d.due_on)
    soon.sort(key=lambda d: d.due_on)
    return RoadmapView(roadmap, list(stages.values()), total, overdue, soon, shown, len(activities))


# The timeline by month


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self) -> datetime.date:
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return month_label(self.year, self.month)


def months_between(start: datetime.date, end: datetime.date) -> list[Month]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(Month(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True)
class Cell:
    """One month of one activity's row: empty, or within a window (with that window's state)."""

    state: str = ""  # "", planned, in_progress, done, cancelled, overdue
    is_deadline: bool = False
    is_today: bool = False
    title: str = ""


def _state(status: str, due: datetime.date, today: datetime.date) -> str:
    if status in (Status.PLANNED, Status.IN_PROGRESS) and due < today:
        return "overdue"
    return status


def timeline_rows(view: RoadmapView, months: list[Month], today: datetime.date) -> list[tuple]:
    """(stage view, [(activity, [Cell per month])]) for the timeline table."""
    rows = []
    for stage_view in view.stages:
        activity_rows = []
        for activity in stage_view.activities:
            if activity.is_recurring:
                windows = [(Window(o.starts_on, o.due_on), o.status) for o in activity.occurrences.all()]
            elif activity.due_on:
                windows = [(Window(activity.starts_on or activity.due_on, activity.due_on), activity.status)]
            else:
                windows = []
            cells = []
            for month in months:
                cell = Cell(is_today=month.first <= today <= month.last)
                for window, status in windows:
                    if window.start <= month.last and window.due >= month.first:
                        cell = Cell(
                            state=_state(status, window.due, today),
                            is_deadline=month.first <= window.due <= month.last,
                            is_today=cell.is_today,
                            title=f"{window.start:%d.%m.%Y} – {window.due:%d.%m.%Y}",
                        )
                        break
                cells.append(cell)
            activity_rows.append((activity, cells))
        rows.append((stage_view, activity_rows))
    return rows


# The municipal audit


@dataclass
class AuditRow:
    organization: Organization
    roadmap: Roadmap | None
    progress: Progress
    open_remarks: int = 0


def audit_rows(tenant: Tenant, academic_year: int, today: datetime.date) -> list[AuditRow]:
    """Every organization of the municipality with its roadmap of the year and its progress."""
    organizations = list(Organization.objects.filter(municipality=tenant.municipality).order_by("kind", "short_name"))
    roadmaps = list(
        roadmaps_audited(tenant)
        .filter(academic_year=academic_year)
        .annotate(open_remarks=Count("remarks", filter=Q(remarks__resolved_at__isnull=True), distinct=True))
    )
    # The activities and dates of every roadmap in two flat reads, grouped here: prefetching them
    # cost more than the reads themselves (a queryset per activity; 40 schools, make bench).
    ids = [roadmap.pk for roadmap in roadmaps]
    occurrences = defaultdict(list)
    for occurrence in Occurrence.objects.filter(activity__roadmap__in=ids).only(
        "activity_id", "status", "due_on", "starts_on"
    ):
        occurrences[occurrence.activity_id].append(occurrence)
    progress_of = defaultdict(Progress)
    for activity in Activity.objects.filter(roadmap__in=ids).only(
        "roadmap_id", "status", "is_recurring", "due_on", "starts_on"
    ):
        progress_of[activity.roadmap_id].add(
            activity_progress(activity, today, occurrences=occurrences.get(activity.pk, []))
        )
    by_organization = {roadmap.organization_id: roadmap for roadmap in roadmaps}
    rows = []
    for organization in organizations:
        roadmap = by_organization.get(organization.pk)
        progress = progress_of[roadmap.pk] if roadmap is not None else Progress()
        rows.append(AuditRow(organization, roadmap, progress, roadmap.open_remarks if roadmap else 0))
    return rows


def current_academic_year(today: datetime.date) -> int:
    return academic_year_of(today)


def current_roadmap(tenant: Tenant, today: datetime.date) -> Roadmap | None:
    """The roadmap in force today for the context's own level."""
    return own_roadmaps(tenant).filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()


def role_members(roadmap: Roadmap, roles: list[str]) -> QuerySet[Membership]:
    scope = (
        {"organization_id": roadmap.organization_id}
        if roadmap.organization_id
        else {"municipality_id": roadmap.municipality_id}
    )
    return Membership.objects.filter(role__in=roles, **scope)


ROLE_CHOICES_ORGANIZATION = [Role.DIRECTOR, Role.CURATOR, Role.MENTOR]
ROLE_CHOICES_MUNICIPALITY = [Role.COORDINATOR]
