"""Demo of the public section: the school publishes its registered orders, the roadmap of the year,
the indicators and the curator's contacts; the municipality its orders and contacts."""

from accounts.demo import DemoWorld
from reports.publication.models import PublicSection
from reports.publication.services import publication_set, section_ensure
from reports.publication.sources import sources_for

DEMO_SLUGS = {"school": "school3-zarechny", "municipality": "zarechny"}


def _publish_everything(section: PublicSection, by) -> None:
    for source in sources_for(section):
        candidates = source.candidates(section)
        if source.code == "roadmap":
            candidates = candidates[:1]  # the roadmap of the year
        for candidate in candidates:
            publication_set(section=section, source=source.code, key=candidate.key, publish=True, by=by)


def _contacts(section: PublicSection, user, position: str) -> None:
    if not section.contact_name:
        section.contact_name = user.get_full_name()
        section.contact_position = position
        section.contact_email = user.email
        section.contact_phone = getattr(user, "phone", "")
        section.save()


def _demo_slug(section: PublicSection, slug: str) -> None:
    """A readable address instead of the default «org-N», unless the section has one of its own."""
    if section.slug.startswith(("org-", "mun-")) and not PublicSection.objects.filter(slug=slug).exists():
        section.slug = slug
        section.save(update_fields=["slug"])


def seed(world: DemoWorld) -> None:
    school = world.organizations.get("school")
    curator = world.users.get("school.curator")
    if school is not None and curator is not None:
        section = section_ensure(organization=school)
        _demo_slug(section, DEMO_SLUGS["school"])
        _contacts(section, curator, "заместитель директора, куратор программы наставничества")
        _publish_everything(section, curator)
    coordinator = world.users.get("coordinator")
    if world.municipality is not None and coordinator is not None:
        section = section_ensure(municipality=world.municipality)
        _demo_slug(section, DEMO_SLUGS["municipality"])
        _contacts(section, coordinator, "муниципальный координатор")
        _publish_everything(section, coordinator)
