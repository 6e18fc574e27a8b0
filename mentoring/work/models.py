"""The work of a pair or group: development plans with their items, plan templates, and the meeting log."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from mentoring.pairs.models import MentoringUnit, UnitMentee
from mentoring.registry.models import Participant


class DevelopmentPlan(models.Model):
    """The individual development plan of one mentee in a pair or group."""

    membership = models.OneToOneField(
        UnitMentee, on_delete=models.CASCADE, related_name="plan", verbose_name=_("mentee of the unit")
    )
    goal = models.TextField(_("goal"))
    tasks = models.TextField(_("tasks"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")

    def __str__(self):
        return str(self.membership)


class PlanItem(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    activity = models.TextField(_("activity"))
    due_on = models.DateField(_("term"), null=True, blank=True)
    result_form = models.CharField(_("form of the result"), max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    mentor_mark = models.CharField(_("mentor's mark"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return self.activity[:80]


class Meeting(models.Model):
    """A line of the mentor's meeting log."""

    class Type(models.TextChoices):
        ACQUAINTANCE = "acquaintance", _("acquaintance (organizational)")
        TRIAL = "trial", _("trial working meeting")
        PLANNING = "planning", _("planning")
        WORKING = "working", _("working meeting")
        FINAL = "final", _("final meeting")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        REMOTE = "remote", _("remote")

    unit = models.ForeignKey(MentoringUnit, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("unit"))
    held_on = models.DateField(_("date"))
    type = models.CharField(_("type"), max_length=15, choices=Type.choices, default=Type.WORKING)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    topic = models.CharField(_("topic"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    result = models.TextField(_("result or task"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"), default=45, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    attendees = models.ManyToManyField(
        Participant, blank=True, related_name="meetings_attended", verbose_name=_("who attended")
    )
    # The mentor's statement that the meeting really was before the pair's start by the order (a date
    # before it is refused without one): the log keeps it, so the curator sees why the date is early.
    before_start = models.BooleanField(_("held before the work by the order began"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["unit", "held_on", "pk"]
        indexes = [models.Index(fields=["unit", "held_on"])]

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} {self.topic}"


class PlanTemplate(models.Model):
    """A development plan kept to write others from. The curator's templates are the organization's
    (every mentor of it sees them); a mentor's are his own (he and the curator see them)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="plan_templates", verbose_name=_("organization")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
        help_text=_("Empty: a template of the whole organization."),
    )
    name = models.CharField(_("name"), max_length=200)
    goal = models.TextField(_("goal"))
    tasks = models.TextField(_("tasks"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=models.Q(owner__isnull=True),
                name="mentoring_plan_template_organization_name",
            ),
            models.UniqueConstraint(
                fields=["organization", "owner", "name"],
                condition=models.Q(owner__isnull=False),
                name="mentoring_plan_template_owner_name",
            ),
        ]

    def __str__(self):
        return self.name


class PlanTemplateItem(models.Model):
    """A row of a template. Its term is kept as days from the start of the pair's work, so that a
    template made last year gives this year's pair terms of its own."""

    template = models.ForeignKey(
        PlanTemplate, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan template")
    )
    section = models.CharField(_("section"), max_length=200, blank=True)
    activity = models.TextField(_("activity"))
    due_after_days = models.PositiveSmallIntegerField(_("term, days from the start"), null=True, blank=True)
    result_form = models.CharField(_("form of the result"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("row of a plan template")
        verbose_name_plural = _("rows of plan templates")
        ordering = ["template", "position", "pk"]

    def __str__(self):
        return self.activity[:80]
