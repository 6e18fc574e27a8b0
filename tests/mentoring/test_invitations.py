"""Invitations to accounts: a curator gives accounts to the organization's own people, and never
changes an account that is someone else's (another organization's, a coordinator's, an
administrator's): its owner accepts or declines an invitation instead."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role, User
from mentoring.models import AccountInvitation
from mentoring.registry import invitations
from tests.accounts.factories import CoordinatorMembershipFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.mentoring.factories import ParticipantFactory, StaffFactory


@pytest.fixture
def curator(db):
    return UserFactory()


def invite(participant, curator, role=Role.MENTOR):
    return invitations.participant_invite(
        participant=participant, role=role, by=curator, base_url="https://mentor.example"
    )


def account_state(user: User) -> dict:
    """Everything of an account a curator could harm: its fields, password, roles and links."""
    user.refresh_from_db()
    return {
        "fields": model_to_dict(user, exclude=["groups", "user_permissions"]),
        "memberships": sorted(user.memberships.values_list("role", "organization", "municipality")),
        "participants": sorted(user.participants.values_list("pk", flat=True)),
    }


def test_invite_gives_an_account_with_a_working_set_password_link(curator):
    teacher = StaffFactory(email="Orlova@Example.test")
    outcome = invite(teacher, curator)
    user = outcome.user
    assert not outcome.awaits_acceptance
    assert user.username == "orlova@example.test"
    assert (user.last_name, user.first_name) == (teacher.last_name, teacher.first_name)
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.MENTOR, organization=teacher.organization).exists()
    teacher.refresh_from_db()
    assert teacher.user == user
    [letter] = mail.outbox
    assert letter.to == ["Orlova@Example.test"]
    assert "Приглашение" in letter.subject
    link = re.search(r"https://mentor\.example(/\S+)", letter.body).group(1)
    client = Client()
    page = client.get(link, follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "Nastavnik-2026!", "new_password2": "Nastavnik-2026!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nastavnik-2026!")


def test_invite_twice_reuses_the_account(curator):
    teacher = StaffFactory()
    first = invite(teacher, curator).user
    second = invite(teacher, curator, Role.MENTEE).user
    assert first == second
    assert set(Membership.objects.filter(user=first).values_list("role", flat=True)) == {"mentor", "mentee"}


def test_invite_rules(curator):
    with pytest.raises(ValidationError, match="обучающиеся отвечают по ссылке"):
        invite(ParticipantFactory(), curator, Role.MENTEE)
    with pytest.raises(ValidationError, match="укажите e-mail"):
        invite(StaffFactory(email=""), curator)
    with pytest.raises(ValidationError):
        invite(StaffFactory(), curator, Role.DIRECTOR)
    with pytest.raises(ValidationError, match="обезличены"):
        invite(StaffFactory(depersonalized_at=timezone.now()), curator)
    assert mail.outbox == []


def other_accounts(organization) -> dict[str, User]:
    """Accounts a school's curator must never change, each with an e-mail of its own."""
    same_municipality = OrganizationFactory(municipality=organization.municipality)
    elsewhere = OrganizationFactory()
    accounts = {
        "director of another municipality": MembershipFactory(role=Role.DIRECTOR, organization=elsewhere).user,
        "mentor of another school of the municipality": MembershipFactory(
            role=Role.MENTOR, organization=same_municipality
        ).user,
        "coordinator of the municipality": CoordinatorMembershipFactory(municipality=organization.municipality).user,
        "mentor here and elsewhere": MembershipFactory(role=Role.MENTOR, organization=elsewhere).user,
        "account without any role": UserFactory(),
    }
    MembershipFactory(user=accounts["mentor here and elsewhere"], role=Role.MENTEE, organization=organization)
    return accounts


def administrators() -> dict[str, User]:
    return {
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "staff": UserFactory(is_staff=True),
        "superuser with a role here": UserFactory(is_superuser=True),
    }


@pytest.mark.parametrize("case", [str.upper, str.lower, str.title], ids=["upper", "lower", "title"])
def test_an_account_of_someone_else_is_never_changed_by_an_invitation(curator, case):
    teacher = StaffFactory(last_name="Захватова", first_name="Ирина", patronymic="Олеговна")
    for label, account in other_accounts(teacher.organization).items():
        before = account_state(account)
        teacher.email = case(account.email)
        teacher.user = None
        teacher.save()
        mail.outbox.clear()
        outcome = invite(teacher, curator)
        assert outcome.awaits_acceptance, label
        assert account_state(account) == before, label
        teacher.refresh_from_db()
        assert teacher.user is None, label
        [letter] = mail.outbox
        assert letter.to == [account.email], label
        # No link that sets a password: the owner logs in with the password they have.
        assert "password" not in letter.body, label
        assert "Захватова" in letter.body
        assert AccountInvitation.objects.filter(user=account, participant=teacher, answered_at=None).exists()


