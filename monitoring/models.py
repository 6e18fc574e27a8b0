"""Questionnaires, campaigns that send them to people by personal links, and the responses.

A questionnaire without an organization is shipped with the product (read-only); an organization
edits its own copy. A campaign sends one questionnaire to chosen participants: each gets an
``Invitation`` with a personal link that works without an account, once, until the campaign
closes. The link carries a public ``key`` (the lookup) and a ``secret`` compared in constant time.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.models import Organization
from mentoring.models import Participant, Program

SCALE_MIN, SCALE_MAX = 1, 10
# The share formula counts a respondent as satisfied from this mean item score up.
SATISFIED_FROM = 7


class Questionnaire(models.Model):
    class Audience(models.TextChoices):
        MENTOR = "mentor", _("mentors")
        MENTEE = "mentee", _("mentees")
        PARENT = "parent", _("parents")
        CURATOR = "curator", _("curators")

    class Purpose(models.TextChoices):
        INTAKE_MENTOR = "intake_mentor", _("intake of mentors")
        INTAKE_MENTEE = "intake_mentee", _("intake of mentees")
        PREFERENCE = "preference", _("preferences after the group meeting")
        FEEDBACK = "feedback", _("intermediate feedback")
        SATISFACTION_MENTOR = "satisfaction_mentor", _("satisfaction of mentors")
        SATISFACTION_MENTEE = "satisfaction_mentee", _("satisfaction of mentees")
        GROWTH = "growth", _("growth of participants (monitoring stage 2)")
        OTHER = "other", _("other")

    class Formula(models.TextChoices):
        MEAN_X10 = "mean_x10", _("mean item score × 10")
        SHARE_7 = "share_7", _("share of respondents with a mean score of 7 or more")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaires",
        verbose_name=_("organization"),
        help_text=_("Empty: shipped with the product, read-only."),
    )
    code = models.SlugField(_("code"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to the respondent above the questions.")
    )
    audience = models.CharField(_("who answers"), max_length=10, choices=Audience.choices)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, default=Purpose.OTHER)
    formula = models.CharField(
        _("satisfaction formula"), max_length=10, choices=Formula.choices, default=Formula.MEAN_X10
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("copied from")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(organization__isnull=True), name="monitoring_shipped_code_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_shipped(self) -> bool:
        return self.organization_id is None


class Question(models.Model):
    class Stage(models.TextChoices):
        """When the question is asked (see ``Campaign.questions``)."""

        BOTH = "both", _("at the start and at the end")
        START = "start", _("only at the start (expectations)")
        END = "end", _("only at the end (what happened)")

    class Kind(models.TextChoices):
        SCALE = "scale", _("scale 1–10")
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        YES_NO = "yes_no", _("yes or no")
        TEXT = "text", _("free text")
        PEOPLE = "people", _("choice of mentors or mentees (preferences)")

    class Matching(models.TextChoices):
        """What the matching of pairs takes from the answer (mentoring.pairs.matching)."""

        NONE = "", _("nothing")
        INTERESTS = "interests", _("interests")
        COMPETENCIES = "competencies", _("mentor's competencies or mentee's request")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("questionnaire")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    stage = models.CharField(
        _("asked"),
        max_length=5,
        choices=Stage.choices,
        default=Stage.BOTH,
        help_text=_(
            "A campaign at the start asks the questions of the start and of both; one at the end, or a one-off "
            "one, those of the end and of both. The results compare the start with the end for the scale "
            "questions asked at both."
        ),
    )
    expected_text = models.CharField(
        _("wording at the start"),
        max_length=500,
        blank=True,
        help_text=_(
            "For a question asked at the start and at the end: how it sounds as an expectation, e.g. «How useful "
            "do you think the meetings will be?»."
        ),
    )
    matching = models.CharField(
        _("used in matching as"), max_length=15, choices=Matching.choices, default=Matching.NONE, blank=True
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position", "pk"]

    def __str__(self):
        return self.text

    @property
    def compared(self) -> bool:
        """Asked at the start as an expectation and at the end as the reality: the results set
        the two means side by side."""
        return self.stage == self.Stage.BOTH and self.kind == self.Kind.SCALE

    def text_at(self, campaign_stage: str) -> str:
        """The wording a campaign of that stage shows."""
        if campaign_stage == Campaign.Stage.START and self.expected_text:
            return self.expected_text
        return self.text


class Campaign(models.Model):
    """A questionnaire sent to chosen participants, each with a personal link."""

    class Stage(models.TextChoices):
        SINGLE = "single", _("one-off")
        START = "start", _("at the start (expectations)")
        END = "end", _("at the end (reality)")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("organization")
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("questionnaire")
    )
    title = models.CharField(_("title"), max_length=300)
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("program"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SINGLE)
    baseline = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign at the start"),
        help_text=_("The expectations this campaign's answers are compared with."),
    )
    opens_on = models.DateField(_("from"))
    closes_on = models.DateField(_("links valid until"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="monitoring_campaign_dates"),
        ]

    def __str__(self):
        return self.title

    def is_running_on(self, day) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def questions(self) -> models.QuerySet:
        """The questions this campaign asks: a campaign at the start asks expectations, one at the
        end (or a one-off one) what happened; questions of both are asked in every campaign."""
        return self.questionnaire.questions.filter(stage__in=QUESTIONS_OF_STAGE[self.stage])


# Which questions a campaign of each stage asks. A one-off campaign asks about what is, as the one
# at the end does: the expectations of the start make sense only before the work.
QUESTIONS_OF_STAGE = {
    Campaign.Stage.START: (Question.Stage.BOTH, Question.Stage.START),
    Campaign.Stage.END: (Question.Stage.BOTH, Question.Stage.END),
    Campaign.Stage.SINGLE: (Question.Stage.BOTH, Question.Stage.END),
}


class Invitation(models.Model):
    """One person's personal link to a campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("participant")
    )
    key = models.CharField(max_length=16, unique=True, editable=False)
    secret = models.CharField(max_length=64, editable=False)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")
        ordering = ["campaign", *name_order("participant__"), "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "participant"], name="monitoring_invitation_unique"),
        ]

    def __str__(self):
        return f"{self.campaign}: {self.participant}"


class Response(models.Model):
    """A submitted questionnaire. Bound to its invitation for one answer per link; the results
    show respondents by number when anonymized."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="responses", verbose_name=_("campaign")
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="response", verbose_name=_("personal link")
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["campaign", "submitted_at", "pk"]
        indexes = [models.Index(fields=["campaign", "submitted_at"])]

    def __str__(self):
        return f"{self.campaign} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    # A scale score 1–10, or 1/0 for yes/no.
    value = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(SCALE_MAX)]
    )
    # The chosen options as their texts (a later edit of the options keeps old answers readable).
    choices = models.JSONField(_("chosen options"), default=list, blank=True)
    # Preferences: the chosen participants.
    people = models.JSONField(_("chosen people"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question__position", "question__pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="monitoring_answer_unique"),
        ]

    def __str__(self):
        return f"{self.question}: {self.value or self.text or self.choices}"
