"""The Atom feed of a section's new publications."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from reports.publication.models import Publication, PublicSection
from reports.publication.rendition import redactor
from reports.publication.sources import source_by_code

FEED_ITEMS = 30


class SectionFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return self.section

    def __init__(self, section: PublicSection):
        super().__init__()
        self.section = section
        self.redact = redactor(section)

    def title(self, section):
        return _("Implementation of the target model of mentoring: %(owner)s") % {"owner": section.owner_name}

    def link(self, section):
        return reverse("public_section", kwargs={"slug": section.slug})

    def subtitle(self, section):
        return _("New publications of the section")

    def items(self, section):
        return list(section.publications.filter(is_published=True).order_by("-published_at", "-pk")[:FEED_ITEMS])

    def item_title(self, item: Publication):
        return self.redact(item.title)

    def item_description(self, item: Publication):
        source = source_by_code(item.source)
        return str(source.label) if source else ""

    def item_link(self, item: Publication):
        return reverse("public_section", kwargs={"slug": self.section.slug}) + f"#{item.source}-{item.key}"

    def item_guid(self, item: Publication):
        return f"publication-{item.pk}-{item.published_at:%Y%m%d%H%M%S}"

    def item_pubdate(self, item: Publication):
        return item.published_at

    def item_updateddate(self, item: Publication):
        return item.published_at
