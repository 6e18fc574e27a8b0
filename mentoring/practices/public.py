"""A practice as strangers may read it (the municipal registry, the public section): the sections,
the organization, the form and the role model, and the authors named only where their consent to
distribution is in force on the day and allows the name (152-ФЗ); the others are counted, not named.
The files stay inside: a program or a photo may carry what no consent covers."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from accounts.collation import person_key
from mentoring.models import Consent, Participant, Practice
from mentoring.registry.consents import valid_consents


@dataclass(frozen=True)
class PublicPractice:
    practice: Practice
    authors: list[str] = field(default_factory=list)  # full names allowed to be published
    unnamed_authors: int = 0

    @property
    def pk(self) -> int:
        return self.practice.pk

    @property
    def sections(self) -> list[tuple[str, str]]:
        return practice_sections(self.practice)


def practice_sections(practice: Practice) -> list[tuple[str, str]]:
    """The standard sections of a description with their headings, the empty ones left out."""
    names = ("problem", "aims", "actions", "results", "materials")
    return [
        (str(Practice._meta.get_field(name).verbose_name).capitalize(), getattr(practice, name))
        for name in names
        if getattr(practice, name).strip()
    ]


def named_authors(participant_ids: Iterable[int], on_date: datetime.date) -> set[int]:
    """Who of these people may be named in public on the day: a distribution consent in force (signed
    by a representative for a minor) that allows the full name. One query."""
    allowed = set()
    consents = valid_consents(Consent.Kind.DISTRIBUTION, on_date).filter(participant_id__in=set(participant_ids))
    for participant_id, publication in consents.values_list("participant_id", "allowed_publication"):
        if Consent.Publication.NAME in (publication or []):
            allowed.add(participant_id)
    return allowed


def public_practices(practices: Iterable[Practice], on_date: datetime.date) -> list[PublicPractice]:
    """Public renderings of practices in two queries whatever their number (authors, consents)."""
    practices = list(practices)
    through = Practice.authors.through.objects.filter(practice_id__in=[practice.pk for practice in practices])
    links = list(through.values_list("practice_id", "participant_id"))
    people = Participant.objects.in_bulk({participant_id for _, participant_id in links}) if links else {}
    allowed = named_authors(people, on_date) if people else set()
    by_practice: dict[int, list[Participant]] = {}
    for practice_id, participant_id in links:
        by_practice.setdefault(practice_id, []).append(people[participant_id])
    rendered = []
    for practice in practices:
        authors = sorted(by_practice.get(practice.pk, []), key=person_key)
        named = [person.full_name for person in authors if person.pk in allowed and not person.depersonalized_at]
        rendered.append(PublicPractice(practice, named, len(authors) - len(named)))
    return rendered


def public_practice(practice: Practice, on_date: datetime.date) -> PublicPractice:
    return public_practices([practice], on_date)[0]
