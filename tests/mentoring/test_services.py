"""Writes to the registries: their rules and what they save."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import Consent, Participant
from mentoring.registry import services
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, PartnerFactory, StaffFactory

PUPIL = {
    "category": Participant.Category.STUDENT,
    "last_name": "Семёнова",
    "first_name": "Дарья",
    "patronymic": "Олеговна",
    "birth_date": datetime.date(2012, 5, 4),
    "class_name": "8а",
}


@pytest.fixture
def curator(db):
    return UserFactory()


def test_create_saves_derived_fields_and_history(curator):
    organization = OrganizationFactory()
    participant = services.participant_create(organization=organization, by=curator, **PUPIL)
    assert participant.search_name == "семенова дарья олеговна"
    assert participant.grade == 8
    record = participant.history.get()
    assert record.history_user == curator


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"last_name": " "}, "last_name"),
        ({"birth_date": None}, "birth_date"),
        ({"birth_date": datetime.date(2030, 1, 1)}, "birth_date"),
        ({"class_name": "13В"}, "class_name"),
        ({"class_name": ""}, "class_name"),
        ({"email": "not-an-email"}, "email"),
    ],
)
def test_create_refuses_bad_data_and_saves_nothing(curator, change, field):
    with pytest.raises(ValidationError) as error:
        services.participant_create(organization=OrganizationFactory(), by=curator, **{**PUPIL, **change})
    assert field in error.value.message_dict
    assert not Participant.objects.exists()


def test_college_group_is_free_text(curator):
    college = OrganizationFactory(kind="college")
    student = services.participant_create(
        organization=college, by=curator, **{**PUPIL, "category": "college_student", "class_name": "ИСП-21"}
    )
    assert student.grade is None


def test_partner_and_parent_of_another_organization_are_refused(curator):
    organization = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        services.participant_create(organization=organization, by=curator, partner=PartnerFactory(), **PUPIL)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.participant_create(
            organization=organization, by=curator, parents=[ParticipantFactory(category="parent")], **PUPIL
        )
    assert "parents" in error.value.message_dict


def test_young_specialist_and_age(db):
    teacher = StaffFactory(teaching_since=datetime.date(2023, 9, 1), birth_date=datetime.date(2000, 2, 29))
    assert teacher.is_young_specialist_on(datetime.date(2026, 11, 1))  # 3 full years
    assert not teacher.is_young_specialist_on(datetime.date(2027, 9, 1))  # 4 full years
    assert teacher.age_on(datetime.date(2026, 2, 28)) == 25
    assert teacher.age_on(datetime.date(2026, 3, 1)) == 26


def consent_fields(**change):
    return {
        "kind": Consent.Kind.PROCESSING,
        "signed_by": Consent.Signer.REPRESENTATIVE,
        "representative_name": "Семёнова Ирина Петровна",
        "representative_document": "свидетельство о рождении",
        "signed_on": datetime.date(2026, 9, 1),
        "valid_until": None,
        "allowed_publication": [],
        **change,
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"signed_by": Consent.Signer.SELF}, "signed_by"),
        ({"representative_name": ""}, "representative_name"),
        ({"representative_document": ""}, "representative_document"),
        ({"signed_on": datetime.date(2099, 1, 1)}, "signed_on"),
        ({"valid_until": datetime.date(2026, 8, 1)}, "valid_until"),
        ({"allowed_publication": ["photo"]}, "allowed_publication"),
    ],
)
def test_consent_rules(curator, change, field):
    pupil = ParticipantFactory()
    with pytest.raises(ValidationError) as error:
        services.consent_record(participant=pupil, by=curator, **consent_fields(**change))
    assert field in error.value.message_dict
    assert not Consent.objects.exists()


def test_consent_is_recorded_with_who_recorded_it(curator):
    consent = services.consent_record(participant=ParticipantFactory(), by=curator, **consent_fields())
    assert consent.created_by == curator
    assert consent.history.get().history_user == curator


def test_withdrawal_rules(curator):
    consent = ConsentFactory(signed_on=datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.consent_withdraw(consent=consent, on=datetime.date(2026, 8, 1), reason="", by=curator)
    services.consent_withdraw(consent=consent, on=datetime.date(2026, 10, 1), reason="по заявлению", by=curator)
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 10, 1)
    assert consent.withdrawal_reason == "по заявлению"
    with pytest.raises(ValidationError, match="уже отозвано"):
        services.consent_withdraw(consent=consent, on=datetime.date(2026, 10, 2), reason="", by=curator)


def test_withdrawing_processing_consent_takes_the_person_out_of_pairs(curator):
    from mentoring.models import MentoringUnit
    from tests.mentoring.factories import ProgramFactory, consented, make_unit

    program = ProgramFactory()
    organization = program.organization
    mentee = consented(ParticipantFactory(organization=organization, class_name="6А"))
    other = consented(ParticipantFactory(organization=organization, class_name="6Б"))
    group = make_unit(program, mentees=[mentee, other], status=MentoringUnit.Status.ACTIVE)
    mentor_of_pair = group.mentor
    pair = make_unit(program, mentor=mentor_of_pair, mentees=[other], status=MentoringUnit.Status.APPROVED)

    services.consent_withdraw(
        consent=mentee.consents.get(), on=datetime.date(2026, 10, 1), reason="заявление", by=curator
    )
    membership = group.mentees.get(mentee=mentee)
    assert membership.left_on == datetime.date(2026, 10, 1)
    assert membership.leave_reason == "согласие на обработку персональных данных отозвано"
    group.refresh_from_db()
    assert group.status == MentoringUnit.Status.ACTIVE  # the group goes on with its other mentee

    services.consent_withdraw(
        consent=mentor_of_pair.consents.get(), on=datetime.date(2026, 10, 2), reason="", by=curator
    )
    pair.refresh_from_db()
    group.refresh_from_db()
    assert pair.status == group.status == MentoringUnit.Status.TERMINATED
    assert pair.termination_reason == "согласие на обработку персональных данных отозвано"


def test_withdrawing_distribution_consent_changes_no_pair(curator):
    from mentoring.models import MentoringUnit
    from tests.mentoring.factories import ProgramFactory, make_unit

    unit = make_unit(ProgramFactory(), status=MentoringUnit.Status.ACTIVE)
    mentee = unit.mentees.get().mentee
    distribution = ConsentFactory(participant=mentee, kind=Consent.Kind.DISTRIBUTION)
    services.consent_withdraw(consent=distribution, on=datetime.date(2026, 10, 1), reason="", by=curator)
    assert unit.mentees.get().left_on is None


def test_registry_entries_keep_the_organization_of_their_participant(db):
    """Entries carry their participant's organization (the index the registries are read by),
    whoever creates them: a form's save or the XLSX import's bulk insert."""
    from mentoring.models import MenteeEntry, MentorEntry
    from tests.mentoring.factories import MenteeEntryFactory, MentorEntryFactory

    school = OrganizationFactory()
    mentor = MentorEntryFactory(participant=StaffFactory(organization=school))
    mentee = MenteeEntryFactory(participant=ParticipantFactory(organization=school))
    assert {mentor.organization_id, mentee.organization_id} == {school.pk}
    # Saved again with a stale value, it is put right from the participant.
    mentee.organization = OrganizationFactory()
    mentee.save()
    assert MenteeEntry.objects.get(pk=mentee.pk).organization == school
    assert MentorEntry.objects.filter(organization=school).count() == 1
