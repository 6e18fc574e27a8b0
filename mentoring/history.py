"""The change history (django-simple-history) as a person reads it, in the interface's language.

A historical record keeps raw column values: ``True``, a foreign key's number, a date object, a
choice's code. Shown as they are, the history reads «Партнёр: — → 15». Here every value becomes
what the forms show: the field's verbose name, «да»/«нет», the related object's name, dd.mm.yyyy,
the choice's label. The names of related objects are read in one query per related model for the
whole history, so a page's number of queries does not grow with its history.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEvent:
    """One saved version of an object: who, when, what changed (empty for a creation)."""

    date: datetime.datetime
    user: object
    object: str
    type: str  # "+" created, "~" changed, "-" deleted (simple-history's marks)
    reason: str
    changes: list[Change] = field(default_factory=list)
    record: object = None
    # Raw values of the changed fields ({name: (old, new)}): what a page may summarize an event by.
    raw: dict = field(default_factory=dict)


def _person_name(obj) -> str:
    full_name = getattr(obj, "get_full_name", None)
    return (full_name() if callable(full_name) else "") or str(obj)


class _Names:
    """The names of related objects that the changes refer to, loaded together."""

    def __init__(self):
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[tuple[type[models.Model], object], str] = {}

    def want(self, model: type[models.Model], value) -> None:
        if value is not None:
            self.wanted[model].add(value)

    def load(self) -> None:
        for model, ids in self.wanted.items():
            for pk, obj in model._base_manager.in_bulk(list(ids)).items():
                self.found[(model, pk)] = _person_name(obj)

    def of(self, model: type[models.Model], value) -> str:
        # A related object deleted since: its number is all that is left.
        return self.found.get((model, value)) or _("deleted (No. %(pk)s)") % {"pk": value}


def display_value(model_field: models.Field, value, names: _Names, labels: Mapping | None = None) -> str:
    """A value of the field as the interface shows it."""
    if value is None or value == "" or value == []:
        return EMPTY
    choices = dict(labels or {}) or (dict(model_field.flatchoices) if model_field.choices else {})
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if choices:
        return str(choices.get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if model_field.is_relation and model_field.many_to_one:
        return names.of(model_field.related_model, value)
    if isinstance(model_field, models.FileField):
        return _("file attached")
    if isinstance(model_field, models.DateTimeField) and isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    return str(value)


def history_events(
    sources: Iterable[tuple[Iterable, str]],
    *,
    hidden: Iterable[str] = (),
    labels: Mapping[str, Mapping] | None = None,
) -> list[HistoryEvent]:
    """The events of historical records, newest first.

    ``sources`` are pairs (records of one historical model, the name of what they are a history of);
    the records of each object are compared with its previous version. ``hidden`` fields are left out
    of the changes (kept in ``raw``); ``labels`` give the labels of codes a field stores without
    choices (e.g. a list of codes in a JSON field)."""
    hidden = set(hidden)
    labels = labels or {}
    names = _Names()
    pending = []
    for records, label in sources:
        by_object: dict[object, list] = defaultdict(list)
        for record in records:
            by_object[record.id].append(record)
        for versions in by_object.values():
            versions.sort(key=lambda record: (record.history_date, record.history_id))
            pending.append((versions[0], None, label))
            pending.extend((newer, older, label) for older, newer in pairwise(versions))
    diffs = []
    for record, previous, label in pending:
        model = record.instance_type
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                model_field = model._meta.get_field(change.field)
                if model_field.is_relation and model_field.many_to_one:
                    names.want(model_field.related_model, change.old)
                    names.want(model_field.related_model, change.new)
                changes.append((model_field, change.old, change.new))
        diffs.append((record, label, changes))
    names.load()
    events = []
    for record, label, changes in diffs:
        events.append(
            HistoryEvent(
                date=record.history_date,
                user=record.history_user,
                object=label,
                type=record.history_type,
                reason=record.history_change_reason or "",
                record=record,
                raw={model_field.name: (old, new) for model_field, old, new in changes},
                changes=[
                    Change(
                        field=str(model_field.verbose_name),
                        old=display_value(model_field, old, names, labels.get(model_field.name)),
                        new=display_value(model_field, new, names, labels.get(model_field.name)),
                    )
                    for model_field, old, new in changes
                    if model_field.name not in hidden
                ],
            )
        )
    return sorted(events, key=lambda event: (event.date, event.record.history_id), reverse=True)
