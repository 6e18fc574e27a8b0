"""Recording, withdrawing and reading consents through the pages; the home panel."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Role
from mentoring.models import Consent
from tests.mentoring.factories import PDF_BYTES, ConsentFactory, ParticipantFactory, consent_with_scan


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(output, "PNG")
    return output.getvalue()


PNG_BYTES = png_bytes()


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def consent_post(**change):
    return {
        "kind": "processing",
        "signed_by": "representative",
        "representative_name": "Иванова Ольга Петровна",
        "representative_document": "свидетельство о рождении",
        "signed_on": "01.09.2026",
        **change,
    }


def test_form_is_prefilled_for_a_minor(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization, guardian_name="Иванова Ольга Петровна")
    form = curator.get(reverse("consent_create", kwargs={"pk": pupil.pk})).context["form"]
    assert form.initial["signed_by"] == "representative"
    assert form.initial["representative_name"] == "Иванова Ольга Петровна"


def test_record_with_a_scan(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    scan = SimpleUploadedFile("согласие.png", PNG_BYTES, content_type="image/png")
    response = curator.post(reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(scan=scan), follow=True)
    assert "Согласие внесено." in response.content.decode()
    consent = Consent.objects.get()
    assert consent.created_by == world.a.users[Role.CURATOR]
    download = curator.get(reverse("consent_scan", kwargs={"pk": consent.pk}))
    assert download["Content-Type"] == "image/png"
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == PNG_BYTES


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text pretending to be a PDF", "Файл не является PDF, JPEG или PNG."),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "Файл больше 10 МБ."),
    ],
)
def test_bad_scan_is_refused_and_nothing_saved(curator, world, content, message):
    pupil = ParticipantFactory(organization=world.a.organization)
    scan = SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")
    response = curator.post(reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(scan=scan))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_service_rule_lands_next_to_the_field(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    response = curator.post(reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(signed_by="self"))
    assert response.context["form"].errors["signed_by"] == [
        "В этот день участник был несовершеннолетним: согласие подписывает родитель или законный представитель."
    ]
    assert not Consent.objects.exists()


def test_withdraw_asks_then_withdraws(curator, world):
    consent = ConsentFactory(participant=ParticipantFactory(organization=world.a.organization))
    url = reverse("consent_withdraw", kwargs={"pk": consent.pk})
    page = curator.get(url).content.decode()
    assert "через 30 дней" in page
    response = curator.post(url, {"withdrawn_on": "01.10.2026", "reason": "заявление родителя"}, follow=True)
    assert "Согласие отозвано." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 10, 1)
    detail = curator.get(reverse("participant_detail", kwargs={"pk": consent.participant_id})).content.decode()
    assert 'data-consent="withdrawn"' in detail


def test_foreign_consent_and_scan_are_not_found(curator, world):
    foreign = consent_with_scan(world.b.organization)
    assert curator.get(reverse("consent_scan", kwargs={"pk": foreign.pk})).status_code == 404
    assert curator.post(reverse("consent_withdraw", kwargs={"pk": foreign.pk}), {}).status_code == 404


def test_consent_without_scan_has_no_download(curator, world):
    consent = ConsentFactory(participant=ParticipantFactory(organization=world.a.organization))
    assert curator.get(reverse("consent_scan", kwargs={"pk": consent.pk})).status_code == 404


def test_scan_is_pdf_for_the_director(client, world):
    consent = consent_with_scan(world.a.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.get(reverse("consent_scan", kwargs={"pk": consent.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_home_lists_people_without_a_valid_consent(curator, world):
    organization = world.a.organization
    ConsentFactory(participant=ParticipantFactory(organization=organization, last_name="Согласная"))
    ParticipantFactory(organization=organization, last_name="Безсогласия")
    ConsentFactory(
        participant=ParticipantFactory(organization=organization, last_name="Отозвавшая"),
        withdrawn_on=datetime.date(2026, 10, 1),
    )
    content = curator.get(reverse("home")).content.decode()
    assert "Без действующего согласия" in content
    assert 'data-testid="missing-consents-count">2<' in content
    assert "Безсогласия" in content and "Отозвавшая" in content
    assert "Согласная" not in content


def test_mentor_sees_no_registry_panel(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    assert "Без действующего согласия" not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("name", ["=1+1", "Иванова О. П.", "-Иванова Ольга"])
def test_a_representative_name_that_is_not_a_name_is_refused(curator, world, name):
    pupil = ParticipantFactory(organization=world.a.organization)
    response = curator.post(reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(representative_name=name))
    assert response.status_code == 200
    [message] = response.context["form"].errors["representative_name"]
    assert message.startswith(("В имени допускаются только буквы", "Дефис, апостроф или пробел"))
    assert not Consent.objects.exists()
