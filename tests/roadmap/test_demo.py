"""The demo: roadmaps of the three organizations and the municipality, reminders and pages on them."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from roadmap.models import Activity, Remark, RemarkReply, Roadmap, Status
from roadmap.selectors import roadmap_view


def seed():
    call_command("seed_demo", stdout=StringIO())


def login(username) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_the_demo_has_roadmaps_of_different_progress(seeded_demo, db):
    today = timezone.localdate()
    roadmaps = {
        roadmap.owner.short_name if roadmap.organization_id else "mun": roadmap
        for roadmap in Roadmap.objects.filter(is_template=False)
    }
    assert len(roadmaps) == 4
    school = roadmap_view(roadmaps["МБОУ «СОШ № 3»"], today)
    kindergarten = roadmap_view(roadmaps["МБДОУ «Детский сад № 7»"], today)
    centre = roadmap_view(roadmaps["МБУ ДО «ЦДТ»"], today)
    assert len(school.overdue) >= 1 and len(school.soon) >= 1
    assert kindergarten.progress.percent > school.progress.percent > centre.progress.percent
    assert Activity.objects.filter(status=Status.DONE).exclude(evidence_note="").exists()
    assert Remark.objects.count() == 3 and RemarkReply.objects.count() == 2


def test_the_demo_is_idempotent(seeded_demo, db):
    counts = (Roadmap.objects.count(), Activity.objects.count(), Remark.objects.count(), RemarkReply.objects.count())
    seed()
    assert (
        Roadmap.objects.count(),
        Activity.objects.count(),
        Remark.objects.count(),
        RemarkReply.objects.count(),
    ) == counts


def test_reminders_work_on_the_demo_data(seeded_demo, db):
    call_command("send_reminders", stdout=StringIO())
    sent = len(mail.outbox)
    assert sent >= 1
    assert any("school.curator@" in address for message in mail.outbox for address in message.to)
    call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == sent


def test_the_demo_pages_open(seeded_demo, db):
    school = Roadmap.objects.get(organization__short_name="МБОУ «СОШ № 3»", is_template=False)
    curator = login("school.curator")
    for url in (
        reverse("roadmap_list"),
        reverse("roadmap_detail", args=[school.pk]),
        reverse("roadmap_timeline", args=[school.pk]),
    ):
        assert curator.get(url).status_code == 200
    coordinator = login("coordinator")
    audit = coordinator.get(reverse("roadmap_audit")).content.decode()
    assert "МБУ ДО «ЦДТ»" in audit
    assert coordinator.get(reverse("roadmap_detail", args=[school.pk])).status_code == 200
