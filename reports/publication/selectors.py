"""Reads of the public section: the owner's section, its items with what is published, the log,
and the public page itself (kept in the cache under everything it shows)."""

import dataclasses

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.tenancy import Tenant
from reports.publication.models import Publication, PublicationEvent, PublicSection
from reports.publication.sources import Candidate, Source, sources_for

PAGE_CACHE_SECONDS = 300


def section_of(tenant: Tenant) -> PublicSection | None:
    if tenant.is_municipal:
        return PublicSection.objects.filter(municipality=tenant.municipality).first()
    return PublicSection.objects.filter(organization=tenant.organization).first()


def section_by_slug(slug: str) -> PublicSection | None:
    return PublicSection.objects.select_related("organization__municipality", "municipality").filter(slug=slug).first()


@dataclasses.dataclass
class ManagedItem:
    candidate: Candidate
    publication: Publication | None

    @property
    def is_published(self) -> bool:
        return bool(self.publication and self.publication.is_published)


def managed_items(section: PublicSection) -> list[tuple[Source, list[ManagedItem]]]:
    """Every source with its items and whether each is published, for the management page."""
    publications = {(p.source, p.key): p for p in section.publications.all()} if section.pk else {}
    return [
        (source, [ManagedItem(c, publications.get((source.code, c.key))) for c in source.candidates(section)])
        for source in sources_for(section)
    ]


def publication_log(section: PublicSection) -> QuerySet[PublicationEvent]:
    if section.pk is None:
        return PublicationEvent.objects.none()
    return section.events.select_related("user").order_by("-created_at", "-pk")


def published(section: PublicSection) -> QuerySet[Publication]:
    if section.pk is None:  # a section not saved yet has published nothing
        return Publication.objects.none()
    return section.publications.filter(is_published=True)


def organization_sections(section: PublicSection) -> list[PublicSection]:
    """A municipality's page lists the pages of its organizations that publish something."""
    return list(
        PublicSection.objects.filter(organization__municipality_id=section.municipality_id)
        .annotate(shown=Count("publications", filter=Q(publications__is_published=True)))
        .filter(shown__gt=0)
        .select_related("organization")
        .order_by("organization__short_name", "pk")
    )


def page_context(section: PublicSection, *, static: bool = False) -> dict:
    """What the public page shows: a block per source with something published."""
    by_source: dict[str, list[Publication]] = {}
    for publication in published(section):
        by_source.setdefault(publication.source, []).append(publication)
    blocks = []
    for source in sources_for(section):
        if by_source.get(source.code):
            block = source.block(section, by_source[source.code])
            if block is not None:
                blocks.append({"source": source, "template": source.template, "data": block})
    return {
        "section": section,
        "blocks": blocks,
        "organizations": organization_sections(section) if section.municipality_id else [],
        "static": static,
        "today": timezone.localdate(),
    }


def _data_version(section: PublicSection) -> int:
    """What the owner's figures and registries last changed to: consents and names included."""
    if section.organization_id:
        return section.organization.data_version
    from accounts.models import Organization

    organizations = Organization.objects.filter(municipality_id=section.municipality_id)
    return organizations.aggregate(v=Sum("data_version"))["v"] or 0


def page_cache_key(section: PublicSection, variant: str) -> str:
    return (
        f"publication:page:{section.organization_id}:{section.municipality_id}:{section.version}:{_data_version(section)}:"
        f"{timezone.localdate():%Y%m%d}:{variant}"
    )


def public_page_html(section: PublicSection, *, preview: bool = False) -> str:
    """The page as the public sees it, from the cache when nothing it shows has changed."""
    key = page_cache_key(section, "preview" if preview else "public")
    html = cache.get(key)
    if html is None:
        context = page_context(section) | {"preview": preview}
        html = render_to_string("reports/publication/public_page.html", context)
        cache.set(key, html, PAGE_CACHE_SECONDS)
    return html
