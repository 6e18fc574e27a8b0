"""How long ago a day was, as a person says it: «сегодня», «вчера», «3 дня назад».

Django's ``timesince``/``naturaltime`` speak of hours and minutes and say «0 минут назад» of today;
the pages count whole days (the last meeting of a pair) and must not say «0 дней назад» or
«1 день назад» where a Russian speaker says «сегодня» and «вчера». The plural forms of the rest
come from the catalogue (ngettext), so «21 день», «22 дня», «25 дней» are each right.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

register = template.Library()


def days_ago_text(days: int) -> str:
    if days == 0:
        return gettext("today")
    if days == 1:
        return gettext("yesterday")
    if days == -1:
        return gettext("tomorrow")
    if days < 0:
        return ngettext("in %(days)s day", "in %(days)s days", -days) % {"days": -days}
    return ngettext("%(days)s day ago", "%(days)s days ago", days) % {"days": days}


@register.filter
def days_ago(value) -> str:
    """``{{ unit.days_since_meeting|days_ago }}`` or ``{{ meeting.held_on|days_ago }}``: a number of
    days back, or a date counted from today in the current time zone (the organization's). Empty for
    no value."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        value = (timezone.localdate() - value).days
    return days_ago_text(int(value))
