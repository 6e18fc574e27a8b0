"""The public rendition of a registered order: what the public section shows of it.

The registered order never changes (its text, appendices and PDF stay as signed). The public
rendition is a copy made in memory for each publication: an appendix that lists people is shown only
when every person in it has a consent to distribution in force that allows the name to be published;
otherwise the appendix is replaced by a line saying it is not published. A name of such a person met
elsewhere in the text is replaced as well, and the sheet of signatures («С приказом ознакомлены»)
is left out: it is a form to sign, not what the order says; so is the executor's mark, a person's name
and phone for the addressee's questions.
"""

import copy
import dataclasses
import datetime
import hashlib
import json
import re
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from mentoring.models import Consent, MentoringUnit, Participant, UnitMentee
from mentoring.registry.consents import valid_consents
from reports.models import Order, OrderKind
from reports.rendering import order_pdf

WITHHELD_LINE = (
    "Приложение не публикуется: не все названные в нём лица дали согласие на распространение персональных данных."
)
NAME_WITHHELD = "(ФИО не публикуется)"
# Appendices whose rows are people by construction: each row must name someone who may be named.
PEOPLE_APPENDICES = {OrderKind.Appendix.PAIRS, OrderKind.Appendix.MENTORS}
PDF_CACHE_SECONDS = 24 * 3600


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


@dataclasses.dataclass(frozen=True)
class Person:
    pk: int
    last_name: str
    first_name: str
    patronymic: str
    may_be_named: bool

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def variants(self) -> list[str]:
        """How a document may write the name: in full, without the patronymic, with initials."""
        initials = " ".join(f"{part[0]}." for part in (self.first_name, self.patronymic) if part)
        found = {self.full_name, f"{self.last_name} {self.first_name}"}
        if initials:
            found |= {f"{self.last_name} {initials}", f"{initials} {self.last_name}"}
        return sorted((_normal(variant) for variant in found if len(variant) > 3), key=len, reverse=True)


def people_of(owner_filter: Q, on_date: datetime.date) -> list[Person]:
    """Everyone of the registries of the order's owner, and whether each may be named publicly on the
    date: a distribution consent in force (signed by a parent for a minor) that allows the name. Two
    queries, whatever the number of people."""
    participants = Participant.objects.filter(owner_filter).values_list(
        "pk", "last_name", "first_name", "patronymic", "depersonalized_at"
    )
    allowed = {
        participant_id
        for participant_id, publication in valid_consents(Consent.Kind.DISTRIBUTION, on_date)
        .filter(participant__in=Participant.objects.filter(owner_filter))
        .values_list("participant_id", "allowed_publication")
        if Consent.Publication.NAME in (publication or [])
    }
    return [
        Person(pk, last, first, patronymic or "", pk in allowed and depersonalized is None)
        for pk, last, first, patronymic, depersonalized in participants
    ]


def _owner_filter(order: Order) -> Q:
    if order.organization_id:
        return Q(organization_id=order.organization_id)
    return Q(organization__municipality_id=order.municipality_id)


def _names_in_cells(appendix: dict, kind: str) -> list[str]:
    """The names a people appendix's rows hold: the mentor's and every mentee's (pairs), the
    mentor's (rewards); a name cell is «ФИО, должность (класс)», mentees are separated by «; »."""
    columns = (1, 2) if kind == OrderKind.Appendix.PAIRS else (1,)
    names = []
    for row in appendix.get("rows") or []:
        for column in columns:
            if column < len(row):
                for person in str(row[column] or "").split(";"):
                    name = person.split(",")[0].strip()
                    if name:
                        names.append(_normal(name))
    return names


def _unit_people(order: Order) -> set[int]:
    """The mentors and mentees of the pairs and groups the order approved, whatever their names are
    now (a name may have been depersonalized since: the signed order still carries it)."""
    mentors = MentoringUnit.objects.filter(approval_order=order).values_list("mentor_id", flat=True)
    mentees = UnitMentee.objects.filter(unit__approval_order=order).values_list("mentee_id", flat=True)
    return set(mentors) | set(mentees)


