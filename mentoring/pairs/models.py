"""Pairs and groups: forms of mentoring, programs, units with their mentees, plans and meetings."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.collation import name_order
from accounts.models import Organization
from mentoring.registry.models import Participant


class MentoringForm(models.Model):
    """A form of mentoring («ученик – ученик»…) with who may be mentor and mentee in it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    mentor_categories = models.JSONField(
        _("mentor categories"), default=list, help_text=_("Participant categories allowed as mentor.")
    )
    mentee_categories = models.JSONField(
        _("mentee categories"), default=list, help_text=_("Participant categories allowed as mentee.")
    )
    mentor_capacity = models.PositiveSmallIntegerField(
        _("mentees per mentor at most"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    for_teachers = models.BooleanField(
        _("teacher mentoring"), default=False, help_text=_("The formats of teacher mentoring apply.")
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("form of mentoring")
        verbose_name_plural = _("forms of mentoring")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class RoleModel(models.Model):
    form = models.ForeignKey(
        MentoringForm, on_delete=models.CASCADE, related_name="role_models", verbose_name=_("form of mentoring")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("role model")
        verbose_name_plural = _("role models")
        ordering = ["form", "name"]
        constraints = [models.UniqueConstraint(fields=["form", "name"], name="mentoring_role_model_unique")]

    def __str__(self):
        return self.name


class TeacherMentoringFormat(models.Model):
    """Traditional, group, virtual… (the 2021 recommendations on teacher mentoring)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=100)

    class Meta:
        verbose_name = _("format of teacher mentoring")
        verbose_name_plural = _("formats of teacher mentoring")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def default_weights() -> dict:
    return {"interests": 3, "competencies": 4, "age": 2, "grade": 2, "partner": 1, "preference": 6}


class Program(models.Model):
    """A mentoring program of an organization for an academic year, in one form of mentoring."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs", verbose_name=_("organization")
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    form = models.ForeignKey(
        MentoringForm, on_delete=models.PROTECT, related_name="programs", verbose_name=_("form of mentoring")
    )
    title = models.CharField(_("title"), max_length=300)
    goals = models.TextField(_("goals and tasks"), blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curator"),
    )
    # Weights of the matching criteria, editable per program (see mentoring.pairs.matching).
    matching_weights = models.JSONField(_("matching weights"), default=default_weights, blank=True)

    class Meta:
        verbose_name = _("mentoring program")
        verbose_name_plural = _("mentoring programs")
        ordering = ["-academic_year", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="mentoring_program_dates"),
        ]

    def __str__(self):
        return self.title


class MentoringUnit(models.Model):
    """A mentoring pair (one mentee) or group (several) with its way from draft to completion."""

    class Kind(models.TextChoices):
        PAIR = "pair", _("pair")
        GROUP = "group", _("group")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for approval")
        APPROVED = "approved", _("approved")
        ACTIVE = "active", _("active")
        COMPLETED = "completed", _("completed")
        TERMINATED = "terminated", _("terminated")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="units", verbose_name=_("program"))
    form = models.ForeignKey(
        MentoringForm, on_delete=models.PROTECT, related_name="units", verbose_name=_("form of mentoring")
    )
    role_model = models.ForeignKey(
        RoleModel, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("role model")
    )
    teacher_format = models.ForeignKey(
        TeacherMentoringFormat,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("format"),
    )
    kind = models.CharField(_("pair or group"), max_length=10, choices=Kind.choices, default=Kind.PAIR)
    mentor = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="mentored_units", verbose_name=_("mentor")
    )
    planned_from = models.DateField(_("planned from"))
    planned_to = models.DateField(_("planned to"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The date of the approval order: the day the unit entered the program, which the figures as
    # of a date read (approved_at is when the director pressed the button; an order may be dated
    # otherwise).
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approval_order = models.ForeignKey(
        "reports.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_units",
        verbose_name=_("approval order"),
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    finished_on = models.DateField(_("finished"), null=True, blank=True)
    termination_reason = models.TextField(_("reason of termination"), blank=True)
    results = models.TextField(_("results"), blank=True)
    case_url = models.URLField(_("link to the published case"), blank=True)
    # The last return for revision of a draft: the curator sees it marked until it is sent again
    # (every return stays in the history).
    returned_at = models.DateTimeField(_("returned for revision"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    return_reason = models.TextField(_("reason of return"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("mentoring pair or group")
        verbose_name_plural = _("mentoring pairs and groups")
        ordering = ["program", *name_order("mentor__"), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_to__gte=models.F("planned_from")), name="mentoring_unit_planned_dates"
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.mentor}"


# Units the director has approved, working or ended: what registries, indicators and reports count
# (drafts and units awaiting approval are not yet pairs or groups of the program).
WORKING_STATUSES = (
    MentoringUnit.Status.APPROVED,
    MentoringUnit.Status.ACTIVE,
    MentoringUnit.Status.COMPLETED,
    MentoringUnit.Status.TERMINATED,
)


def working_during(date_from: datetime.date, date_to: datetime.date, prefix: str = "") -> Q:
    """A unit of the program on at least one day of [date_from, date_to], as the facts dated by
    date_to tell: approved by an order dated on or before date_to (a unit without a recorded approval
    date counts as approved), started or planned to start by then (an approved unit not started yet
    counts from its planned start, and still does once it starts after the window: a start after the
    window is no fact of it), and not finished before the window nor before its planned start
    without having started."""

    def field(name: str) -> str:
        return f"{prefix}{name}"

    return (
        Q(**{field("status__in"): WORKING_STATUSES})
        & (Q(**{field("approved_on__isnull"): True}) | Q(**{field("approved_on__lte"): date_to}))
        & (Q(**{field("started_on__lte"): date_to}) | Q(**{field("planned_from__lte"): date_to}))
        & (Q(**{field("finished_on__isnull"): True}) | Q(**{field("finished_on__gte"): date_from}))
        # Ended before its planned start without starting (a withdrawal, a termination): it never worked.
        & ~Q(**{field("started_on__isnull"): True, field("finished_on__lt"): F(field("planned_from"))})
    )


class UnitMentee(models.Model):
    """A mentee in a pair or group, with when they joined and left and how it ended for them."""

    unit = models.ForeignKey(MentoringUnit, on_delete=models.CASCADE, related_name="mentees", verbose_name=_("unit"))
    mentee = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="unit_memberships", verbose_name=_("mentee")
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    leave_reason = models.CharField(_("reason of leaving"), max_length=300, blank=True)
    full_cycle = models.BooleanField(_("completed the full cycle"), default=False)
    results = models.TextField(_("results"), blank=True)

    # Who joined and left, and who was taken out of a draft or a unit not started yet, and why.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mentee of a pair or group")
        verbose_name_plural = _("mentees of pairs and groups")
        ordering = ["unit", *name_order("mentee__")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "mentee"], name="mentoring_unit_mentee_unique"),
        ]

    def __str__(self):
        return str(self.mentee)


class MatchingExclusion(models.Model):
    """«Не предлагать эту пару»: the curator's decision that a mentee and a mentor do not fit, with
    who decided and why. The matching never suggests them to each other again, in any program of
    the organization, until the curator takes the decision back."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", verbose_name=_("organization")
    )
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee"))
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor"))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("pair not to suggest")
        verbose_name_plural = _("pairs not to suggest")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="mentoring_matching_exclusion_unique"),
        ]

    def __str__(self):
        return f"{self.mentor} — {self.mentee}"

    @property
    def decided_by(self) -> str:
        user = self.created_by
        return (user.get_full_name() or user.username) if user else "—"


class MatchingRun(models.Model):
    """One computation of the matching of a program, kept until the program's data change.

    ``key`` names what the result depends on (the organization's ``data_version``, the program's
    weights and form, the parameters, the day, the language of the reasons); the page shows the
    newest finished run with the current key and starts a new one otherwise. Accepting refers to a
    run by its id, so the page never has to post its suggestions back."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="matching_runs", verbose_name=_("program")
    )
    key = models.CharField(_("key"), max_length=64)
    # The parameters of the page's form (minimum score, strategy), plain values.
    params = models.JSONField(_("parameters"), default=dict)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveSmallIntegerField(_("done"), default=0)
    total = models.PositiveSmallIntegerField(_("total"), default=0)
    # Suggestions, mentees without one, mentors left out and what the page shows of the people.
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching computation")
        verbose_name_plural = _("matching computations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["program", "key"], name="mentoring_matching_run_key")]

    def __str__(self):
        return f"{self.program} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
