"""Writes of questionnaires, campaigns, personal links and responses.

Shipped questionnaires (without an organization) are read-only: an organization copies one and
edits the copy. A campaign is created with one personal link per recipient; a link answers once.
"""

import datetime
import hmac
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from mentoring.models import Participant, Program
from monitoring.models import (
    QUESTIONS_OF_STAGE,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Campaign,
    Invitation,
    Question,
    Questionnaire,
    Response,
)

# A personal link is typed from paper by pupils and parents: its key and secret are written in
# lowercase letters and digits that cannot be taken one for another (no 0/o, 1/l/i) and without
# the hyphen and underscore of URL-safe base64, which a printed line may break at. Links made
# before keep their base64 key and secret and are looked up as they are.
LINK_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
KEY_LENGTH = 12  # about 59 bits: the lookup, not a secret, unique among all links
SECRET_LENGTH = 39  # 39 × log2(31) ≈ 193 bits, no less than the 192 of the former 24 random bytes
DEFAULT_REMINDER_INTERVAL = 3


# Questionnaires -----------------------------------------------------------------------------


def _own(questionnaire: Questionnaire, organization: Organization) -> None:
    if questionnaire.organization_id != organization.pk:
        raise ValidationError(_("A shipped questionnaire cannot be changed: make a copy and edit it."))


def _clean_options(kind: str, options: Iterable[str]) -> list[str]:
    cleaned = list(dict.fromkeys(option.strip() for option in options if option.strip()))
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(cleaned) < 2:
        raise ValidationError({"options": _("Give at least two options, one per line.")})
    return cleaned if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else []


def questionnaire_save(
    *, organization: Organization, data: Mapping, questionnaire: Questionnaire | None = None, by: User
) -> Questionnaire:
    """Creates the organization's questionnaire, or changes its own one."""
    if questionnaire is None:
        questionnaire = Questionnaire(organization=organization)
    else:
        _own(questionnaire, organization)
    for field in ("title", "description", "audience", "purpose", "formula"):
        if field in data:
            setattr(questionnaire, field, data[field])
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire, organization: Organization, by: User) -> Questionnaire:
    """The organization's editable copy of a shipped (or its own) questionnaire, with all questions."""
    if questionnaire.organization_id not in (None, organization.pk):
        raise ValidationError(_("The questionnaire is not found."))
    copy = Questionnaire.objects.create(
        organization=organization,
        title=_("%(title)s (copy)") % {"title": questionnaire.title},
        description=questionnaire.description,
        audience=questionnaire.audience,
        purpose=questionnaire.purpose,
        formula=questionnaire.formula,
        copied_from=questionnaire,
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=copy,
            position=question.position,
            text=question.text,
            kind=question.kind,
            required=question.required,
            options=list(question.options),
            stage=question.stage,
            expected_text=question.expected_text,
            matching=question.matching,
        )
        for question in questionnaire.questions.all()
    )
    return copy


def questionnaire_delete(*, questionnaire: Questionnaire, organization: Organization, by: User) -> None:
    _own(questionnaire, organization)
    if questionnaire.campaigns.exists():
        raise ValidationError(_("The questionnaire has been sent in campaigns; it cannot be deleted."))
    questionnaire.delete()


def question_save(
    *,
    questionnaire: Questionnaire,
    organization: Organization,
    data: Mapping,
    question: Question | None = None,
    by: User,
) -> Question:
    _own(questionnaire, organization)
    if question is None:
        last = questionnaire.questions.aggregate(last=Max("position"))["last"] or 0
        question = Question(questionnaire=questionnaire, position=last + 1)
    elif question.questionnaire_id != questionnaire.pk:
        raise ValidationError(_("The question is not found."))
    for field in ("text", "kind", "required", "stage", "expected_text", "matching"):
        if field in data:
            setattr(question, field, data[field])
    question.options = _clean_options(question.kind, data.get("options", question.options))
    question.expected_text = question.expected_text.strip()
    if question.expected_text and question.stage != Question.Stage.BOTH:
        # Asked at one stage only, the question's own text is already worded for it.
        raise ValidationError(
            {"expected_text": _("A wording at the start is for a question asked at the start and at the end.")}
        )
    if question.kind == Question.Kind.PEOPLE and questionnaire.audience not in (
        Questionnaire.Audience.MENTOR,
        Questionnaire.Audience.MENTEE,
    ):
        raise ValidationError({"kind": _("Only mentors and mentees choose whom they would like to work with.")})
    question.full_clean()
    question.save()
    return question


def question_delete(*, question: Question, organization: Organization, by: User) -> None:
    _own(question.questionnaire, organization)
    if question.answers.exists():
        raise ValidationError(_("The question already has answers; it cannot be deleted."))
    question.delete()


