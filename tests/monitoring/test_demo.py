"""The demo school's questionnaires as ``seed_demo`` leaves them, and seeding twice adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Organization
from monitoring.models import Answer, Campaign, Invitation, Questionnaire, Response
from monitoring.satisfaction import campaign_satisfaction, satisfaction_by_organization


def seed():
    call_command("seed_demo", stdout=StringIO())


def counts():
    return (
        Campaign.objects.count(),
        Invitation.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        Questionnaire.objects.count(),
    )


def test_the_demo_school_has_finished_intake_and_running_campaigns(seeded_demo, db):
    school = Organization.objects.get(short_name="МБОУ «СОШ № 3»")
    campaigns = {c.questionnaire.code: c for c in Campaign.objects.filter(organization=school)}
    assert set(campaigns) == {"intake-mentee", "satisfaction-mentee", "satisfaction-mentor", "feedback-mentee"}
    today = timezone.localdate()
    assert not campaigns["satisfaction-mentee"].is_running_on(today)
    assert not campaigns["satisfaction-mentor"].is_running_on(today)
    running = campaigns["feedback-mentee"]
    assert running.is_running_on(today)
    answered = running.invitations.filter(answered_at__isnull=False).count()
    assert 0 < answered < running.invitations.count()
    for code in ("satisfaction-mentee", "satisfaction-mentor"):
        value = campaign_satisfaction(campaigns[code])
        assert value is not None and 50 <= value <= 100
    figures = satisfaction_by_organization(
        organization_ids=[school.pk],
        audience="mentee",
        date_from=campaigns["satisfaction-mentee"].opens_on,
        date_to=today,
    )
    assert figures[school.pk] == campaign_satisfaction(campaigns["satisfaction-mentee"])
    client = Client()
    assert client.login(request=HttpRequest(), username="school.curator", password=DEMO_PASSWORD)
    home = client.get(reverse("home")).content.decode()
    assert "Промежуточная обратная связь" in home
    results = client.get(reverse("campaign_results", args=[campaigns["satisfaction-mentee"].pk]))
    assert results.status_code == 200 and "<svg" in results.content.decode()


def test_seeding_twice_creates_nothing_new(seeded_demo, db):
    before = counts()
    seed()
    assert counts() == before
