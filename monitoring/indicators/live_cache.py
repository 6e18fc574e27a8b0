"""Live counts of the indicators kept in the cache, per organization and reporting date.

The coordinator's dashboard shows every organization's live values of eight quarters: counting
them from the registries on every view was most of the page's time (make bench). The counts are
kept under the organization's ``data_version``, which goes up whenever something they count
changes: a registry entry, a participant, a pair or group or its mentees, a questionnaire's
response. A changed organization is counted again on the next view; the others come from the
cache. The version goes up once the change is committed (``on_commit``), so that no transaction
holds a lock on the organization's row while it works; the timeout bounds the life of a count
whose change was missed (a process stopped between its commit and the bump).

Only pages read through the cache: exports and submissions always count afresh.
"""

import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from accounts.data_version import data_changed
from accounts.models import Organization

TIMEOUT_SECONDS = 10 * 60
# Raised when the shape of what is cached changes (2: satisfaction as its respondents pooled).
KEY_PREFIX = "indicator-counts-2"


def definition_signature(indicators) -> str:
    """What the counts of the indicators depend on besides the data: their counting rules."""
    parts = [
        (
            indicator.pk,
            indicator.source,
            indicator.role,
            sorted(indicator.categories or []),
            indicator.age_min,
            indicator.age_max,
            indicator.young_specialists,
            indicator.full_cycle_only,
            sorted(form.pk for form in indicator.forms.all()),
        )
        for indicator in indicators
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _key(organization: Organization, day: datetime.date, signature: str) -> str:
    return f"{KEY_PREFIX}:{organization.pk}:{organization.data_version}:{day:%Y%m%d}:{signature}"


def cached_live_counts(indicators, organizations, dates, count) -> dict[datetime.date, dict[int, dict]]:
    """What ``count(indicators, organization_ids, dates)`` returns (date -> indicator id ->
    organization id -> count), for the given organizations (with their ``data_version`` as read
    before the counting), taking what the cache has and counting the rest in one call."""
    signature = definition_signature(indicators)
    keys = {
        (organization.pk, day): _key(organization, day, signature) for organization in organizations for day in dates
    }
    found = cache.get_many(keys.values())
    missing = [pair for pair, key in keys.items() if key not in found]
    if missing:
        missing_ids = sorted({pk for pk, _day in missing})
        missing_dates = sorted({day for _pk, day in missing})
        counted = count(indicators, missing_ids, missing_dates)
        fresh = {
            keys[(pk, day)]: {
                indicator_pk: by_organization[pk]
                for indicator_pk, by_organization in counted[day].items()
                if pk in by_organization
            }
            for pk, day in missing
        }
        cache.set_many(fresh, timeout=TIMEOUT_SECONDS)
        found |= fresh
    result: dict[datetime.date, dict[int, dict]] = {
        day: {indicator.pk: {} for indicator in indicators} for day in dates
    }
    for (pk, day), key in keys.items():
        for indicator_pk, value in found[key].items():
            result[day][indicator_pk][pk] = value
    return result


# What makes the counts of an organization stale -----------------------------------------------


def _entry_or_participant_changed(sender, instance, **kwargs):
    data_changed(Q(pk=instance.organization_id))


def _unit_changed(sender, instance, **kwargs):
    data_changed(Q(programs=instance.program_id))


def _unit_mentee_changed(sender, instance, **kwargs):
    # The unit may be deleted with its mentees: then its own signal marks the organization.
    data_changed(Q(programs__units=instance.unit_id))


def _response_changed(sender, instance, **kwargs):
    data_changed(Q(campaigns=instance.campaign_id))


def connect_signals() -> None:
    from mentoring.models import MenteeEntry, MentorEntry, MentoringUnit, Participant, UnitMentee
    from monitoring.models import Response

    receivers = [
        (MentorEntry, _entry_or_participant_changed),
        (MenteeEntry, _entry_or_participant_changed),
        (Participant, _entry_or_participant_changed),
        (MentoringUnit, _unit_changed),
        (UnitMentee, _unit_mentee_changed),
        (Response, _response_changed),
    ]
    for model, receiver in receivers:
        for signal in (post_save, post_delete):
            signal.connect(receiver, sender=model, dispatch_uid=f"live-cache-{signal is post_save}-{model.__name__}")
