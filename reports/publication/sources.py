"""The sources of the public section: what a section may publish, and how each shows it.

A source lists the items of an owner that may be published (``candidates``), and makes the block
of the public page from the items published (``block``, a context for its ``template``); it may add
files to the static export (``files``). A package adds a source with ``register_source`` when it
starts (in its AppConfig.ready), e.g. the «Положение» or the practices: the section's pages, the
log, the feed and the export then carry it without another change.

Every ``block`` reads in a fixed number of queries whatever the owner's data: the public page's
query count does not grow with it.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.models import Order, OrderKind
from reports.publication.models import Publication, PublicSection


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An item that may be published: its key within the source and the title the log keeps."""

    key: str
    title: str
    date: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class PublicFile:
    """A file of a block: its path in the static export, and how to make its bytes."""

    path: str
    content: Callable[[], bytes]


@dataclasses.dataclass(frozen=True)
class Source:
    code: str
    label: str
    position: int
    template: str
    candidates: Callable[[PublicSection], list[Candidate]]
    block: Callable[[PublicSection, list[Publication]], dict | None]
    files: Callable[[PublicSection, dict], list[PublicFile]] = lambda section, block: []
    # For organizations, municipalities or both.
    for_organizations: bool = True
    for_municipalities: bool = True

    def applies(self, section: PublicSection) -> bool:
        return self.for_organizations if section.organization_id else self.for_municipalities


_sources: dict[str, Source] = {}


def register_source(source: Source) -> Source:
    _sources[source.code] = source
    return source


def sources_for(section: PublicSection) -> list[Source]:
    return sorted((s for s in _sources.values() if s.applies(section)), key=lambda s: s.position)


def source_by_code(code: str) -> Source | None:
    return _sources.get(code)


def owner_kwargs(section: PublicSection) -> dict:
    if section.organization_id:
        return {"organization_id": section.organization_id}
    return {"municipality_id": section.municipality_id}


# Orders ----------------------------------------------------------------------------------------------


def order_file_name(order: Order) -> str:
    number = "".join(ch if ch.isalnum() else "-" for ch in order.number or str(order.pk))
    return f"prikaz-{order.date:%Y-%m-%d}-{number}.pdf"


def _order_candidates(section: PublicSection) -> list[Candidate]:
    # Orders only: the register's outgoing letters are addressed to someone, not to the public.
    orders = Order.objects.filter(
        status=Order.Status.REGISTERED, series=OrderKind.Document.ORDER, **owner_kwargs(section)
    ).order_by("-date", "-pk")
    return [Candidate(str(order.pk), str(order), order.date) for order in orders.only("date", "number", "title")]


def _order_block(section: PublicSection, publications: list[Publication]) -> dict | None:
    from reports.publication.rendition import redactor

    keys = [int(p.key) for p in publications if p.key.isdigit()]
    orders = list(
        Order.objects.filter(
            pk__in=keys, status=Order.Status.REGISTERED, series=OrderKind.Document.ORDER, **owner_kwargs(section)
        )
        .only("date", "number", "title", "organization_id", "municipality_id")
        .order_by("-date", "-pk")
    )
    if not orders:
        return None
    redact = redactor(section)
    rows = [{"order": order, "title": redact(order.title), "file_name": order_file_name(order)} for order in orders]
    return {"orders": rows}


def _order_files(section: PublicSection, block: dict) -> list[PublicFile]:
    from reports.publication.rendition import public_order_pdf

    return [
        PublicFile(f"orders/{row['file_name']}", lambda pk=row["order"].pk: public_order_pdf(Order.objects.get(pk=pk)))
        for row in block["orders"]
    ]


register_source(
    Source(
        code="orders",
        label=_("Orders"),
        position=10,
        template="reports/publication/blocks/orders.html",
        candidates=_order_candidates,
        block=_order_block,
        files=_order_files,
    )
)


# The roadmap with its progress ------------------------------------------------------------------------


def _roadmaps(section: PublicSection):
    from roadmap.models import Roadmap

    return Roadmap.objects.filter(is_template=False, **owner_kwargs(section))


def _roadmap_candidates(section: PublicSection) -> list[Candidate]:
    return [
        Candidate(str(roadmap.pk), f"{roadmap.title} ({roadmap.period_label})", roadmap.starts_on)
        for roadmap in _roadmaps(section).order_by("-starts_on", "pk")
    ]


