"""The «Школа наставников»: training programs for mentors and curators, their sessions, enrolment,
attendance and completion with a certificate (seed 000 stage 4, seed 001 п. 4.3)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.models import Municipality, Organization
from accounts.ownership import OwnedByOrganizationOrMunicipality, one_owner
from mentoring.registry.models import Participant
from mentoring.uploads import stored_name


class TrainingProgram(OwnedByOrganizationOrMunicipality, models.Model):
    """A program of training in mentoring. A school's own program trains its staff; a municipal one
    (the methodical centre's, an institute's course the municipality sends people to) is open to the
    staff of every organization of the municipality."""

    class Provider(models.TextChoices):
        SCHOOL = "school", _("the organization itself")
        METHODICAL_CENTRE = "methodical_centre", _("municipal methodical centre")
        INSTITUTE = "institute", _("institute of further education")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_programs",
        verbose_name=_("organization"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_programs",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=300)
    hours = models.PositiveSmallIntegerField(
        _("hours"), validators=[MinValueValidator(1), MaxValueValidator(2000)], help_text=_("Academic hours.")
    )
    provider_kind = models.CharField(_("provider"), max_length=20, choices=Provider.choices, default=Provider.SCHOOL)
    provider_name = models.CharField(
        _("provider's name"),
        max_length=300,
        blank=True,
        help_text=_("For example: ГАУ ДПО «Институт развития образования». Empty for the organization itself."),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training program")
        verbose_name_plural = _("training programs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            one_owner("mentoring_training_program_one_owner"),
        ]

    def __str__(self):
        return self.name

    @property
    def provider_label(self) -> str:
        return self.provider_name or str(self.get_provider_kind_display())


class TrainingSession(models.Model):
    """A session of a program: its day, time, place and topic (a line of the order's schedule)."""

    program = models.ForeignKey(
        TrainingProgram, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("training program")
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=500)
    place = models.CharField(_("place"), max_length=300, blank=True)
    leader = models.CharField(
        _("who leads it"), max_length=300, blank=True, help_text=_("For example: И. С. Петрова, педагог-психолог.")
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["held_on", "starts_at", "pk"]

    def __str__(self):
        return f"{self.held_on:%d.%m.%Y} {self.topic}"


def certificate_path(enrolment: "TrainingEnrolment", filename: str) -> str:
    # A certificate names the person: stored under the organization, served only through a checked view.
    return stored_name(f"certificates/{enrolment.organization_id}/{enrolment.participant_id}", enrolment.certificate)


class TrainingEnrolment(models.Model):
    """A mentor or a curator enrolled in a program; completed (with a certificate) or withdrawn.

    The completion date is a fact of its day: the indicator «работники, обученные наставничеству»
    counts it from then on, and nothing later (a withdrawal, a depersonalization) takes it back."""

    class Role(models.TextChoices):
        MENTOR = "mentor", _("mentor")
        CURATOR = "curator", _("curator")

    program = models.ForeignKey(
        TrainingProgram, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("training program")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="training_enrolments", verbose_name=_("participant")
    )
    # The participant's organization, copied on save: the indicator counts by it through an index.
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="+", editable=False, verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MENTOR)
    enrolled_on = models.DateField(_("date of enrolment"))
    completed_on = models.DateField(_("date of completion"), null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)
    certificate = models.FileField(_("certificate"), upload_to=certificate_path, blank=True)
    withdrawn_on = models.DateField(_("date of withdrawal"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment in a training")
        verbose_name_plural = _("enrolments in trainings")
        ordering = ["program", *name_order("participant__"), "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "participant"], name="mentoring_training_enrolment_unique"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(withdrawn_on__isnull=True),
                name="mentoring_training_completed_or_withdrawn",
            ),
        ]
        indexes = [models.Index(fields=["organization", "completed_on"], name="mentoring_training_completions")]

    def __str__(self):
        return f"{self.participant} — {self.program}"

    def save(self, *args, **kwargs):
        self.organization_id = self.participant.organization_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.completed_on and self.completed_on < self.enrolled_on:
            raise ValidationError({"completed_on": _("The training cannot end before the enrolment.")})

    @property
    def status(self) -> str:
        if self.completed_on:
            return "completed"
        if self.withdrawn_on:
            return "withdrawn"
        return "enrolled"


class TrainingAttendance(models.Model):
    """A tick of the attendance grid: the enrolled person was at the session."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("training session")
    )
    enrolment = models.ForeignKey(
        TrainingEnrolment, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("enrolment")
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="mentoring_training_attendance_unique"),
        ]

    def __str__(self):
        return f"{self.enrolment_id} @ {self.session_id}"