@transaction.atomic
def question_move(*, question: Question, organization: Organization, up: bool, by: User) -> None:
    """Swaps the question with its neighbour; positions are renumbered 1..n first."""
    _own(question.questionnaire, organization)
    questions = list(question.questionnaire.questions.order_by("position", "pk"))
    index = next(i for i, item in enumerate(questions) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    for position, item in enumerate(questions, start=1):
        item.position = position
    Question.objects.bulk_update(questions, ["position"])


# Campaigns and personal links ---------------------------------------------------------------


def link_token(length: int) -> str:
    """Random characters of LINK_ALPHABET, each drawn by the operating system's CSPRNG."""
    return "".join(secrets.choice(LINK_ALPHABET) for _ in range(length))


def _new_invitation(campaign: Campaign, participant: Participant) -> Invitation:
    return Invitation(
        campaign=campaign,
        participant=participant,
        key=link_token(KEY_LENGTH),
        secret=link_token(SECRET_LENGTH),
    )


@transaction.atomic
def campaign_create(
    *,
    organization: Organization,
    questionnaire: Questionnaire,
    title: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    recipients: Iterable[Participant],
    program: Program | None = None,
    stage: str = Campaign.Stage.SINGLE,
    baseline: Campaign | None = None,
    by: User,
) -> Campaign:
    recipients = list(dict.fromkeys(recipients))
    errors = {}
    if questionnaire.organization_id not in (None, organization.pk):
        errors["questionnaire"] = _("The questionnaire is not found.")
    elif not questionnaire.questions.exists():
        errors["questionnaire"] = _("The questionnaire has no questions yet.")
    elif not questionnaire.questions.filter(stage__in=QUESTIONS_OF_STAGE[stage]).exists():
        errors["stage"] = _("The questionnaire has no questions for a campaign at this stage.")
    if closes_on < opens_on:
        errors["closes_on"] = _("The links must stay valid at least until the start date.")
    if program is not None and program.organization_id != organization.pk:
        errors["program"] = _("The program is not found.")
    if program is None and questionnaire.questions.filter(kind=Question.Kind.PEOPLE).exists():
        errors["program"] = _("Choose the program: its mentors and mentees are whom the preferences are about.")
    if baseline is not None and (
        baseline.organization_id != organization.pk or baseline.questionnaire_id != questionnaire.pk
    ):
        errors["baseline"] = _("The campaign at the start must send the same questionnaire.")
    if stage != Campaign.Stage.END and baseline is not None:
        errors["baseline"] = _("Only a campaign at the end is compared with one at the start.")
    if any(person.organization_id != organization.pk for person in recipients):
        errors["recipients"] = _("Everyone must be a participant of the organization.")
    elif not recipients:
        errors["recipients"] = _("Nobody to ask: the chosen group has no participants.")
    if errors:
        raise ValidationError(errors)
    campaign = Campaign.objects.create(
        organization=organization,
        questionnaire=questionnaire,
        title=title,
        program=program,
        stage=stage,
        baseline=baseline,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    Invitation.objects.bulk_create(_new_invitation(campaign, person) for person in recipients)
    return campaign


def campaign_close(*, campaign: Campaign, by: User) -> Campaign:
    if campaign.closed_at is None:
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
    return campaign


class LinkStatus(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"  # forged, mistyped, or of a deleted campaign
    NOT_YET = "not_yet"
    EXPIRED = "expired"
    USED = "used"


def invitation_by_link(key: str, secret: str) -> tuple[Invitation | None, LinkStatus]:
    """The invitation of a personal link and whether it may be answered now. An unknown key and a
    wrong secret look the same to the visitor; the secret is compared in constant time."""
    invitation = (
        Invitation.objects.select_related("campaign__questionnaire", "campaign__program__form", "participant")
        .filter(key=key)
        .first()
    )
    if invitation is None or not hmac.compare_digest(invitation.secret.encode(), secret.encode()):
        return None, LinkStatus.UNKNOWN
    if invitation.participant.depersonalized_at is not None:
        return None, LinkStatus.UNKNOWN
    if invitation.answered_at is not None:
        return invitation, LinkStatus.USED
    campaign, today = invitation.campaign, timezone.localdate()
    if campaign.closed_at is not None or today > campaign.closes_on:
        return invitation, LinkStatus.EXPIRED
    if today < campaign.opens_on:
        return invitation, LinkStatus.NOT_YET
    return invitation, LinkStatus.OK


def answer_fields(question: Question, value) -> dict:
    """The columns of an Answer for a cleaned form value; None when there is nothing to save."""
    if value in (None, "", [], ()):
        return {}
    if question.kind == Question.Kind.SCALE:
        value = int(value)
        if not SCALE_MIN <= value <= SCALE_MAX:
            raise ValidationError(_("Choose a score from 1 to 10."))
        return {"value": value}
    if question.kind == Question.Kind.YES_NO:
        return {"value": 1 if value in (True, 1, "1", "yes") else 0}
    if question.kind == Question.Kind.SINGLE:
        return {"choices": [str(value)]}
    if question.kind == Question.Kind.MULTIPLE:
        return {"choices": [str(item) for item in value]}
    if question.kind == Question.Kind.PEOPLE:
        return {"people": sorted({int(item) for item in value})}
    return {"text": str(value).strip()} if str(value).strip() else {}


def response_submit(
    *, invitation: Invitation, answers: Mapping[int, object], now: datetime.datetime | None = None
) -> Response:
    """Saves the answers of a personal link, once. ``answers`` maps question ids of the campaign's
    questionnaire to cleaned values (the public form validates kinds, options and required items);
    ids of other questions are refused."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("campaign").get(pk=invitation.pk)
        campaign = locked.campaign
        if locked.answered_at is not None:
            raise ValidationError(_("This link has already been used to answer."))
        if campaign.closed_at is not None or timezone.localdate(now) > campaign.closes_on:
            raise ValidationError(_("The survey is over: the link has expired."))
        questions = {question.pk: question for question in campaign.questions()}
        if set(answers) - set(questions):
            raise ValidationError(_("The answers do not belong to this questionnaire."))
        missing = [q.text for q in questions.values() if q.required and not answer_fields(q, answers.get(q.pk))]
        if missing:
            raise ValidationError(
                _("Answer the required questions: %(questions)s.") % {"questions": "; ".join(missing)}
            )
        try:
            response = Response.objects.create(campaign=campaign, invitation=locked, submitted_at=now)
        except IntegrityError as error:
            raise ValidationError(_("This link has already been used to answer.")) from error
        Answer.objects.bulk_create(
            Answer(response=response, question=questions[pk], **fields)
            for pk, value in answers.items()
            if (fields := answer_fields(questions[pk], value))
        )
        locked.answered_at = now
        locked.save(update_fields=["answered_at"])
    return response


# E-mails and reminders ----------------------------------------------------------------------


def link_path(invitation: Invitation) -> str:
    return reverse("answer", kwargs={"key": invitation.key, "secret": invitation.secret})


def recipient_email(participant: Participant) -> str:
    """Where a person's link goes: the registry's e-mail, which for a minor is the parent's; else a
    parent's own e-mail from the registry."""
    if participant.email:
        return participant.email
    for parent in participant.parents.all():
        if parent.email:
            return parent.email
    return ""


@dataclass
class Mailing:
    sent: int
    without_email: list[str]


def _mail(invitations: list[Invitation], base_url: str, *, reminder: bool) -> tuple[list[Invitation], list[str]]:
    sent, without = [], []
    for invitation in invitations:
        participant, campaign = invitation.participant, invitation.campaign
        address = recipient_email(participant)
        if not address:
            without.append(participant.full_name)
            continue
        context = {
            "first_name": participant.first_name,
            # A minor's registry e-mail is the parent's: the letter speaks to the parent.
            "for_child": participant.is_minor_on(timezone.localdate()),
            "campaign": campaign,
            "organization": campaign.organization,
            "link": base_url.rstrip("/") + link_path(invitation),
            "reminder": reminder,
        }
        subject = (_("Reminder: %(title)s") if reminder else _("Questionnaire: %(title)s")) % {"title": campaign.title}
        send_mail(subject, render_to_string("monitoring/email/invitation.txt", context), None, [address])
        sent.append(invitation)
    return sent, without


def _pending(campaign: Campaign):
    return (
        campaign.invitations.filter(answered_at__isnull=True, participant__depersonalized_at__isnull=True)
        .select_related("participant", "campaign__organization")
        .prefetch_related("participant__parents")
    )


def campaign_email(*, campaign: Campaign, base_url: str, by: User | None) -> Mailing:
    """E-mails the personal links to everyone who has not answered and has not had one yet."""
    if not campaign.is_running_on(timezone.localdate()):
        raise ValidationError(_("The campaign is not running: links are sent only while it runs."))
    sent, without = _mail(list(_pending(campaign).filter(emailed_at__isnull=True)), base_url, reminder=False)
    Invitation.objects.filter(pk__in=[item.pk for item in sent]).update(emailed_at=timezone.now())
    return Mailing(len(sent), without)


def campaign_remind(
    *,
    campaign: Campaign,
    base_url: str,
    interval_days: int = DEFAULT_REMINDER_INTERVAL,
    now: datetime.datetime | None = None,
    by: User | None = None,
) -> Mailing:
    """Reminds by e-mail those who have not answered, except whoever got a link or a reminder in
    the last ``interval_days`` days (a button pressed twice does not send twice)."""
    now = now or timezone.now()
    if not campaign.is_running_on(timezone.localdate(now)):
        raise ValidationError(_("The campaign is not running: links are sent only while it runs."))
    since = now - datetime.timedelta(days=interval_days)
    due = [
        invitation
        for invitation in _pending(campaign)
        if not any(moment is not None and moment > since for moment in (invitation.emailed_at, invitation.reminded_at))
    ]
    sent, without = _mail(due, base_url, reminder=True)
    Invitation.objects.filter(pk__in=[item.pk for item in sent]).update(reminded_at=now)
    return Mailing(len(sent), without)


def running_campaigns(today: datetime.date):
    return Campaign.objects.filter(closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today).select_related(
        "organization"
    )
