"""Where the URLs of the «Школа наставников» with parameters point, for tests/test_permission_matrix.py.

A's curator keeps A's own programs; A's coordinator keeps the municipal programs of A's municipality,
so the pages that change a program point him at one of those (with a person of A enrolled)."""

from accounts.models import Role
from mentoring.models import Participant
from tests.mentoring.factories import (
    StaffFactory,
    TrainingEnrolmentFactory,
    TrainingProgramFactory,
    TrainingSessionFactory,
    completed_with_certificate,
    municipal_training,
)


def _school_program(w):
    return TrainingProgramFactory(organization=w.a.organization)


def _municipal_enrolment(w):
    return TrainingEnrolmentFactory(
        program=municipal_training(w.a.organization), participant=StaffFactory(organization=w.a.organization)
    )


def _mentor_person(w) -> Participant:
    user = w.a.users[Role.MENTOR]
    person = Participant.objects.filter(user=user, organization=w.a.organization).first()
    return person or StaffFactory(organization=w.a.organization, user=user)


OBJECT_URL_KWARGS = {
    "training_program_detail": lambda w: {"pk": _school_program(w).pk},
    "training_program_update": lambda w: {"pk": _school_program(w).pk},
    "training_session_create": lambda w: {"pk": _school_program(w).pk},
    "training_enrol": lambda w: {"pk": _school_program(w).pk},
    "training_attendance": lambda w: {"pk": _school_program(w).pk},
    "training_order_draft": lambda w: {"pk": _school_program(w).pk},
    "training_session_delete": lambda w: {"pk": TrainingSessionFactory(program=_school_program(w)).pk},
    "training_complete": lambda w: {"pk": TrainingEnrolmentFactory(program=_school_program(w)).pk},
    "training_withdraw": lambda w: {"pk": TrainingEnrolmentFactory(program=_school_program(w)).pk},
    "training_certificate": lambda w: {
        "pk": completed_with_certificate(_school_program(w), StaffFactory(organization=w.a.organization)).pk
    },
    "training_own_certificate": lambda w: {
        "pk": completed_with_certificate(_school_program(w), StaffFactory(organization=w.a.organization)).pk
    },
}
ROLE_OBJECT_URL_KWARGS = {
    Role.COORDINATOR: {
        "training_program_update": lambda w: {"pk": municipal_training(w.a.organization).pk},
        "training_session_create": lambda w: {"pk": municipal_training(w.a.organization).pk},
        "training_attendance": lambda w: {"pk": municipal_training(w.a.organization).pk},
        "training_order_draft": lambda w: {"pk": municipal_training(w.a.organization).pk},
        "training_session_delete": lambda w: {
            "pk": TrainingSessionFactory(program=municipal_training(w.a.organization)).pk
        },
        "training_complete": lambda w: {"pk": _municipal_enrolment(w).pk},
        "training_withdraw": lambda w: {"pk": _municipal_enrolment(w).pk},
    },
    # The mentor's own certificate.
    Role.MENTOR: {
        "training_own_certificate": lambda w: {
            "pk": completed_with_certificate(_school_program(w), _mentor_person(w)).pk
        },
    },
}
NO_OBJECT_URL_KWARGS = {}
