"""Writes of the contests: keyword-only, validated, in a transaction.

A contest goes draft → accepting applications → judging → closed. Closing freezes the results
(mentoring.contests.selectors.compute_results) into ContestResult; nothing is scored after it. The
results order and the thank-you letters are drafted through reports.api from the frozen results."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from mentoring.contests.models import Application, ApplicationFile, Contest, ContestResult, Criterion, Nomination, Score
from mentoring.contests.selectors import (
    AWARDED_PLACES,
    ROMAN,
    compute_results,
    frozen_results,
    jury_candidates,
    missing_scores,
)
from mentoring.declension import Person, as_person
from mentoring.pairs.models import MentoringUnit
from mentoring.registry.models import Participant
from mentoring.uploads import validate_document
from reports.api import contest_results_order_draft as results_order_draft
from reports.api import contest_thanks_letters_draft as thanks_letters_draft

NEXT_STATUS = {
    Contest.Status.DRAFT: Contest.Status.ACCEPTING,
    Contest.Status.ACCEPTING: Contest.Status.JUDGING,
}


def _check_dates(contest: Contest) -> None:
    errors = {}
    if contest.applications_to < contest.applications_from:
        errors["applications_to"] = _("Applications cannot end before they start.")
    if contest.judging_until < contest.applications_to:
        errors["judging_until"] = _("Judging cannot end before the applications do.")
    if contest.results_on < contest.judging_until:
        errors["results_on"] = _("The results cannot come before the end of judging.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contest_save(*, contest: Contest, jury: list[User], by: User) -> Contest:
    """Creates or changes a contest and its jury (staff of its organization or municipality). The jury
    is fixed once judging starts: a juror added later would find the others' work done."""
    _check_dates(contest)
    if contest.is_closed:
        raise ValidationError(_("The contest is closed: its results are frozen."))
    allowed = set(jury_candidates(contest).values_list("pk", flat=True)) if contest.pk else None
    if contest.pk is None:
        contest.created_by = by
        contest.save()
        allowed = set(jury_candidates(contest).values_list("pk", flat=True))
    strangers = [user for user in jury if user.pk not in allowed]
    if strangers:
        raise ValidationError({"jury": _("Only staff of the contest's organization or municipality sit on its jury.")})
    if contest.status == Contest.Status.JUDGING and {user.pk for user in jury} - set(
        contest.jury.values_list("pk", flat=True)
    ):
        raise ValidationError({"jury": _("Judging has started: jurors can be removed, not added.")})
    contest.save()
    contest.jury.set(jury)
    return contest


def _check_preparing(contest: Contest) -> None:
    if contest.status not in (Contest.Status.DRAFT, Contest.Status.ACCEPTING):
        raise ValidationError(_("Nominations and criteria are changed only before judging starts."))


@transaction.atomic
def nomination_add(*, contest: Contest, name: str, by: User) -> Nomination:
    _check_preparing(contest)
    name = name.strip()
    if contest.nominations.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("The contest already has this nomination.")})
    return Nomination.objects.create(contest=contest, name=name, position=contest.nominations.count() + 1)


@transaction.atomic
def criterion_add(*, contest: Contest, name: str, max_score: int, by: User) -> Criterion:
    _check_preparing(contest)
    name = name.strip()
    if contest.criteria.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("The contest already has this criterion.")})
    if max_score < 1:
        raise ValidationError({"max_score": _("The maximum score is at least 1.")})
    return Criterion.objects.create(
        contest=contest, name=name, max_score=max_score, position=contest.criteria.count() + 1
    )


