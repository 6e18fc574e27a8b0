"""The daily command that depersonalizes people 30 days after they withdrew the consent to processing."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Role
from mentoring.models import (
    Consent,
    MatchingExclusion,
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    UnitMentee,
)
from mentoring.registry import invitations, services
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.mentoring.factories import (
    PDF_BYTES,
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffFactory,
    make_unit,
)

TODAY = datetime.date(2026, 11, 15)
SIGNED = datetime.date(2026, 1, 12)
PROCESSING = Consent.Kind.PROCESSING
DISTRIBUTION = Consent.Kind.DISTRIBUTION


def run(*args, day: str = "15.11.2026") -> str:
    out = StringIO()
    call_command("depersonalize_withdrawn", "--date", day, *args, stdout=out)
    return out.getvalue()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def withdrawn(days: int, participant=None, kind=PROCESSING, **fields) -> Consent:
    participant = participant or ParticipantFactory()
    return ConsentFactory(participant=participant, kind=kind, signed_on=SIGNED, withdrawn_on=days_ago(days), **fields)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def with_scan(consent: Consent) -> Path:
    consent.scan = SimpleUploadedFile("scan.pdf", PDF_BYTES, content_type="application/pdf")
    consent.save()
    path = Path(consent.scan.path)
    assert path.exists()
    return path


def test_withdrawn_31_days_ago_is_depersonalized(db, media, django_capture_on_commit_callbacks):
    pupil = ParticipantFactory(
        last_name="Семёнова", first_name="Дарья", patronymic="Олеговна", email="semenova@example.test"
    )
    processing = withdrawn(31, pupil, representative_name="Семёнова Ольга Петровна")
    distribution = ConsentFactory(participant=pupil, kind=DISTRIBUTION, signed_on=SIGNED, allowed_publication=["name"])
    scans = [with_scan(processing), with_scan(distribution)]
    mentee = MenteeEntryFactory(participant=pupil, key_request="подтянуть алгебру", interests="шахматы")
    mentor = MentorEntryFactory(
        participant=pupil, competencies="олимпиадная математика", achievements="призёр", results="помогла троим"
    )
    other = ParticipantFactory(organization=pupil.organization, last_name="Соседова")
    assert pupil.history.exists()

    # Scan files are deleted once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        assert "Обезличено участников: 1" in run()

    pupil.refresh_from_db()
    assert pupil.last_name == f"Участник-{pupil.pk:06d}" == pupil.full_name
    assert (pupil.first_name, pupil.patronymic, pupil.birth_date) == ("", "", None)
    assert (pupil.phone, pupil.email, pupil.guardian_name) == ("", "", "")
    assert pupil.depersonalized_at is not None
    # What the counts of past periods need stays.
    assert (pupil.category, pupil.class_name, pupil.grade) == (Participant.Category.STUDENT, "7Б", 7)
    mentee, mentor = MenteeEntry.objects.get(pk=mentee.pk), MentorEntry.objects.get(pk=mentor.pk)
    assert (mentee.key_request, mentee.interests, mentee.entered_on) == ("", "", datetime.date(2026, 9, 15))
    assert (mentor.competencies, mentor.achievements, mentor.results) == ("", "", "")
    # The age bands of the indicators read the birth date kept on the registry rows.
    assert mentee.birth_date == mentor.birth_date == datetime.date(2013, 3, 15)
    processing.refresh_from_db()
    assert processing.representative_name == ""
    assert processing.withdrawn_on == days_ago(31)  # the ground for depersonalizing stays on record
    assert not processing.scan and not Consent.objects.get(pk=distribution.pk).scan
    assert not any(path.exists() for path in scans)
    assert pupil.history.count() == 0
    assert mentee.history.count() == mentor.history.count() == 0
    assert Consent.history.filter(participant_id=pupil.pk).count() == 0
    assert not Participant.objects.filter(search_name__contains="семенова").exclude(pk=other.pk).exists()
    # Someone else is untouched.
    other.refresh_from_db()
    assert other.last_name == "Соседова" and other.history.count() == 1


def test_linked_account_is_deactivated(db):
    user = UserFactory(last_name="Учителева", first_name="Мария", patronymic="Ивановна")
    teacher = StaffFactory(user=user)
    withdrawn(45, teacher, signed_by=Consent.Signer.SELF, representative_name="")
    run()
    user.refresh_from_db()
    assert not user.is_active
    assert user.get_full_name() == f"Участник-{teacher.pk:06d}"
    assert user.email == ""


@pytest.mark.parametrize(("days", "due"), [(29, False), (30, True), (31, True)])
def test_thirty_days_after_the_withdrawal(db, days, due):
    pupil = withdrawn(days).participant
    output = run()
    pupil.refresh_from_db()
    assert (pupil.depersonalized_at is not None) == due
    assert f"Обезличено участников: {int(due)}" in output
    if not due:
        assert pupil.last_name.startswith("Ученикова") and pupil.history.count() == 1


def test_a_newer_valid_consent_keeps_the_person(db):
    pupil = withdrawn(60).participant
    ConsentFactory(participant=pupil, signed_on=days_ago(35))
    assert "Обезличено участников: 0" in run()
    pupil.refresh_from_db()
    assert pupil.depersonalized_at is None and pupil.first_name == "Алёна"


def test_withdrawing_only_the_distribution_consent_keeps_the_person(db):
    pupil = ParticipantFactory()
    ConsentFactory(participant=pupil, signed_on=SIGNED)
    withdrawn(90, pupil, kind=DISTRIBUTION, allowed_publication=["photo"])
    assert "Обезличено участников: 0" in run()
    pupil.refresh_from_db()
    assert pupil.depersonalized_at is None


def test_second_run_does_nothing(db):
    pupil = withdrawn(31).participant
    assert "Обезличено участников: 1" in run()
    pupil.refresh_from_db()
    first = pupil.depersonalized_at
    assert "Обезличено участников: 0" in run()
    assert "Обезличено участников: 0" in run(day="01.03.2027")
    pupil.refresh_from_db()
    assert pupil.depersonalized_at == first


def test_dry_run_lists_and_changes_nothing(db, media):
    consent = withdrawn(31, ParticipantFactory(last_name="Пробная"))
    scan = with_scan(consent)
    withdrawn(5)
    output = run("--dry-run")
    assert "Пробная Алёна Игоревна" in output
    assert "согласие отозвано 15.10.2026" in output
    assert "На 15.11.2026 будет обезличено участников: 1 (пробный запуск, ничего не изменено)" in output
    assert "Обезличено участников" not in output
    pupil = Participant.objects.get(pk=consent.participant_id)
    assert pupil.depersonalized_at is None and pupil.last_name == "Пробная"
    assert pupil.history.count() == 1 and scan.exists()


def test_date_as_iso_and_default_today(db):
    pupil = withdrawn(31).participant
    assert "Обезличено участников: 0" in run(day="2026-11-13")
    assert "Обезличено участников: 1" in run(day="2026-11-15")
    pupil.refresh_from_db()
    assert pupil.depersonalized_at is not None
    out = StringIO()
    call_command("depersonalize_withdrawn", stdout=out)  # today, well after 2026 in any test run
    assert "Обезличено участников: 0" in out.getvalue()


def test_a_wrong_date_is_refused(db):
    with pytest.raises(CommandError, match=r"дд\.мм\.гггг"):
        run(day="31.02.2026")


def test_one_failure_does_not_stop_the_others(db, monkeypatch):
    broken, fine = withdrawn(40).participant, withdrawn(40).participant
    real = services.participant_depersonalize

    def depersonalize(*, participant):
        if participant.pk == broken.pk:
            raise OSError("disk is read-only")
        return real(participant=participant)

    monkeypatch.setattr(
        "mentoring.management.commands.depersonalize_withdrawn.participant_depersonalize", depersonalize
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Не удалось обезличить участников: 1"):
        call_command("depersonalize_withdrawn", "--date", "15.11.2026", stdout=StringIO(), stderr=err)
    assert "disk is read-only" in err.getvalue()
    assert Participant.objects.get(pk=fine.pk).depersonalized_at is not None
    assert Participant.objects.get(pk=broken.pk).depersonalized_at is None


def test_invited_account_loses_the_email_in_its_username(db, mailoutbox):
    teacher = StaffFactory(email="uchiteleva@example.test")
    curator = UserFactory()
    invitations.participant_invite(participant=teacher, role=Role.MENTOR, by=curator, base_url="https://mentor.example")
    teacher.refresh_from_db()
    withdrawn(31, teacher, signed_by=Consent.Signer.SELF, representative_name="")
    run()
    teacher.user.refresh_from_db()
    assert "uchiteleva" not in teacher.user.username


def test_thirty_days_count_from_the_latest_withdrawal(db):
    pupil = withdrawn(60).participant
    # The parent gave consent again, then withdrew it ten days ago: twenty days are left.
    ConsentFactory(participant=pupil, signed_on=days_ago(50), withdrawn_on=days_ago(10))
    run()
    pupil.refresh_from_db()
    assert pupil.depersonalized_at is None


def test_the_reason_of_withdrawal_is_cleared(db):
    consent = withdrawn(31, withdrawal_reason="заявление Семёновой О. П. от 15.10.2026")
    run()
    consent.refresh_from_db()
    assert consent.withdrawal_reason == ""


def test_an_account_with_a_role_elsewhere_only_leaves_this_organization(db):
    user = UserFactory(last_name="Учителева")
    teacher = StaffFactory(user=user)
    MembershipFactory(user=user, role=Role.MENTOR, organization=teacher.organization)
    elsewhere = MembershipFactory(user=user, role=Role.MENTOR)
    withdrawn(45, teacher, signed_by=Consent.Signer.SELF, representative_name="")
    run()
    user.refresh_from_db()
    assert user.is_active
    assert list(user.memberships.all()) == [elsewhere]
    teacher.refresh_from_db()
    assert teacher.user is None


def test_registry_rows_follow_the_birth_date_until_the_person_is_depersonalized(db):
    pupil = ParticipantFactory(birth_date=datetime.date(2013, 3, 15))
    entry = MenteeEntryFactory(participant=pupil)
    assert entry.birth_date == datetime.date(2013, 3, 15)
    pupil.birth_date = datetime.date(2012, 11, 2)  # a corrected mistake
    pupil.save()
    entry.refresh_from_db()
    assert entry.birth_date == datetime.date(2012, 11, 2)
    services.participant_depersonalize(participant=pupil)
    entry.refresh_from_db()
    assert (pupil.birth_date, entry.birth_date) == (None, datetime.date(2012, 11, 2))


def test_the_pairs_free_texts_about_the_person_and_their_history_are_destroyed(db):
    """A depersonalized mentee's memberships lose their texts and history; the units a depersonalized
    mentor led lose their texts in the history too; dates, marks and the approval trail stay."""
    program = ProgramFactory()
    mentee = ParticipantFactory(organization=program.organization)
    mentor = StaffFactory(organization=program.organization)
    as_mentee = make_unit(program, status=MentoringUnit.Status.ACTIVE, mentees=[mentee])
    led = make_unit(program, status=MentoringUnit.Status.ACTIVE, mentor=mentor)
    membership = as_mentee.mentees.get()
    membership.results, membership.leave_reason = "Семёнов Петя научился программировать", "переезд к бабушке"
    membership.save()
    led.results = "Учителев И. И. провёл 12 встреч"
    led.termination_reason = "Учителев И. И. уволился"
    led.save()
    other_membership_history = UnitMentee.history.exclude(mentee_id=mentee.pk).count()
    MatchingExclusion.objects.create(
        organization=program.organization, mentee=mentee, mentor=mentor, reason="Семёнов боится Учителева"
    )
    assert UnitMentee.history.filter(mentee_id=mentee.pk).exists()

    for person in (mentee, mentor):
        services.participant_depersonalize(participant=person)

    membership.refresh_from_db()
    assert (membership.results, membership.leave_reason) == ("", "")
    assert not UnitMentee.history.filter(mentee_id=mentee.pk).exists()
    assert UnitMentee.history.count() == other_membership_history
    assert not MatchingExclusion.objects.exists()
    led.refresh_from_db()
    assert (led.results, led.termination_reason) == ("", "")
    texts = MentoringUnit.history.filter(id=led.pk).values_list("results", "termination_reason")
    assert texts and set(texts) == {("", "")}
    assert membership.joined_on and led.started_on
