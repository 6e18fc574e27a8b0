"""Writes of the public section: its address and contacts, publishing and withdrawing items."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Municipality, Organization, User
from reports.publication.models import Publication, PublicationEvent, PublicSection
from reports.publication.sources import source_by_code


def section_for(*, organization: Organization | None = None, municipality: Municipality | None = None) -> PublicSection:
    """The owner's section, or a new one not saved yet (with its default address): it is saved by the
    first publication or settings saved, so that merely opening the pages writes nothing."""
    if (organization is None) == (municipality is None):
        raise ValueError("A section belongs to an organization or to a municipality.")
    owner = {"organization": organization} if organization else {"municipality": municipality}
    section = PublicSection.objects.filter(**owner).first()
    if section is None:
        section = PublicSection(**owner, slug=f"org-{organization.pk}" if organization else f"mun-{municipality.pk}")
    return section


def section_ensure(
    *, organization: Organization | None = None, municipality: Municipality | None = None
) -> PublicSection:
    """The owner's section, made on first use with an address of its own (changed later at will)."""
    if (organization is None) == (municipality is None):
        raise ValueError("A section belongs to an organization or to a municipality.")
    owner = {"organization": organization} if organization else {"municipality": municipality}
    section = PublicSection.objects.filter(**owner).first()
    if section is not None:
        return section
    slug = f"org-{organization.pk}" if organization else f"mun-{municipality.pk}"
    section, _created = PublicSection.objects.get_or_create(**owner, defaults={"slug": slug})
    return section


def _bump(section: PublicSection) -> None:
    PublicSection.objects.filter(pk=section.pk).update(version=F("version") + 1, updated_at=timezone.now())
    section.refresh_from_db(fields=["version", "updated_at"])


@transaction.atomic
def section_update(
    *,
    section: PublicSection,
    by: User,
    slug: str,
    contact_name: str = "",
    contact_position: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> PublicSection:
    slug = slug.strip().lower()
    if PublicSection.objects.filter(slug=slug).exclude(pk=section.pk).exists():
        raise ValidationError({"slug": _("This address is taken: choose another.")})
    section.slug = slug
    section.contact_name = contact_name.strip()
    section.contact_position = contact_position.strip()
    section.contact_email = contact_email.strip()
    section.contact_phone = contact_phone.strip()
    section.full_clean(validate_unique=False)
    section.save()
    _bump(section)
    return section


@transaction.atomic
def publication_set(*, section: PublicSection, source: str, key: str, publish: bool, by: User) -> Publication:
    """Publishes (or withdraws) one item of the section and writes it to the log. The item must be
    one the source offers to this section: another owner's order is not found."""
    found = source_by_code(source)
    if found is None or not found.applies(section):
        raise ValidationError(_("Nothing to publish is found."))
    candidate = next((c for c in found.candidates(section) if c.key == key), None)
    existing = None
    if section.pk is not None:
        existing = Publication.objects.select_for_update().filter(section=section, source=source, key=key).first()
    if candidate is None and (publish or existing is None):
        raise ValidationError(_("Nothing to publish is found."))
    if section.pk is None:
        # The first publication of the owner makes its section.
        section.save()
    title = candidate.title if candidate else existing.title
    if existing is None:
        existing = Publication(section=section, source=source, key=key, title=title)
    if existing.is_published == publish and existing.pk:
        return existing
    existing.title = title
    existing.is_published = publish
    if publish:
        existing.published_at = timezone.now()
    existing.save()
    PublicationEvent.objects.create(
        section=section,
        source=source,
        key=key,
        title=title,
        action=PublicationEvent.Action.PUBLISH if publish else PublicationEvent.Action.WITHDRAW,
        user=by,
        user_name=by.get_full_name() or by.get_username(),
    )
    _bump(section)
    return existing
