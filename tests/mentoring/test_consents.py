"""When a consent counts: the rule the pairs and the lists rely on."""

import datetime

import pytest

from mentoring.models import Consent, Participant
from mentoring.registry.consents import (
    ConsentStatus,
    consent_is_valid,
    consent_status,
    filter_by_consent_status,
    with_consent_status,
)
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, StaffFactory

DAY = datetime.date(2026, 11, 1)
PROCESSING = Consent.Kind.PROCESSING


@pytest.fixture
def pupil(db):
    return ParticipantFactory(birth_date=datetime.date(2013, 3, 15))


def test_no_consent_is_missing(pupil):
    assert not consent_is_valid(pupil, PROCESSING, DAY)
    assert consent_status(pupil, PROCESSING, DAY) == ConsentStatus.MISSING


def test_representative_consent_of_a_minor_is_valid(pupil):
    ConsentFactory(participant=pupil, signed_on=datetime.date(2026, 9, 1))
    assert consent_is_valid(pupil, PROCESSING, DAY)
    assert consent_status(pupil, PROCESSING, DAY) == ConsentStatus.VALID


def test_minor_signing_alone_does_not_count(pupil):
    ConsentFactory(participant=pupil, signed_by=Consent.Signer.SELF, representative_name="")
    assert not consent_is_valid(pupil, PROCESSING, DAY)


def test_adult_signs_alone(db):
    teacher = StaffFactory()
    ConsentFactory(participant=teacher, signed_by=Consent.Signer.SELF, representative_name="")
    assert consent_is_valid(teacher, PROCESSING, DAY)


def test_not_yet_signed_on_the_day(pupil):
    ConsentFactory(participant=pupil, signed_on=datetime.date(2026, 11, 2))
    assert not consent_is_valid(pupil, PROCESSING, DAY)


def test_term_runs_out(pupil):
    ConsentFactory(participant=pupil, valid_until=datetime.date(2026, 10, 31))
    assert not consent_is_valid(pupil, PROCESSING, DAY)
    assert consent_is_valid(pupil, PROCESSING, datetime.date(2026, 10, 31))
    assert consent_status(pupil, PROCESSING, DAY) == ConsentStatus.EXPIRED


def test_withdrawal_ends_it_from_that_day(pupil):
    ConsentFactory(participant=pupil, withdrawn_on=DAY)
    assert consent_is_valid(pupil, PROCESSING, DAY - datetime.timedelta(days=1))
    assert not consent_is_valid(pupil, PROCESSING, DAY)
    assert consent_status(pupil, PROCESSING, DAY) == ConsentStatus.WITHDRAWN


def test_a_new_consent_after_withdrawal_counts(pupil):
    ConsentFactory(participant=pupil, withdrawn_on=datetime.date(2026, 10, 1))
    ConsentFactory(participant=pupil, signed_on=datetime.date(2026, 10, 15))
    assert consent_status(pupil, PROCESSING, DAY) == ConsentStatus.VALID


def test_kinds_are_separate(pupil):
    ConsentFactory(participant=pupil, kind=Consent.Kind.DISTRIBUTION)
    assert not consent_is_valid(pupil, PROCESSING, DAY)
    assert consent_is_valid(pupil, Consent.Kind.DISTRIBUTION, DAY)


def test_student_without_birth_date_is_treated_as_a_minor(db):
    student = ParticipantFactory(birth_date=None)
    ConsentFactory(participant=student, signed_by=Consent.Signer.SELF)
    assert not consent_is_valid(student, PROCESSING, DAY)


def test_statuses_in_one_query_and_filters(django_assert_num_queries, db):
    valid = ParticipantFactory()
    ConsentFactory(participant=valid)
    withdrawn = ParticipantFactory()
    ConsentFactory(participant=withdrawn, withdrawn_on=datetime.date(2026, 10, 1))
    expired = ParticipantFactory()
    ConsentFactory(participant=expired, valid_until=datetime.date(2026, 10, 1))
    missing = ParticipantFactory()

    annotated = with_consent_status(Participant.objects.all(), PROCESSING, DAY)
    with django_assert_num_queries(1):
        statuses = {p.pk: consent_status(p, PROCESSING, DAY) for p in annotated}
    assert statuses == {
        valid.pk: ConsentStatus.VALID,
        withdrawn.pk: ConsentStatus.WITHDRAWN,
        expired.pk: ConsentStatus.EXPIRED,
        missing.pk: ConsentStatus.MISSING,
    }
    for status, person in [
        (ConsentStatus.VALID, valid),
        (ConsentStatus.WITHDRAWN, withdrawn),
        (ConsentStatus.EXPIRED, expired),
        (ConsentStatus.MISSING, missing),
    ]:
        assert list(filter_by_consent_status(annotated, PROCESSING, status, DAY)) == [person]
