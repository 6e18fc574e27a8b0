"""Practices for the tests (written straight to the database in any status) and where each URL of
the registry of practices points for the permission matrix."""

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from mentoring.models import MentorEntry, MentoringForm, Practice, PracticeFile, PracticeTransition
from tests.conftest import World
from tests.mentoring.factories import PDF_BYTES, MentorEntryFactory, StaffFactory

SECTIONS = {
    "problem": "Молодые педагоги уходят из школы в первые три года.",
    "aims": "Удержать молодых специалистов, помочь им освоить профессию.",
    "actions": "Пары «опытный педагог – молодой специалист», еженедельные встречи, открытые уроки.",
    "results": "Из 6 молодых педагогов остались все 6; доля уроков с оценкой «хорошо» выросла с 40 до 75 %.",
}


def make_practice(organization, *, status: str = Practice.Status.DRAFT, authors=(), by=None, **fields) -> Practice:
    values = {
        "title": "Школа молодого педагога",
        "form": MentoringForm.objects.get(code="teacher-teacher"),
        "topics": "адаптация молодого педагога",
        **SECTIONS,
        **fields,
    }
    now = timezone.now()
    practice = Practice.objects.create(
        organization=organization,
        status=status,
        created_by=by,
        submitted_at=now if status != Practice.Status.DRAFT else None,
        published_at=now if status == Practice.Status.PUBLISHED else None,
        **values,
    )
    practice.authors.set(authors)
    PracticeTransition.objects.create(practice=practice, status_to=status, by=by)
    return practice


def registry_mentor(organization, **fields):
    """A mentor of the organization's registry (a teacher with a line of the mentor registry)."""
    person = StaffFactory(organization=organization, **fields)
    MentorEntryFactory(participant=person, academic_year=2026, entered_on=datetime.date(2026, 9, 15))
    return person


def authored_by_mentor(side, status: str = Practice.Status.DRAFT) -> Practice:
    """A practice whose author is the side's mentor user (through his registry card)."""
    mentor = MentorEntry.objects.filter(participant__user=side.users[Role.MENTOR]).first()
    person = mentor.participant if mentor else registry_mentor(side.organization, user=side.users[Role.MENTOR])
    return make_practice(side.organization, status=status, authors=[person])


def with_file(practice: Practice) -> PracticeFile:
    file = PracticeFile(practice=practice, title="Программа школы молодого педагога")
    file.file = ContentFile(PDF_BYTES, name="program.pdf")
    file.save()
    return file


def submitted(w: World) -> dict:
    return {"pk": make_practice(w.a.organization, status=Practice.Status.SUBMITTED).pk}


def draft(w: World) -> dict:
    return {"pk": make_practice(w.a.organization).pk}


OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    # Submitted: every role of A that reads practices sees it (the coordinator never sees a draft).
    "practice_detail": submitted,
    "practice_publish": submitted,
    "practice_return": submitted,
    "practice_update": draft,
    "practice_submit": draft,
    "practice_file": lambda w: {"pk": with_file(make_practice(w.a.organization, status="submitted")).pk},
    "practice_file_delete": lambda w: {"pk": with_file(make_practice(w.a.organization)).pk},
}
# A mentor changes only the practices he or she authors.
ROLE_OBJECT_URL_KWARGS: dict[Role, dict[str, Callable[[World], dict]]] = {
    Role.MENTOR: {
        "practice_update": lambda w: {"pk": authored_by_mentor(w.a).pk},
        "practice_file_delete": lambda w: {"pk": with_file(authored_by_mentor(w.a)).pk},
    },
}