@transaction.atomic
def contest_advance(*, contest: Contest, by: User) -> Contest:
    """Opens the applications (with nominations and criteria set), then starts judging (with a jury
    and at least one application)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.status not in NEXT_STATUS:
        raise ValidationError(_("The contest cannot move on from here."))
    if contest.status == Contest.Status.DRAFT and not (contest.nominations.exists() and contest.criteria.exists()):
        raise ValidationError(_("Add at least one nomination and one criterion first."))
    if contest.status == Contest.Status.ACCEPTING:
        if not contest.jury.exists():
            raise ValidationError(_("Name the jury first."))
        if not contest.applications.filter(status=Application.Status.SUBMITTED).exists():
            raise ValidationError(_("The contest has no applications to judge."))
    contest.status = NEXT_STATUS[contest.status]
    contest.save(update_fields=["status"])
    return contest


@transaction.atomic
def application_submit(
    *,
    contest: Contest,
    nomination: Nomination,
    organization: Organization,
    text: str,
    by: User,
    unit: MentoringUnit | None = None,
    mentor: Participant | None = None,
    files: list | None = None,
) -> Application:
    """An application of a pair or group (a school's contest) or of a mentor (a municipal contest),
    submitted by the curator of the organization, with its materials."""
    if contest.status != Contest.Status.ACCEPTING:
        raise ValidationError(_("The contest does not accept applications now."))
    if nomination.contest_id != contest.pk:
        raise ValidationError({"nomination": _("Choose a nomination of this contest.")})
    if contest.is_municipal:
        if mentor is None:
            raise ValidationError({"mentor": _("Choose the mentor.")})
        if organization.municipality_id != contest.municipality_id or mentor.organization_id != organization.pk:
            raise ValidationError({"mentor": _("Choose a mentor of your organization.")})
        if Application.objects.filter(contest=contest, nomination=nomination, mentor=mentor).exists():
            raise ValidationError({"mentor": _("This mentor has already applied in this nomination.")})
        unit = None
    else:
        if unit is None:
            raise ValidationError({"unit": _("Choose the pair or group.")})
        if contest.organization_id != organization.pk or unit.program.organization_id != organization.pk:
            raise ValidationError({"unit": _("Choose a pair or group of your organization.")})
        if Application.objects.filter(contest=contest, nomination=nomination, unit=unit).exists():
            raise ValidationError({"unit": _("This pair or group has already applied in this nomination.")})
        mentor = None
    for upload in files or []:
        try:
            validate_document(upload)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    application = Application.objects.create(
        contest=contest,
        nomination=nomination,
        organization=organization,
        unit=unit,
        mentor=mentor,
        text=text.strip(),
        submitted_by=by,
    )
    for upload in files or []:
        ApplicationFile.objects.create(application=application, file=upload, name=upload.name[:200])
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by: User) -> Application:
    """The organization takes its application back while the contest still accepts them."""
    if application.contest.status != Contest.Status.ACCEPTING:
        raise ValidationError(_("An application is withdrawn only while the contest accepts applications."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@transaction.atomic
def scores_save(*, application: Application, juror: User, values: dict[int, int]) -> list[Score]:
    """A juror's scores of an application, by criterion id; each from 0 to the criterion's maximum."""
    contest = Contest.objects.select_for_update().get(pk=application.contest_id)
    if contest.status != Contest.Status.JUDGING:
        raise ValidationError(_("Scores are entered only while the contest is being judged."))
    if not contest.jury.filter(pk=juror.pk).exists():
        raise ValidationError(_("Only the contest's jurors score."))
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError(_("The application was withdrawn."))
    criteria = {criterion.pk: criterion for criterion in contest.criteria.all()}
    errors = {}
    for criterion_id, criterion in criteria.items():
        value = values.get(criterion_id)
        if value is None:
            errors[f"criterion_{criterion_id}"] = _("Enter the score.")
        elif not 0 <= value <= criterion.max_score:
            errors[f"criterion_{criterion_id}"] = _("The score is from 0 to %(max)s.") % {"max": criterion.max_score}
    if errors:
        raise ValidationError(errors)
    saved = []
    for criterion_id, criterion in criteria.items():
        score, _created = Score.objects.update_or_create(
            application=application, criterion=criterion, juror=juror, defaults={"value": values[criterion_id]}
        )
        saved.append(score)
    return saved


@transaction.atomic
def contest_close(*, contest: Contest, by: User) -> Contest:
    """Sums up the results from the scores and freezes them: every juror must have scored every
    application by every criterion (remove a juror who cannot from the jury first)."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.status != Contest.Status.JUDGING:
        raise ValidationError(_("Only a contest being judged can be closed."))
    missing = missing_scores(contest)
    if missing:
        raise ValidationError(
            _("%(count)s scores are still missing: every juror scores every application by every criterion.")
            % {"count": missing}
        )
    ContestResult.objects.bulk_create(
        ContestResult(application=item.application, mean_total=item.mean_total, place=item.place)
        for item in compute_results(contest)
    )
    contest.status = Contest.Status.CLOSED
    contest.closed_at = timezone.now()
    contest.closed_by = by
    contest.save(update_fields=["status", "closed_at", "closed_by"])
    return contest


# --- The documents ------------------------------------------------------------------------------


def _mentor_person(participant: Participant) -> Person:
    return as_person(participant)


def _mentees(result: ContestResult) -> list[Person]:
    unit = result.application.unit
    if unit is None:
        return []
    return [as_person(membership.mentee) for membership in unit.mentees.all() if membership.left_on is None]


def _date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def _awards(contest: Contest) -> list[dict]:
    nominations = []
    for group in frozen_results(contest):
        awards = []
        for result in group.results:
            if result.place > AWARDED_PLACES:
                continue
            mentor = result.application.applicant
            awards.append(
                {
                    "person": _mentor_person(mentor),
                    "position": mentor.position,
                    "workplace": result.application.organization.short_name if contest.is_municipal else "",
                    "mentees": _mentees(result),
                    "place": ROMAN[result.place],
                    "result": result,
                }
            )
        if awards:
            nominations.append({"name": group.nomination_name, "awards": awards})
    return nominations


def _owner(contest: Contest) -> dict:
    if contest.is_municipal:
        return {"municipality": contest.municipality}
    return {"organization": contest.organization}


def _check_closed(contest: Contest) -> None:
    if not contest.is_closed:
        raise ValidationError(_("The documents are drafted from the results: close the contest first."))


def results_table(contest: Contest) -> tuple[list[str], list[list[str]]]:
    """The appendix of the results order: every ranked application of every nomination."""
    columns = ["№", "Номинация", "Участник", "Образовательная организация", "Средний балл", "Место"]
    rows = []
    number = 0
    for group in frozen_results(contest):
        for result in group.results:
            number += 1
            application = result.application
            mentor = application.applicant
            who = mentor.full_name
            mentees = _mentees(result)
            if mentees:
                who = f"{who} (наставник), " + ", ".join(str(person) for person in mentees)
            rows.append(
                [
                    str(number),
                    group.nomination_name,
                    who,
                    application.organization.short_name,
                    f"{result.mean_total}".replace(".", ","),
                    ROMAN.get(result.place, str(result.place)),
                ]
            )
    return columns, rows


@transaction.atomic
def contest_results_order_draft(*, contest: Contest, by: User):
    """The draft of the order «Об итогах конкурса …» from the frozen results; the director (the
    municipality's head) registers it in the register."""
    _check_closed(contest)
    columns, rows = results_table(contest)
    order = results_order_draft(
        by=by,
        context={
            "contest_title": contest.title,
            "contest_results_on": _date(contest.results_on),
            "nominations": [
                {"name": item["name"], "awards": [dict(award, result=None) for award in item["awards"]]}
                for item in _awards(contest)
            ],
        },
        appendix_columns=columns,
        appendix_rows=rows,
        **_owner(contest),
    )
    contest.results_order = order
    contest.save(update_fields=["results_order"])
    return order


@transaction.atomic
def contest_thanks_letters_draft(*, contest: Contest, by: User) -> list:
    """Draft thank-you letters to the mentors of the winners and prize-winners (places I–III), one each."""
    _check_closed(contest)
    letters = []
    for nomination in _awards(contest):
        for award in nomination["awards"]:
            mentor = award["result"].application.applicant
            letters.append(
                {
                    "mentor": award["person"],
                    "mentor_address": " ".join(part for part in (mentor.first_name, mentor.patronymic) if part),
                    "award_place": award["place"],
                    "nomination_name": nomination["name"],
                    "contest_title": contest.title,
                    "mentees": award["mentees"],
                }
            )
    if not letters:
        raise ValidationError(_("The contest has no winners or prize-winners."))
    return thanks_letters_draft(by=by, letters=letters, **_owner(contest))
