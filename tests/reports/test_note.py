"""The municipality's analytical note of a year (reports.note, seed 003 item 6.2), PDF and DOCX, on the
demo municipality: what the coordinator gets to read, in correct Russian, and the page that makes it."""

import datetime
import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from docx import Document

from accounts.models import Municipality
from reports.models import ExportJob
from reports.note import note_content, note_period, render_note
from tests.indicators.test_demo import login
from tests.reports import pdf_text

TODAY = timezone.localdate()


@pytest.fixture
def municipality(seeded_demo, db):
    return Municipality.objects.get()


@pytest.fixture
def year(municipality):
    found = note_period(municipality, TODAY.year, TODAY)
    assert found is not None, "the demo has a reporting date this year"
    return TODAY.year


def test_the_pdf_reads_as_the_municipalitys_note(municipality, year):
    _name, content_type, content = render_note(municipality, year, file_format="pdf", today=TODAY)
    assert content_type == "application/pdf"
    text = pdf_text(content)
    assert text.startswith("Управление образования администрации Заречного городского округа АНАЛИТИЧЕСКАЯ СПРАВКА")
    # The municipality's name in the case of each sentence.
    assert "в образовательных организациях Заречного городского округа за " + str(year) + " год" in text
    assert (
        "в мониторинге целевой модели наставничества в Заречном городском округе — 3 образовательные организации"
        in (text)
    )
    for heading in (
        "1. Показатели эффективности муниципалитета",
        "2. Показатели образовательных организаций",
        "3. Наставнические пары и группы",
        "4. Обучение наставников",
        "5. Выводы",
    ):
        assert heading in text
    # Who lags is said in words, not by colour: «ниже» under the value, the organization named in the conclusion.
    assert "ниже" in text and "Ниже контрольных значений хотя бы по одному показателю — " in text
    assert "МБУ ДО «ЦДТ» (" in text
    # Signed by the municipality's coordinator (the executor when nobody asked through the page).
    assert f"Муниципальный координатор Миронова Светлана Игоревна Дата составления: {TODAY:%d.%m.%Y}" in text


def test_the_docx_says_what_the_pdf_says_and_puts_the_wide_table_on_a_landscape_page(municipality, year):
    name, content_type, content = render_note(municipality, year, file_format="docx", today=TODAY)
    assert name == f"Аналитическая справка за {year} год – Заречный городской округ.docx"
    assert content_type.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(content))
    # The typography's no-break spaces read as spaces.
    paragraphs = [paragraph.text.replace("\u00a0", " ") for paragraph in document.paragraphs]
    assert paragraphs[:2] == [
        "Управление образования администрации Заречного городского округа",
        "Аналитическая справка",
    ]
    conclusion = " ".join(paragraphs[paragraphs.index("5. Выводы") :])
    assert "в Заречном городском округе — 3 образовательные организации" in conclusion
    # Portrait, then the organizations' table on a landscape page, then portrait again; page numbers go on.
    orientations = [section.orientation for section in document.sections]
    assert [int(o) for o in orientations] == [0, 1, 0]
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert xml.count('w:orient="landscape"') == 1
    organizations = document.tables[1]
    assert organizations.rows[0].cells[1].text == "Организация"
    assert [row.cells[1].text.replace("\u00a0", " ") for row in organizations.rows[1:]] == [
        "МБДОУ «Детский сад № 7»",
        "МБОУ «СОШ № 3»",
        "МБУ ДО «ЦДТ»",
        "Итого по муниципалитету",
    ]


def test_each_value_below_its_target_is_marked_in_words(municipality, year):
    content = note_content(municipality, year, TODAY)
    table = content.sections[2].blocks[0]
    for row in table.rows[:-1]:
        marked = {index for index, cell in enumerate(row[2:-2], start=1) if cell.endswith("\nниже")}
        listed = {int(number) for number in row[-2].split(", ")} if row[-2] != "нет" else set()
        assert marked == listed, row[1]
    assert any(row[-2] != "нет" for row in table.rows[:-1])


def test_the_coordinator_makes_the_note_from_the_exports_page(municipality, year, django_capture_on_commit_callbacks):
    client = login("coordinator")
    page = client.get(reverse("export_job_list"))
    assert 'data-testid="analytical-note-form"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analytical_note_start"), {"year": year, "format": "pdf"})
    job = ExportJob.objects.get(kind=ExportJob.Kind.ANALYTICAL_NOTE)
    assert response["Location"] == reverse("export_job_detail", kwargs={"pk": job.pk})
    assert job.status == ExportJob.Status.DONE, job.error
    download = client.get(reverse("export_job_download", kwargs={"pk": job.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert "АНАЛИТИЧЕСКАЯ СПРАВКА" in pdf_text(
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("analytical_note_start"), {"year": year, "format": "docx"})
    job = ExportJob.objects.filter(kind=ExportJob.Kind.ANALYTICAL_NOTE).latest("pk")
    download = client.get(reverse("export_job_download", kwargs={"pk": job.pk}))
    assert download["Content-Type"].endswith("wordprocessingml.document")


@pytest.mark.parametrize("data", [{"year": "1999", "format": "pdf"}, {"year": "2026", "format": "odt"}, {}])
def test_a_bad_year_or_format_makes_no_job_and_says_why(municipality, data):
    client = login("coordinator")
    response = client.post(reverse("analytical_note_start"), data)
    assert response.status_code == 302 and response["Location"] == reverse("export_job_list")
    assert not ExportJob.objects.filter(kind=ExportJob.Kind.ANALYTICAL_NOTE).exists()
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Выберите год и формат аналитической справки."
    ]


def test_a_year_without_reporting_dates_says_so(municipality):
    content = note_content(municipality, 2020, datetime.date(2020, 12, 31))
    assert content.sections[0].blocks == ["В 2020 году отчётных дат мониторинга ещё не было."]
