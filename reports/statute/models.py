"""«Положение о системе наставничества» of an organization, and the municipal target model of
mentoring of a municipality (seed 001, приложение 1): a template of the standard text, the owner's
document made from it, and its versions. Both are the same kind of document — sections of numbered
paragraphs, versioned, approved by the owner's order that carries it as its appendix.

Every version is a snapshot: a save of the editor adds one, an old one restored becomes the newest,
and nothing changes a version afterwards except its approval, which the registration of the order
that carries it as its appendix records (reports.statute.receivers).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organization, Region
from accounts.ownership import OwnedByOrganizationOrMunicipality, one_owner


class StatuteTemplate(models.Model):
    """The text of a standard regulation: sections whose title and text are templates of the drafting
    engine (reports.drafting: the owner's names with the case filters, the curator or the coordinator,
    the forms of mentoring, the academic year), filled in once when an owner's document is made from it."""

    class Scope(models.TextChoices):
        ORGANIZATION = "organization", _("organization")
        MUNICIPALITY = "municipality", _("municipality")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statute_templates",
        verbose_name=_("region"),
        help_text=_("Empty: available everywhere."),
    )
    scope = models.CharField(
        _("for whom"),
        max_length=20,
        choices=Scope.choices,
        default=Scope.ORGANIZATION,
        help_text=_("An organization's regulation or a municipality's target model of mentoring."),
    )
    title_template = models.CharField(_("title"), max_length=500)
    # [{"title": "Общие положения", "text": "Настоящее Положение …\n…"}, …]
    sections = models.JSONField(_("sections"), default=list)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("template of the regulation on mentoring")
        verbose_name_plural = _("templates of the regulation on mentoring")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Statute(OwnedByOrganizationOrMunicipality, models.Model):
    """An organization's Положение or a municipality's target model: its versions hold the text."""

    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statute",
        verbose_name=_("organization"),
    )
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="statute",
        verbose_name=_("municipality"),
    )
    template = models.ForeignKey(
        StatuteTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("template")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("regulation on mentoring")
        verbose_name_plural = _("regulations on mentoring")
        constraints = [one_owner("reports_statute_one_owner")]

    def __str__(self):
        if self.municipality_id:
            return str(_("Target model of mentoring of %(municipality)s") % {"municipality": self.municipality})
        return str(_("Regulation on mentoring of %(organization)s") % {"organization": self.organization})


class StatuteVersion(models.Model):
    """One saved text of the Положение. Approved: an order that carries it was registered."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    statute = models.ForeignKey(Statute, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=500)
    # [{"title": "Общие положения", "text": "paragraphs, one a line"}]
    sections = models.JSONField(_("sections"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The version this one was restored from, if any.
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("restored from")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    # The order that approved it, with its number and date as they were at the registration.
    # By name: reports.models gathers this module, which must not import it back.
    order = models.ForeignKey(
        "reports.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statute_versions",
        verbose_name=_("approving order"),
    )
    approved_number = models.CharField(_("number of the order"), max_length=50, blank=True)
    approved_on = models.DateField(_("date of the order"), null=True, blank=True)

    class Meta:
        verbose_name = _("version of the regulation")
        verbose_name_plural = _("versions of the regulation")
        ordering = ["statute", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["statute", "number"], name="reports_statute_version_unique_number"),
        ]

    def __str__(self):
        return str(_("Version %(number)s") % {"number": self.number})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