@pytest.mark.parametrize("case", [str.upper, str.lower], ids=["upper", "lower"])
def test_administrators_are_never_invited(curator, case):
    teacher = StaffFactory()
    for label, account in administrators().items():
        if label == "superuser with a role here":
            MembershipFactory(user=account, role=Role.MENTOR, organization=teacher.organization)
        before = account_state(account)
        teacher.email = case(account.email)
        teacher.save()
        with pytest.raises(ValidationError, match="администратор"):
            invite(teacher, curator)
        assert account_state(account) == before, label
    assert mail.outbox == []
    assert not AccountInvitation.objects.exists()


def test_an_account_found_by_its_username_is_someone_elses_too(curator):
    account = MembershipFactory(role=Role.DIRECTOR, user__username="zav@example.test", user__email="z@x.test").user
    before = account_state(account)
    outcome = invite(StaffFactory(email="ZAV@example.test"), curator)
    assert outcome.awaits_acceptance
    assert account_state(account) == before


def test_a_used_own_account_keeps_its_email_and_gets_the_letter_there(curator):
    teacher = StaffFactory(email="sidorova@example.test")
    user = invite(teacher, curator).user
    user.set_password("Parol-2026!")
    user.last_login = timezone.now()
    user.save()
    # A curator writes another address into the registry and invites again.
    teacher.email = "curator-mailbox@example.test"
    teacher.last_name = "Другая"
    teacher.save()
    mail.outbox.clear()
    invite(teacher, curator, Role.MENTEE)
    user.refresh_from_db()
    assert user.email == "sidorova@example.test"
    assert user.last_name != "Другая"
    [letter] = mail.outbox
    assert letter.to == ["sidorova@example.test"]
    assert "password/reset" not in letter.body


def test_an_unused_own_account_follows_the_registrys_correction(curator):
    teacher = StaffFactory(email="sidorva@example.test")
    user = invite(teacher, curator).user
    teacher.email = "sidorova@example.test"
    teacher.first_name = "Анна"
    teacher.save()
    mail.outbox.clear()
    invite(teacher, curator)
    user.refresh_from_db()
    assert (user.email, user.username, user.first_name) == ("sidorova@example.test", "sidorova@example.test", "Анна")
    assert mail.outbox[0].to == ["sidorova@example.test"]


def test_a_linked_person_cannot_be_pointed_at_another_account(curator):
    teacher = StaffFactory()
    invite(teacher, curator)
    other = MembershipFactory(role=Role.MENTOR, organization=teacher.organization).user
    before = account_state(other)
    teacher.email = other.email.upper()
    teacher.save()
    with pytest.raises(ValidationError, match="другой учётной записи"):
        invite(teacher, curator)
    assert account_state(other) == before


def test_a_person_linked_to_an_account_working_elsewhere_gets_another_role_here(curator):
    """The mentor of two schools accepted this one once: another role here needs no new answer."""
    teacher = StaffFactory()
    account = MembershipFactory(role=Role.MENTOR, organization=OrganizationFactory()).user
    teacher.email = account.email
    teacher.save()
    invite(teacher, curator)
    teacher.refresh_from_db()
    assert teacher.user is None
    invitation = AccountInvitation.objects.get()
    invitations.invitation_answer(invitation=invitation, accept=True, by=account)
    before_name = account_state(account)["fields"]["last_name"]
    teacher.refresh_from_db()
    outcome = invite(teacher, curator, Role.MENTEE)
    assert not outcome.awaits_acceptance
    roles_here = set(account.memberships.filter(organization=teacher.organization).values_list("role", flat=True))
    assert roles_here == {"mentor", "mentee"}
    assert account_state(account)["fields"]["last_name"] == before_name


def invited_with_the_email_of(account, curator, **person) -> tuple:
    """A person of a school's registry whose e-mail is the account's, invited: (person, invitation)."""
    teacher = StaffFactory(email=account.email, **person)
    invite(teacher, curator)
    return teacher, AccountInvitation.objects.get(participant=teacher)


