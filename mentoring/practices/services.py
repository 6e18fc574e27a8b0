"""Writes of the registry of practices: drafting, files, and the way to the municipal registry
(draft → submitted → published, or returned with remarks and submitted again)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from mentoring.models import MentoringForm, Participant, Practice, PracticeFile, PracticeTransition, RoleModel
from mentoring.uploads import validate_document

Status = Practice.Status
# What the municipality needs to judge a practice: the sections a registry card cannot do without.
REQUIRED_TO_SUBMIT = ("problem", "aims", "actions", "results")
A_FIGURE = re.compile(r"\d")


def _record(practice: Practice, status_from: str, *, by: User | None, remarks: str = "") -> PracticeTransition:
    return PracticeTransition.objects.create(
        practice=practice, status_from=status_from, status_to=practice.status, by=by, remarks=remarks
    )


def _check_description(
    *, organization: Organization, form: MentoringForm, role_model: RoleModel | None, authors: list[Participant]
) -> None:
    errors = {}
    if role_model is not None and role_model.form_id != form.pk:
        errors["role_model"] = _("The role model belongs to another form of mentoring: «%(form)s».") % {
            "form": role_model.form.name
        }
    strangers = [author for author in authors if author.organization_id != organization.pk]
    if strangers:
        errors["authors"] = _("The authors are mentors of the organization's registry.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def practice_create(
    *,
    organization: Organization,
    by: User,
    title: str,
    form: MentoringForm,
    role_model: RoleModel | None = None,
    topics: str = "",
    authors: list[Participant] = (),
    problem: str = "",
    aims: str = "",
    actions: str = "",
    results: str = "",
    materials: str = "",
) -> Practice:
    authors = list(authors)
    _check_description(organization=organization, form=form, role_model=role_model, authors=authors)
    practice = Practice.objects.create(
        organization=organization,
        created_by=by,
        title=title.strip(),
        form=form,
        role_model=role_model,
        topics=topics.strip(),
        problem=problem,
        aims=aims,
        actions=actions,
        results=results,
        materials=materials,
    )
    practice.authors.set(authors)
    _record(practice, "", by=by)
    return practice


@transaction.atomic
def practice_update(*, practice: Practice, by: User, authors: list[Participant] | None = None, **fields) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not practice.is_editable:
        raise ValidationError(
            _("A practice «%(status)s» is not changed; it is edited while a draft or returned.")
            % {"status": practice.get_status_display()}
        )
    allowed = {"title", "form", "role_model", "topics", "problem", "aims", "actions", "results", "materials"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(practice, name, value.strip() if name in ("title", "topics") else value)
    current_authors = list(practice.authors.all()) if authors is None else list(authors)
    _check_description(
        organization=practice.organization, form=practice.form, role_model=practice.role_model, authors=current_authors
    )
    practice.save()
    if authors is not None:
        practice.authors.set(current_authors)
    return practice


@transaction.atomic
def practice_file_add(*, practice: Practice, by: User, title: str, upload) -> PracticeFile:
    if not practice.is_editable:
        raise ValidationError(_("Files are added while the practice is a draft or returned."))
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    name = title.strip() or upload.name.rsplit(".", 1)[0][:300]
    return PracticeFile.objects.create(practice=practice, title=name, file=upload, uploaded_by=by)


@transaction.atomic
def practice_file_delete(*, file: PracticeFile, by: User) -> None:
    if not file.practice.is_editable:
        raise ValidationError(_("Files are removed while the practice is a draft or returned."))
    file.file.delete(save=False)
    file.delete()


def _transition(practice: Practice, expected: tuple[str, ...]) -> tuple[Practice, str]:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status not in expected:
        raise ValidationError(
            _("The practice is «%(status)s» now; reload the page.") % {"status": practice.get_status_display()}
        )
    return practice, practice.status


def submission_errors(practice: Practice) -> dict[str, str]:
    """What keeps the description from being sent to the municipality, by field."""
    errors = {
        name: _("Fill in this section before sending the practice to the municipality.")
        for name in REQUIRED_TO_SUBMIT
        if not getattr(practice, name).strip()
    }
    if "results" not in errors and not A_FIGURE.search(practice.results):
        errors["results"] = _("Give the results in figures: how many took part, what changed.")
    return errors


@transaction.atomic
def practice_submit(*, practice: Practice, by: User) -> Practice:
    """The curator sends the practice to the municipality; its description must be complete."""
    practice, previous = _transition(practice, (Status.DRAFT, Status.RETURNED))
    errors = submission_errors(practice)
    if errors:
        raise ValidationError(errors)
    practice.status = Status.SUBMITTED
    practice.submitted_at = timezone.now()
    practice.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(practice, previous, by=by)
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, by: User) -> Practice:
    """The coordinator publishes a submitted practice in the municipal registry."""
    practice, previous = _transition(practice, (Status.SUBMITTED,))
    practice.status = Status.PUBLISHED
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    _record(practice, previous, by=by)
    return practice


@transaction.atomic
def practice_return(*, practice: Practice, by: User, remarks: str) -> Practice:
    """The coordinator returns a submitted practice; the remarks stay in its history."""
    if not remarks.strip():
        raise ValidationError({"remarks": _("Say what to correct.")})
    practice, previous = _transition(practice, (Status.SUBMITTED,))
    practice.status = Status.RETURNED
    practice.save(update_fields=["status", "updated_at"])
    _record(practice, previous, by=by, remarks=remarks.strip())
    return practice


def last_remarks(practice: Practice) -> PracticeTransition | None:
    """The remarks of the latest return, while the practice is returned."""
    if practice.status != Status.RETURNED:
        return None
    return practice.transitions.filter(status_to=Status.RETURNED).order_by("-at", "-pk").first()
