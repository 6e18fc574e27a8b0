"""The roadmap as an order's appendix, as the XLSX keeps it: the stage's cell merged over its
activities, section rows bold across the table, the approval stamp and the roadmap's own title and
preamble above the table; «О внедрении…» drafted from the register takes the roadmap of the year."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from reports import services
from reports.models import Order, OrderKind
from reports.order_content import order_content
from reports.rendering import order_docx, order_pdf
from roadmap.table import order_appendix
from tests.reports import pdf_text
from tests.reports.test_order_views import edit_data
from tests.roadmap.factories import ActivityFactory, MunicipalRoadmapFactory, RoadmapFactory, StageFactory

STAMP = "УТВЕРЖДЕНА\nприказом директора\nот 29.08.2026 № 45-ОД"
PREAMBLE = (
    "Основание: распоряжение Министерства просвещения Российской Федерации от 25.12.2019 № Р-145.\n"
    "Цель: создание условий для профессионального роста педагогов.\n"
    "Ожидаемые результаты: не менее 20 наставнических пар."
)


def school_roadmap(organization, year: int, *, approval_text: str = STAMP):
    roadmap = RoadmapFactory(
        organization=organization,
        academic_year=year,
        starts_on=datetime.date(year, 8, 1),
        ends_on=datetime.date(year + 1, 8, 31),
        heading="Дорожная карта",
        title="внедрения целевой модели наставничества в МБОУ «СОШ № 3» на 2026/2027 учебный год",
        preamble=PREAMBLE,
        approval_text=approval_text,
    )
    preparing = StageFactory(roadmap=roadmap, position=1, title="Подготовка условий для запуска программы")
    ActivityFactory(stage=preparing, position=1, title="Изучение нормативных документов", term_text="август")
    ActivityFactory(stage=preparing, position=2, title="Информирование педагогов", term_text="сентябрь")
    ActivityFactory(stage=preparing, position=3, title="Анкетирование педагогов", term_as_above=True)
    # A stage without activities yet is printed as a section row across the table.
    StageFactory(roadmap=roadmap, position=2, title="Формирование базы наставников")
    roadmap.refresh_from_db()
    return roadmap


def introduction(organization, by, **kwargs) -> Order:
    kind = OrderKind.objects.get(code="model-introduction")
    return services.order_draft(
        kind=kind, by=by, organization=organization, on_date=datetime.date(2026, 9, 1), **kwargs
    )


def appendix_table(document):
    return next(table for table in document.tables if "Этап" in table.rows[0].cells[1].text)


def cell_properties(table, row: int) -> list:
    return [tc.tcPr for tc in table.rows[row]._tr.tc_lst]


@pytest.fixture
def school(world):
    return world.a.organization


@pytest.fixture
def director(world):
    return world.a.users[Role.DIRECTOR]


def test_the_layout_keeps_merged_cells_and_section_rows(school):
    appendix = order_appendix(school_roadmap(school, 2026))
    assert appendix["sections"] == [3]
    assert appendix["merged"][0] == [] and appendix["merged"][1] == [0, 1]
    assert set(appendix["merged"][2]) == {0, 1, 4}  # the stage and «as above» term
    assert appendix["stamp"] == STAMP.splitlines()
    assert appendix["intro"][0] == "Дорожная карта" and appendix["preamble"] == PREAMBLE.splitlines()


def test_the_printed_table_spans_rows_and_columns(school, director):
    school_roadmap(school, 2026)
    # The roadmap first; the indicators appendix follows it (tests/reports/test_indicators_appendix.py).
    appendix = order_content(introduction(school, director)).appendices[0]
    first, second, third, section = appendix.table
    stage = next(cell for cell in first if cell.column == 1)
    term = next(cell for cell in second if cell.column == 4)
    assert stage.rowspan == 3 and stage.text == "Подготовка условий для запуска программы"
    assert term.rowspan == 2 and term.text == "сентябрь"
    assert {cell.column for cell in second} == {2, 3, 4, 5} and {cell.column for cell in third} == {2, 3, 5}
    assert len(section) == 1 and section[0].colspan == 6 and section[0].bold
    assert section[0].text == "2. Формирование базы наставников"


def test_the_docx_merges_the_stage_vertically_and_spans_the_section_row(school, director):
    school_roadmap(school, 2026)
    document = Document(io.BytesIO(order_docx(introduction(school, director))))
    table = appendix_table(document)
    merges = [
        [tc.find(qn("w:vMerge")) for tc in cell_properties(table, row)] for row in range(1, 4)
    ]  # the activities' rows
    assert merges[0][1].get(qn("w:val")) == "restart"
    assert merges[1][1] is not None and merges[1][1].get(qn("w:val")) in (None, "continue")
    assert merges[2][1] is not None and merges[2][1].get(qn("w:val")) in (None, "continue")
    assert merges[0][2] is None  # each activity has its own cell
    assert merges[1][4].get(qn("w:val")) == "restart" and merges[2][4] is not None  # «as above» term
    (section,) = table.rows[4]._tr.tc_lst
    assert section.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"
    runs = section.findall(f".//{qn('w:r')}")
    assert runs and all(run.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for run in runs)
    # The stage's name is written once, in the merged cell.
    assert sum("Подготовка условий" in tc.xpath("string(.)") for tc in table._tbl.xpath(".//w:tc")) == 1
    assert table.rows[2]._tr.tc_lst[1].xpath("string(.)") == ""
    text = " ".join(
        " ".join(paragraph.text for paragraph in document.paragraphs)
        .replace("\u2060", "")
        .replace("\u2011", "-")
        .split()
    )
    # The roadmap's own wording, this order's requisites (a draft's blanks), not the earlier order's.
    assert "УТВЕРЖДЕНА приказом директора от ________ № ________" in text and "45-ОД" not in text
    assert "Ожидаемые результаты: не менее 20 наставнических пар." in text


def test_the_pdf_has_the_stamp_the_title_the_preamble_and_the_section_titles(school, director):
    school_roadmap(school, 2026)
    text = pdf_text(order_pdf(introduction(school, director)))
    stamp = text.index("УТВЕРЖДЕНА приказом директора от ________ № ________")
    title = text.index("внедрения целевой модели наставничества в МБОУ «СОШ № 3» на 2026/2027 учебный год")
    basis = text.index("Основание: распоряжение Министерства просвещения")
    table = text.index("Подготовка условий для запуска программы")
    assert text.index("Приложение 1") < stamp < title < basis < table
    assert "2. Формирование базы наставников" in text
    assert text.count("Подготовка условий для запуска программы") == 1


def test_a_roadmap_not_approved_before_is_approved_by_this_order(school, director):
    school_roadmap(school, 2026, approval_text="")
    order = introduction(school, director)
    assert order_content(order).appendices[0].stamp == ["УТВЕРЖДЕНА", "приказом от ________ № ________"]
    order.number = "7-ОД"
    order.status = Order.Status.REGISTERED
    assert order_content(order).appendices[0].stamp == ["УТВЕРЖДЕНА", "приказом от 01.09.2026 № 7-ОД"]


def test_a_roadmap_approved_before_is_stamped_with_the_order_that_approves_it_now(school, director):
    # The roadmap's stamp names order 45-ОД of 29.08.2026; a new order approves it again.
    school_roadmap(school, 2026)
    order = introduction(school, director)
    assert order_content(order).appendices[0].stamp == ["УТВЕРЖДЕНА", "приказом директора", "от ________ № ________"]
    order.number = "7-ОД"
    order.status = Order.Status.REGISTERED
    assert order_content(order).appendices[0].stamp == ["УТВЕРЖДЕНА", "приказом директора", "от 01.09.2026 № 7-ОД"]
    text = pdf_text(order_pdf(order))
    assert "УТВЕРЖДЕНА приказом директора от 01.09.2026 № 7-ОД" in text and "45-ОД" not in text


@pytest.mark.parametrize(
    ("stamp", "printed"),
    [
        ("УТВЕРЖДЕНА приказом от 19.09.2022 № 976", ["УТВЕРЖДЕНА приказом от 01.09.2026 № 7-ОД"]),
        (
            "УТВЕРЖДЕН\nприказом управления образования\nот 20.01.2025 г. №14",
            ["УТВЕРЖДЕН", "приказом управления образования", "от 01.09.2026 № 7-ОД"],
        ),
        ("Утверждена", ["Утверждена", "приказом от 01.09.2026 № 7-ОД"]),
    ],
)
def test_the_stamp_keeps_its_wording_with_this_orders_date_and_number(school, director, stamp, printed):
    school_roadmap(school, 2026, approval_text=stamp)
    order = introduction(school, director)
    order.number = "7-ОД"
    order.status = Order.Status.REGISTERED
    assert order_content(order).appendices[0].stamp == printed


def test_a_municipal_roadmap_prints_every_stage_as_a_section_row(world):
    municipality = world.a.organization.municipality
    roadmap = MunicipalRoadmapFactory(municipality=municipality, title="Дорожная карта округа")
    stage = StageFactory(roadmap=roadmap, position=1, title="Нормативное обеспечение")
    ActivityFactory(stage=stage, position=1, number="1.1", title="Приказ о внедрении")
    appendix = order_appendix(roadmap)
    assert appendix["sections"] == [0]
    kind = OrderKind.objects.get(code="municipal-roadmap")
    order = services.order_draft(
        kind=kind, by=world.a.users[Role.DIRECTOR], municipality=municipality, on_date=datetime.date(2026, 9, 1)
    )
    section, activity = order_content(order).appendices[0].table
    assert section[0].text == "1. Нормативное обеспечение" and section[0].colspan == len(roadmap.column_headings)
    assert activity[0].text == "1.1"


def test_introduction_drafted_from_the_register_takes_the_roadmap_of_the_year(client, world):
    school = world.a.organization
    year = academic_year_of(timezone.localdate())
    school_roadmap(school, year - 1)  # last year's is not this year's
    this_year = school_roadmap(school, year)
    client.force_login(world.a.users[Role.DIRECTOR])
    kind = OrderKind.objects.get(code="model-introduction")
    response = client.post(
        reverse("order_create"), {"kind": kind.pk, "date": f"{timezone.localdate():%d.%m.%Y}"}, follow=True
    )
    assert response.status_code == 200
    order = Order.objects.get(organization=school, kind=kind)
    appendix = order.appendices[0]
    assert appendix["rows"] == order_appendix(this_year)["rows"] and len(appendix["rows"]) == 4
    assert appendix["stamp"] == STAMP.splitlines() and appendix["sections"] == [3]
    assert "Подготовка условий для запуска программы" in pdf_text(order_pdf(order))


def test_without_a_roadmap_of_the_year_the_table_is_left_to_fill(school, director):
    order = introduction(school, director)
    appendix = order.appendices[0]
    assert appendix["rows"] == [] and "stamp" not in appendix and appendix["title"]


def test_editing_the_rows_keeps_the_merges_unless_rows_are_added(client, school, director):
    school_roadmap(school, 2026)
    order = introduction(school, director)
    merged = order.appendices[0]["merged"]
    client.force_login(director)
    rows = "\n".join(" | ".join(row) for row in order.appendices[0]["rows"])
    fixed = rows.replace("Информирование педагогов", "Информирование педагогического коллектива")
    client.post(reverse("order_update", kwargs={"pk": order.pk}), edit_data(order, appendix_0_rows=fixed))
    order.refresh_from_db()
    assert "Информирование педагогического коллектива" in order.appendices[0]["rows"][1]
    assert order.appendices[0]["merged"] == merged and order.appendices[0]["sections"] == [3]
    added = fixed + "\n | | Новое мероприятие | | | куратор"
    client.post(reverse("order_update", kwargs={"pk": order.pk}), edit_data(order, appendix_0_rows=added))
    order.refresh_from_db()
    assert len(order.appendices[0]["rows"]) == 5
    assert "merged" not in order.appendices[0] and "sections" not in order.appendices[0]


def test_a_roadmap_of_several_years_names_them_in_the_title_wherever_it_is_drafted(world, client):
    municipality = world.a.municipality
    roadmap = MunicipalRoadmapFactory(
        municipality=municipality, starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2027, 12, 31)
    )
    ActivityFactory(stage=StageFactory(roadmap=roadmap, position=1), position=1, number="1.1")
    kind = OrderKind.objects.get(code="municipal-roadmap")
    drafted = services.order_draft(
        kind=kind, by=world.a.users[Role.COORDINATOR], municipality=municipality, on_date=datetime.date(2025, 1, 20)
    )
    client.force_login(world.a.users[Role.COORDINATOR])
    client.post(reverse("roadmap_order_draft", kwargs={"pk": roadmap.pk}))
    from_the_page = Order.objects.exclude(pk=drafted.pk).get(municipality=municipality)
    for order in (drafted, from_the_page):
        assert order.title.endswith("на 2025\u20132027 годы"), order.title
        assert "years" not in order.appendices[0]


def test_the_docx_headings_are_not_hyphenated_and_the_text_is(school, director):
    school_roadmap(school, 2026)
    document = Document(io.BytesIO(order_docx(introduction(school, director))))

    def hyphenated(paragraph) -> bool:
        properties = paragraph._p.pPr
        return properties is None or properties.find(qn("w:suppressAutoHyphens")) is None

    title = next(p for p in document.paragraphs if p.text.replace("\u2060", "") == "Дорожная карта")
    basis = next(p for p in document.paragraphs if p.text.startswith("Основание:"))
    header = next(p for p in document.paragraphs if p.text.startswith("О внедрении"))
    assert not hyphenated(title) and not hyphenated(header)
    assert hyphenated(basis)
