"""The Положение in the public section: the version in force, as its own item beside the orders.

Registered by reports.apps (this package stands above the section's, so it adds its source there).
"""

from django.utils.translation import gettext_lazy as _

from reports.publication.models import Publication, PublicSection
from reports.publication.sources import Candidate, PublicFile, Source, register_source
from reports.statute.content import statute_pdf
from reports.statute.models import StatuteVersion
from reports.statute.selectors import statute_in_force

SOURCE = "statute"


def statute_file_name(version: StatuteVersion) -> str:
    return f"polozhenie-{version.approved_on:%Y-%m-%d}-v{version.number}.pdf"


def _candidates(section: PublicSection) -> list[Candidate]:
    version = statute_in_force(section.organization)
    if version is None:
        return []
    title = _("%(title)s (approved by the order of %(date)s № %(number)s)") % {
        "title": version.title,
        "date": f"{version.approved_on:%d.%m.%Y}",
        "number": version.approved_number,
    }
    return [Candidate(str(version.pk), title, version.approved_on)]


def _block(section: PublicSection, publications: list[Publication]) -> dict | None:
    # Only the version in force: one published earlier and replaced since is no longer the rule.
    version = statute_in_force(section.organization)
    if version is None or str(version.pk) not in {p.key for p in publications}:
        return None
    return {"version": version, "file_name": statute_file_name(version)}


def _files(section: PublicSection, block: dict) -> list[PublicFile]:
    version = block["version"]
    return [PublicFile(f"documents/{block['file_name']}", lambda: statute_pdf(version))]


def published_statute(section: PublicSection, pk: int) -> StatuteVersion | None:
    """The version a public link asks for, when it is published and in force."""
    block = _block(section, list(section.publications.filter(source=SOURCE, key=str(pk), is_published=True)))
    return block["version"] if block else None


def register() -> None:
    register_source(
        Source(
            code=SOURCE,
            label=_("Regulation on mentoring"),
            position=5,
            template="reports/publication/blocks/statute.html",
            candidates=_candidates,
            block=_block,
            files=_files,
            for_municipalities=False,
        )
    )