def owner_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_owner_accepts_on_the_home_page(curator):
    account = MembershipFactory(role=Role.DIRECTOR, organization=OrganizationFactory()).user
    teacher, invitation = invited_with_the_email_of(account, curator, last_name="Приглашаемова")
    client = owner_client(account)
    home = client.get(reverse("home"))
    assert "Приглашаемова" in home.content.decode()
    assert reverse("invitation_accept", args=[invitation.pk]) in home.content.decode()
    response = client.post(reverse("invitation_accept", args=[invitation.pk]), follow=True)
    assert "наставник" in response.content.decode()
    assert Membership.objects.filter(user=account, role=Role.MENTOR, organization=teacher.organization).exists()
    teacher.refresh_from_db()
    assert teacher.user == account
    invitation.refresh_from_db()
    assert invitation.accepted is True
    assert client.post(reverse("invitation_accept", args=[invitation.pk])).status_code == 404
    assert "Приглашаемова" not in client.get(reverse("home")).content.decode()


def test_the_owner_declines_and_nothing_changes(curator):
    account = UserFactory()
    teacher, invitation = invited_with_the_email_of(account, curator)
    client = owner_client(account)
    before = account_state(account)  # the login itself marks the account's last login
    # An account without any role sees its invitations too.
    assert reverse("invitation_decline", args=[invitation.pk]) in client.get(reverse("home")).content.decode()
    client.post(reverse("invitation_decline", args=[invitation.pk]))
    assert account_state(account) == before
    invitation.refresh_from_db()
    assert invitation.accepted is False
    teacher.refresh_from_db()
    assert teacher.user is None


def test_only_the_owner_answers_an_invitation(curator, world):
    account = world.b.users[Role.DIRECTOR]
    _teacher, invitation = invited_with_the_email_of(account, curator, organization=world.a.organization)
    for role in Role:
        for user in (world.a.users[role], world.b.users[role]):
            if user == account:
                continue
            client = owner_client(user)
            assert client.post(reverse("invitation_accept", args=[invitation.pk])).status_code == 404
            assert client.post(reverse("invitation_decline", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.answered_at is None
    with pytest.raises(ValidationError):
        invitations.invitation_answer(invitation=invitation, accept=True, by=world.a.users[Role.CURATOR])


def test_an_old_invitation_can_no_longer_be_accepted(curator):
    teacher = StaffFactory()
    account = UserFactory()
    teacher.email = account.email
    teacher.save()
    invite(teacher, curator)
    AccountInvitation.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=invitations.INVITATION_VALID_DAYS + 1)
    )
    invitation = AccountInvitation.objects.get()
    assert owner_client(account).post(reverse("invitation_accept", args=[invitation.pk])).status_code == 404
    assert not Membership.objects.filter(user=account).exists()
    # Sent again, it may be answered again.
    invite(teacher, curator)
    assert AccountInvitation.objects.get().pk == invitation.pk
    assert owner_client(account).post(reverse("invitation_accept", args=[invitation.pk])).status_code == 302
    assert Membership.objects.filter(user=account, organization=teacher.organization).exists()


def test_an_invitation_to_a_person_linked_meanwhile_is_refused(curator):
    account = UserFactory()
    teacher, invitation = invited_with_the_email_of(account, curator)
    teacher.user = UserFactory()
    teacher.save()
    with pytest.raises(ValidationError, match="недействительно"):
        invitations.invitation_answer(invitation=invitation, accept=True, by=account)
    assert not Membership.objects.filter(user=account).exists()


def test_the_invite_page_refuses_an_administrators_email(world, client):
    teacher = StaffFactory(organization=world.a.organization)
    admin = UserFactory(is_superuser=True, is_staff=True, email="root@example.test")
    before = account_state(admin)
    teacher.email = "ROOT@example.test"
    teacher.save()
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("participant_invite", args=[teacher.pk]), {"role": "mentor"}, follow=True)
    assert "администратор" in response.content.decode()
    assert account_state(admin) == before
    assert mail.outbox == []


def test_the_invite_page_says_that_the_owner_must_accept(world, client):
    teacher = StaffFactory(organization=world.a.organization)
    account = world.b.users[Role.DIRECTOR]
    before = account_state(account)
    teacher.email = account.email.upper()
    teacher.save()
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("participant_invite", args=[teacher.pk]), {"role": "mentor"}, follow=True)
    assert "принять приглашение" in response.content.decode()
    assert account_state(account) == before
    # The card says what the curator waits for, and not whose account it is.
    card = client.get(reverse("participant_detail", args=[teacher.pk])).content.decode()
    assert "владелец учётной записи ещё не ответил" in card
    assert account.username not in card
    AccountInvitation.objects.update(answered_at=timezone.now(), accepted=False)
    assert "ещё не ответил" not in client.get(reverse("participant_detail", args=[teacher.pk])).content.decode()
