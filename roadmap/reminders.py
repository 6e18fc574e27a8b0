"""The daily reminders: each responsible person gets one e-mail with the activities due within a
week and those overdue, and never the same reminder twice (Reminder keeps what was sent, per person,
activity, deadline — so each occurrence of a recurring activity — and kind)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from roadmap.models import OPEN_STATUSES, Activity, Occurrence, Reminder, Roadmap

REMIND_DAYS = 7


@dataclass(frozen=True)
class Item:
    activity: Activity
    due_on: datetime.date
    kind: str
    occurrence: Occurrence | None = None

    @property
    def roadmap(self) -> Roadmap:
        return self.activity.roadmap


@dataclass
class Run:
    emails: int = 0
    items: int = 0
    recipients: list[str] = field(default_factory=list)


def due_items(today: datetime.date) -> list[Item]:
    """Open deadlines up to a week ahead and those passed, in the roadmaps still running."""
    limit = today + datetime.timedelta(days=REMIND_DAYS)
    running = Roadmap.objects.filter(is_template=False, ends_on__gte=today)
    related = ["roadmap__organization", "roadmap__municipality"]
    one_off = (
        Activity.objects.filter(
            roadmap__in=running, is_recurring=False, status__in=OPEN_STATUSES, due_on__isnull=False, due_on__lte=limit
        )
        .select_related(*related)
        .prefetch_related("responsible_users")
    )
    occurrences = (
        Occurrence.objects.filter(
            activity__roadmap__in=running,
            activity__status__in=OPEN_STATUSES,
            status__in=OPEN_STATUSES,
            due_on__lte=limit,
        )
        .select_related(*[f"activity__{name}" for name in related])
        .prefetch_related("activity__responsible_users")
    )

    def kind(due: datetime.date) -> str:
        return Reminder.Kind.OVERDUE if due < today else Reminder.Kind.DUE_SOON

    items = [Item(activity, activity.due_on, kind(activity.due_on)) for activity in one_off]
    items += [Item(o.activity, o.due_on, kind(o.due_on), o) for o in occurrences]
    return sorted(items, key=lambda item: (item.due_on, item.activity.roadmap_id, item.activity.number))


def _role_members(items: list[Item]) -> dict[tuple, list[User]]:
    """(organization or municipality key, role) -> users, in one query."""
    organizations = {item.roadmap.organization_id for item in items if item.roadmap.organization_id}
    municipalities = {item.roadmap.municipality_id for item in items if item.roadmap.municipality_id}
    roles = {role for item in items for role in item.activity.responsible_roles}
    members = defaultdict(list)
    if not roles:
        return members
    memberships = Membership.objects.filter(
        Q(organization_id__in=organizations) | Q(municipality_id__in=municipalities), role__in=roles
    ).select_related("user")
    for membership in memberships:
        key = ("org", membership.organization_id) if membership.organization_id else ("mun", membership.municipality_id)
        members[(key, membership.role)].append(membership.user)
    return members


def _owner_key(roadmap: Roadmap) -> tuple:
    return ("org", roadmap.organization_id) if roadmap.organization_id else ("mun", roadmap.municipality_id)


def recipients_of(item: Item, members: dict) -> list[User]:
    people = {user.pk: user for user in item.activity.responsible_users.all()}
    for role in item.activity.responsible_roles:
        for user in members.get((_owner_key(item.roadmap), role), []):
            people.setdefault(user.pk, user)
    return [user for user in people.values() if user.is_active and user.email]


def _set_group_numbers(items: list[Item]) -> None:
    """A row going on with the activity above is named by that activity's number in the e-mail."""
    for item in items:
        activity = item.activity
        activity.group_number = activity.number
        if activity.continues_previous:
            above = Activity.objects.filter(
                stage_id=activity.stage_id, position__lt=activity.position, continues_previous=False
            ).order_by("-position")
            activity.group_number = above.values_list("number", flat=True).first() or ""


def send_reminders(*, today: datetime.date, base_url: str = "") -> Run:
    items = due_items(today)
    run = Run()
    if not items:
        return run
    _set_group_numbers(items)
    members = _role_members(items)
    sent = set(
        Reminder.objects.filter(activity_id__in={item.activity.pk for item in items}).values_list(
            "user_id", "activity_id", "due_on", "kind"
        )
    )
    per_user: dict[int, tuple[User, list[Item]]] = {}
    for item in items:
        for user in recipients_of(item, members):
            if (user.pk, item.activity.pk, item.due_on, item.kind) in sent:
                continue
            per_user.setdefault(user.pk, (user, []))[1].append(item)
    with translation.override(settings.LANGUAGE_CODE):
        for user, user_items in per_user.values():
            overdue = [item for item in user_items if item.kind == Reminder.Kind.OVERDUE]
            soon = [item for item in user_items if item.kind == Reminder.Kind.DUE_SOON]
            body = render_to_string(
                "roadmap/email/reminder.txt",
                {
                    "user": user,
                    "overdue": [
                        (item, base_url + reverse("activity_detail", args=[item.activity.pk])) for item in overdue
                    ],
                    "soon": [(item, base_url + reverse("activity_detail", args=[item.activity.pk])) for item in soon],
                    "days": REMIND_DAYS,
                    "today": today,
                },
            )
            subject = _("Roadmap: %(overdue)s overdue, %(soon)s due within a week") % {
                "overdue": len(overdue),
                "soon": len(soon),
            }
            send_mail(subject, body, None, [user.email])
            Reminder.objects.bulk_create(
                [
                    Reminder(user=user, activity=item.activity, due_on=item.due_on, kind=item.kind)
                    for item in user_items
                ],
                ignore_conflicts=True,
            )
            run.emails += 1
            run.items += len(user_items)
            run.recipients.append(user.email)
    return run
