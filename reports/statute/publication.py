"""The Положение of an organization and the target model of a municipality in the public section: the
version in force, as its own item beside the orders.

Registered by reports.apps (this package stands above the section's, so it adds its source there).
"""

from django.utils.translation import gettext_lazy as _

from reports.publication.models import Publication, PublicSection
from reports.publication.sources import Candidate, PublicFile, Source, register_source
from reports.statute.content import statute_pdf
from reports.statute.models import StatuteVersion
from reports.statute.selectors import statute_in_force

SOURCE = "statute"
MODEL_SOURCE = "target-model"  # the same document of a municipality, under its own heading


def _source_code(section: PublicSection) -> str:
    return MODEL_SOURCE if section.is_municipal else SOURCE


def statute_file_name(version: StatuteVersion) -> str:
    name = "model" if version.statute.is_municipal else "polozhenie"
    return f"{name}-{version.approved_on:%Y-%m-%d}-v{version.number}.pdf"


def _candidates(section: PublicSection) -> list[Candidate]:
    version = statute_in_force(section.owner)
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
    version = statute_in_force(section.owner)
    if version is None or str(version.pk) not in {p.key for p in publications}:
        return None
    return {"version": version, "file_name": statute_file_name(version)}


def _files(section: PublicSection, block: dict) -> list[PublicFile]:
    version = block["version"]
    return [PublicFile(f"documents/{block['file_name']}", lambda: statute_pdf(version))]


def published_statute(section: PublicSection, pk: int) -> StatuteVersion | None:
    """The version a public link asks for, when it is published and in force."""
    publications = section.publications.filter(source=_source_code(section), key=str(pk), is_published=True)
    block = _block(section, list(publications))
    return block["version"] if block else None


def register() -> None:
    for code, label, for_organizations in (
        (SOURCE, _("Regulation on mentoring"), True),
        (MODEL_SOURCE, _("Target model of mentoring"), False),
    ):
        register_source(
            Source(
                code=code,
                label=label,
                position=5,
                template="reports/publication/blocks/statute.html",
                candidates=_candidates,
                block=_block,
                files=_files,
                for_organizations=for_organizations,
                for_municipalities=not for_organizations,
            )
        )
