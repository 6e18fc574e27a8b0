"""The daily reminders: due within 7 days and overdue, to each responsible person, never twice."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command

from accounts.models import Role
from roadmap import services
from roadmap.models import Reminder, Status
from roadmap.reminders import send_reminders
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.roadmap.factories import activity_in, recurring_activity_in

D = datetime.date


def test_a_responsible_person_gets_due_soon_and_overdue_activities_in_one_email(world):
    person = world.a.users[Role.MENTOR]
    soon = activity_in(world.a.organization, title="Круглый стол", term_text="до 20.10.2026", people=[person])
    late = activity_in(world.a.organization, title="Анкетирование", term_text="до 01.10.2026", people=[person])
    activity_in(world.a.organization, title="Нескоро", term_text="до 30.11.2026", people=[person])
    for activity in (soon, late):
        activity.responsible_roles = []
        activity.save()

    run = send_reminders(today=D(2026, 10, 14), base_url="https://school.example")
    assert run.emails == 1
    message = next(m for m in mail.outbox if person.email in m.to)
    assert "Круглый стол" in message.body and "Анкетирование" in message.body
    assert "Нескоро" not in message.body
    assert "20.10.2026" in message.body
    assert f"https://school.example/roadmaps/activities/{soon.pk}/" in message.body
    assert "Просроченные мероприятия" in message.body
    assert "Дорожная карта: просрочено — 1" in message.subject


def test_running_twice_sends_nothing_new(world):
    activity_in(world.a.organization, term_text="до 20.10.2026")
    first = send_reminders(today=D(2026, 10, 14))
    assert first.emails == 1  # the curator, by role
    sent = len(mail.outbox)
    again = send_reminders(today=D(2026, 10, 14))
    assert (again.emails, len(mail.outbox)) == (0, sent)
    # The next day changes nothing either; when the deadline passes, it comes once more as overdue.
    assert send_reminders(today=D(2026, 10, 15)).emails == 0
    assert send_reminders(today=D(2026, 10, 21)).emails == 1
    assert send_reminders(today=D(2026, 10, 22)).emails == 0
    assert Reminder.objects.count() == 2


def test_each_occurrence_is_reminded_once(world):
    recurring_activity_in(world.a.organization)
    assert send_reminders(today=D(2026, 9, 26)).items == 1  # 01.10.2026
    assert send_reminders(today=D(2026, 9, 27)).items == 0
    assert send_reminders(today=D(2026, 12, 27)).items == 2  # 01.10 overdue, 01.01.2027 due soon
    assert send_reminders(today=D(2026, 12, 28)).items == 0


def test_roles_reach_every_member_with_that_role_and_done_activities_are_quiet(world):
    second_curator = UserFactory(username="curator2_a")
    MembershipFactory(user=second_curator, role=Role.CURATOR, organization=world.a.organization)
    activity = activity_in(world.a.organization, term_text="до 20.10.2026")
    done = activity_in(world.a.organization, term_text="до 18.10.2026")
    services.set_status(target=done, completion=services.Completion(status=Status.DONE))

    run = send_reminders(today=D(2026, 10, 14))
    assert sorted(run.recipients) == sorted([world.a.users[Role.CURATOR].email, second_curator.email])
    assert all(str(done.title) not in message.body for message in mail.outbox)
    assert all(activity.title in message.body for message in mail.outbox)


def test_people_without_an_email_are_skipped(world):
    curator = world.a.users[Role.CURATOR]
    curator.email = ""
    curator.save()
    activity_in(world.a.organization, term_text="до 20.10.2026")
    assert send_reminders(today=D(2026, 10, 14)).emails == 0


def test_the_command_is_idempotent_and_completes_registry_activities_first(world):
    activity_in(world.a.organization, term_text="до 20.10.2026")
    out = StringIO()
    call_command("send_reminders", "--date", "2026-10-14", stdout=out)
    assert "отправлено писем — 1" in out.getvalue()
    call_command("send_reminders", "--date", "2026-10-14", stdout=out)
    assert len(mail.outbox) == 1