def _roadmap_block(section: PublicSection, publications: list[Publication]) -> dict | None:
    from reports.publication.rendition import redactor
    from roadmap.selectors import roadmap_view

    keys = [int(p.key) for p in publications if p.key.isdigit()]
    today = timezone.localdate()
    # At most a few roadmaps are published (one a year): each is read in a fixed number of queries.
    views = [roadmap_view(roadmap, today) for roadmap in _roadmaps(section).filter(pk__in=keys).order_by("-starts_on")]
    redact = redactor(section)
    for view in views:
        for stage in view.stages:
            for activity in stage.activities:
                activity.public_title = redact(activity.title)
    return {"roadmaps": views} if views else None


register_source(
    Source(
        code="roadmap",
        label=_("Roadmap"),
        position=20,
        template="reports/publication/blocks/roadmap.html",
        candidates=_roadmap_candidates,
        block=_roadmap_block,
    )
)


# Indicators against targets (aggregates only) ------------------------------------------------------

INDICATORS_KEY = "current"


def _indicator_candidates(section: PublicSection) -> list[Candidate]:
    return [Candidate(INDICATORS_KEY, str(_("Indicators of effectiveness on the current reporting date")))]


def _indicator_block(section: PublicSection, publications: list[Publication]) -> dict | None:
    from monitoring.indicators.aggregates import municipal_values
    from monitoring.indicators.selectors import (
        current_period,
        indicators_for,
        organization_values,
        targets_of,
        values_by_period,
    )

    municipality = section.municipality if section.municipality_id else section.organization.municipality
    period = current_period(municipality, timezone.localdate())
    if period is None:
        return None
    indicators = indicators_for(municipality)
    if section.organization_id:
        values = organization_values(organization=section.organization, period=period).values
        rows = [values.get(indicator.code) for indicator in indicators]
    else:
        organizations = values_by_period(municipality=municipality, periods=[period], indicators=indicators)[period.pk]
        totals = municipal_values(organizations, indicators, targets_of(municipality, period.target_year))
        rows = [totals.get(indicator.code) for indicator in indicators]
    rows = [row for row in rows if row is not None and getattr(row, "applicable", True)]
    return {"period": period, "values": rows}


register_source(
    Source(
        code="indicators",
        label=_("Indicators"),
        position=30,
        template="reports/publication/blocks/indicators.html",
        candidates=_indicator_candidates,
        block=_indicator_block,
    )
)


# Practices published in the municipal registry of successful practices -------------------------------


def _practices(section: PublicSection):
    from mentoring.practices.selectors import published_practices

    if section.organization_id:
        return published_practices(organization=section.organization)
    return published_practices(municipality=section.municipality)


def _practice_candidates(section: PublicSection) -> list[Candidate]:
    return [
        Candidate(str(practice.pk), practice.title, practice.published_at.date() if practice.published_at else None)
        for practice in _practices(section)
    ]


def _practice_block(section: PublicSection, publications: list[Publication]) -> dict | None:
    # Rendered for strangers: authors named only with their consent to distribution in force today.
    from mentoring.practices.public import public_practices

    keys = [int(p.key) for p in publications if p.key.isdigit()]
    practices = list(_practices(section).filter(pk__in=keys))
    return {"practices": public_practices(practices, timezone.localdate())} if practices else None


register_source(
    Source(
        code="practices",
        label=_("Practices"),
        position=40,
        template="reports/publication/blocks/practices.html",
        candidates=_practice_candidates,
        block=_practice_block,
    )
)


# The curator's contacts --------------------------------------------------------------------------------

CONTACTS_KEY = "contacts"


def _contact_candidates(section: PublicSection) -> list[Candidate]:
    return [Candidate(CONTACTS_KEY, str(_("Contacts of the person in charge")))]


def _contact_block(section: PublicSection, publications: list[Publication]) -> dict | None:
    fields = (section.contact_name, section.contact_position, section.contact_email, section.contact_phone)
    return {"section": section} if any(fields) else None


register_source(
    Source(
        code="contacts",
        label=_("Contacts"),
        position=90,
        template="reports/publication/blocks/contacts.html",
        candidates=_contact_candidates,
        block=_contact_block,
    )
)
