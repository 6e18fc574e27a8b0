"""Small helpers of the roadmap templates: the state a status shows on a day, Bootstrap colours."""

from django import template

from roadmap.models import OPEN_STATUSES

register = template.Library()

BAR_CLASSES = {"done": "bg-success", "overdue": "bg-danger"}


@register.filter
def state_on(target, today) -> str:
    """planned / in_progress / done / cancelled, or overdue for an open one past its deadline."""
    due = getattr(target, "due_on", None)
    if (
        target.status in OPEN_STATUSES
        and due is not None
        and due < today
        and not getattr(target, "is_recurring", False)
    ):
        return "overdue"
    if getattr(target, "is_recurring", False) and getattr(target, "overdue", False):
        return "overdue"
    return target.status


@register.filter
def progress_class(progress) -> str:
    if progress.overdue:
        return "bg-warning"
    if progress.percent == 100:
        return "bg-success"
    return "bg-primary"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "")
