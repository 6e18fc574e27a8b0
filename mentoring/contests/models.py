"""A contest of an organization (applications by its pairs and groups) or of a municipality
(applications by mentors of its organizations, submitted by their curators), its nominations,
criteria with maximum scores, jury, applications with their materials, the jurors' scores and the
results frozen when the contest is closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organization
from accounts.ownership import OwnedByOrganizationOrMunicipality, one_owner
from mentoring.pairs.models import MentoringUnit
from mentoring.registry.models import Participant
from mentoring.uploads import stored_name


class Contest(OwnedByOrganizationOrMunicipality, models.Model):
    """A school's contest takes applications by its pairs and groups; a municipal one (``is_municipal``),
    by mentors."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        ACCEPTING = "accepting", _("accepting applications")
        JUDGING = "judging", _("judging")
        CLOSED = "closed", _("results summed up")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contests"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="contests"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("For example «Лучшая пара»."))
    rules = models.TextField(_("rules"), blank=True)
    applications_from = models.DateField(_("applications from"))
    applications_to = models.DateField(_("applications until"))
    judging_until = models.DateField(_("judging until"))
    results_on = models.DateField(_("results date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    jury = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="juried_contests", verbose_name=_("jury")
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    results_order = models.ForeignKey(
        "reports.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results order"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-applications_from", "-pk"]
        constraints = [one_owner("mentoring_contest_one_owner")]

    def __str__(self):
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Nomination(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="nominations")
    name = models.CharField(_("name"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "name"], name="mentoring_nomination_unique_name"),
        ]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "name"], name="mentoring_criterion_unique_name"),
            models.CheckConstraint(condition=Q(max_score__gte=1), name="mentoring_criterion_max_score_positive"),
        ]

    def __str__(self):
        return self.name


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("application submitted")
        WITHDRAWN = "withdrawn", _("application withdrawn")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="applications")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="applications", verbose_name=_("nomination")
    )
    # The organization that submits it: the contest's own one, or one of the municipality's.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contest_applications")
    unit = models.ForeignKey(
        MentoringUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contest_applications",
        verbose_name=_("pair or group"),
    )
    mentor = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contest_applications",
        verbose_name=_("mentor"),
    )
    text = models.TextField(_("materials: description"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("contest application")
        verbose_name_plural = _("contest applications")
        ordering = ["nomination__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "nomination", "unit"],
                condition=Q(unit__isnull=False),
                name="mentoring_application_unit_once",
            ),
            models.UniqueConstraint(
                fields=["contest", "nomination", "mentor"],
                condition=Q(mentor__isnull=False),
                name="mentoring_application_mentor_once",
            ),
        ]

    def __str__(self):
        return self.applicant_name

    @property
    def applicant(self) -> Participant:
        """The mentor the application is about (of the pair or group, or named by it)."""
        return self.mentor if self.mentor_id else self.unit.mentor

    @property
    def applicant_name(self) -> str:
        if self.unit_id:
            return str(self.unit)
        return self.mentor.full_name if self.mentor_id else ""


def material_path(instance: "ApplicationFile", filename: str) -> str:
    return stored_name(f"contests/{instance.application.contest_id}", instance.file)


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=material_path)
    name = models.CharField(_("name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material file")
        verbose_name_plural = _("material files")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Score(models.Model):
    """One juror's score of one application by one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contest_scores")
    value = models.PositiveSmallIntegerField(_("score"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion", "juror"], name="mentoring_score_once"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class ContestResult(models.Model):
    """An application's result, computed from the scores and frozen when the contest is closed."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="result")
    mean_total = models.DecimalField(_("mean of the jurors' totals"), max_digits=8, decimal_places=2)
    place = models.PositiveSmallIntegerField(_("place"))

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["application__nomination__position", "place", "pk"]

    def __str__(self):
        return f"{self.application}: {self.place}"