def _redact(text: str, refused: list[str]) -> str:
    normal = _normal(text)
    for variant in refused:
        if variant in normal:
            words = r"\s+".join(re.escape(word).replace("е", "[её]") for word in variant.split())
            # Whole words only: «Ли Ан» is a name, not a piece of «были анализ».
            text = re.sub(rf"(?<!\w){words}(?!\w)", NAME_WITHHELD, text, flags=re.IGNORECASE)
            normal = _normal(text)
    return text


@dataclasses.dataclass(frozen=True)
class Rendition:
    order: Order  # an unsaved copy: never save it
    withheld: list[int]  # numbers (from 1) of the appendices replaced by the line

    @property
    def fingerprint(self) -> str:
        printed = {
            "appendices": self.order.appendices,
            "items": self.order.items,
            "title": self.order.title,
            "preamble": self.order.preamble,
            "status": self.order.status,
        }
        return hashlib.sha256(json.dumps(printed, sort_keys=True, default=str).encode()).hexdigest()[:24]


def public_rendition(order: Order, on_date: datetime.date | None = None) -> Rendition:
    on_date = on_date or timezone.localdate()
    people = people_of(_owner_filter(order), on_date)
    by_pk = {person.pk: person for person in people}
    allowed_names = {person_variant for person in people if person.may_be_named for person_variant in person.variants}
    refused = sorted(
        {variant for person in people if not person.may_be_named for variant in person.variants},
        key=len,
        reverse=True,
    )
    kind = order.kind.appendix
    appendices, withheld = [], []
    for index, appendix in enumerate(order.appendices or []):
        text = _normal(" | ".join(str(cell or "") for row in appendix.get("rows") or [] for cell in row))
        named_refused = any(variant in text for variant in refused)
        people_appendix = index == 0 and kind in PEOPLE_APPENDICES
        if people_appendix and not named_refused:
            # Every row's person must be someone known to have agreed: a name typed by hand, or one
            # changed since, is not published.
            named_refused = any(name not in allowed_names for name in _names_in_cells(appendix, kind))
            if kind == OrderKind.Appendix.PAIRS and not named_refused:
                named_refused = any(pk not in by_pk or not by_pk[pk].may_be_named for pk in _unit_people(order))
        if named_refused:
            withheld.append(index + 1)
            appendices.append({"title": appendix.get("title") or "", "preamble": [WITHHELD_LINE]})
        else:
            appendices.append(appendix)
    public = copy.copy(order)
    public.pk = None
    public.appendices = appendices
    public.acquainted = []
    public.executor = public.executor_phone = ""
    public.title = _redact(order.title, refused)
    public.preamble = _redact(order.preamble, refused)
    public.items = [
        {**item, **{field: _redact(str(item.get(field) or ""), refused) for field in ("text", "responsible")}}
        for item in order.items or []
    ]
    return Rendition(public, withheld)


def public_order_pdf(order: Order) -> bytes:
    """The public rendition's PDF, kept in the cache under what it prints (a withdrawn consent makes
    another rendition, so another key)."""
    rendition = public_rendition(order)
    key = f"publication:pdf:{order.pk}:{rendition.fingerprint}"
    content = cache.get(key)
    if content is None:
        content = order_pdf(rendition.order)
        cache.set(key, content, PDF_CACHE_SECONDS)
    return content


def redactor(section) -> Callable[[str], str]:
    """A function that takes out of a text the names of the section's people who may not be named
    (for the titles of the page's lists); two queries, read once per page (kept on the section)."""
    if getattr(section, "_redactor", None) is not None:
        return section._redactor
    owner_filter = (
        Q(organization_id=section.organization_id)
        if section.organization_id
        else Q(organization__municipality_id=section.municipality_id)
    )
    refused = sorted(
        {
            variant
            for person in people_of(owner_filter, timezone.localdate())
            if not person.may_be_named
            for variant in person.variants
        },
        key=len,
        reverse=True,
    )
    section._redactor = lambda text: _redact(text, refused)
    return section._redactor
