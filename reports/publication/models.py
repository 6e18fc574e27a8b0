"""The public section «Реализация целевой модели наставничества» of an organization or municipality:
its address and contacts, what is published in it, and the log of every publication and withdrawal."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organization
from accounts.ownership import OwnedByOrganizationOrMunicipality, one_owner

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$",
    _("Use 3 to 60 small Latin letters, digits and hyphens, not starting or ending with a hyphen."),
)


class PublicSection(OwnedByOrganizationOrMunicipality, models.Model):
    """The owner's public page at /open/<slug>/: a stable address the school links from its site."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_section",
        verbose_name=_("organization"),
    )
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="public_section",
        verbose_name=_("municipality"),
    )
    slug = models.SlugField(
        _("address"),
        max_length=60,
        unique=True,
        validators=[slug_validator],
        help_text=_("The page's address: /open/<address>/. Links from the school's site use it; change it rarely."),
    )
    # The contacts the curator (or coordinator) chose to publish: nothing else of the account shows.
    contact_name = models.CharField(_("contact person"), max_length=300, blank=True)
    contact_position = models.CharField(_("position"), max_length=300, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Goes up at every publication, withdrawal or change of the settings: the cached page is keyed by it.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        app_label = "reports"
        verbose_name = _("public section")
        verbose_name_plural = _("public sections")
        constraints = [
            one_owner("reports_public_section_one_owner"),
        ]

    def __str__(self):
        return self.slug

    @property
    def owner_name(self) -> str:
        if self.organization_id:
            return self.organization.full_name or self.organization.short_name
        return self.municipality.authority or self.municipality.name


class Publication(models.Model):
    """One item of a source (an order, the roadmap of a year, the indicators, the contacts) and
    whether it is published now. ``key`` names the item within its source (an order's pk…)."""

    section = models.ForeignKey(
        PublicSection, on_delete=models.CASCADE, related_name="publications", verbose_name=_("section")
    )
    source = models.CharField(_("source"), max_length=40)
    key = models.CharField(_("item"), max_length=100)
    # The title as it was when published: the log and the feed keep saying what was published.
    title = models.CharField(_("title"), max_length=1000)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        app_label = "reports"
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["section", "source", "key"], name="reports_publication_one_per_item"),
        ]

    def __str__(self):
        return self.title


class PublicationEvent(models.Model):
    """Who published or withdrew what, and when: the section's log (never changed, never deleted)."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("published")
        WITHDRAW = "withdraw", _("withdrawn")

    section = models.ForeignKey(
        PublicSection, on_delete=models.CASCADE, related_name="events", verbose_name=_("section")
    )
    source = models.CharField(_("source"), max_length=40)
    key = models.CharField(_("item"), max_length=100)
    title = models.CharField(_("title"), max_length=1000)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    # The name is kept as it was: the log outlives the account.
    user_name = models.CharField(_("who"), max_length=300)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        app_label = "reports"
        verbose_name = _("publication log entry")
        verbose_name_plural = _("publication log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.title}"
