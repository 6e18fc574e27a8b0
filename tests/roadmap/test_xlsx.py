"""Each seed's roadmap goes in (imported from its table) and comes back out in its own shape: the XLSX
export and the appendix of the order «о внедрении»."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Role
from reports.models import Order
from reports.rendering import order_pdf
from roadmap import services
from roadmap.models import Layout, Roadmap, Status
from roadmap.table import order_appendix
from roadmap.terms import TermKind
from roadmap.xlsx import TableError, read_roadmap_xlsx, roadmap_xlsx
from tests.roadmap.seeds import SEED_000, SEED_003, SEED_004, seed_xlsx

D = datetime.date


def import_seed(seed, world, *, municipal=False, period=None, merge=False, title=""):
    scope = Roadmap.Scope.MUNICIPALITY if municipal else Roadmap.Scope.ORGANIZATION
    parsed = read_roadmap_xlsx(seed_xlsx(seed, merge_blank_cells=merge), scope=scope)
    owner = {"municipality": world.a.municipality} if municipal else {"organization": world.a.organization}
    when = {"starts_on": period[0], "ends_on": period[1]} if municipal else {"academic_year": 2023}
    return parsed, services.roadmap_import(
        by=world.a.users[Role.COORDINATOR if municipal else Role.CURATOR],
        layout=parsed.layout,
        stages=parsed.stages,
        title=title or parsed.title,
        heading=parsed.heading,
        preamble=parsed.preamble,
        approval_text=parsed.approval_text,
        columns=parsed.columns,
        **owner,
        **when,
    )


def table_of(content: bytes) -> tuple[list[list[str]], list[list[str]]]:
    """(the lines above the header, the header and the rows) with merged cells read as a spreadsheet shows them:
    the value in the first cell of the range, the others empty."""
    sheet = load_workbook(io.BytesIO(content)).active
    rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    header = next(index for index, row in enumerate(rows) if "Мероприятие" in " ".join(row) or "Мероприятия" in row)
    above = [[cell for cell in row if cell] for row in rows[:header]]
    return [row for row in above if row], rows[header:]


def same_shape(cells: list[str]) -> list[str]:
    """The differences an export may make: «3.» and «3», «3.Формирование» and «3. Формирование»."""
    return [re.sub(r"^(\d+)\.\s*(?=\S)", r"\1. ", cell.rstrip(".")) if cell else "" for cell in cells]


def test_seed_000_is_imported_and_printed_back_in_its_own_shape(world):
    parsed, roadmap = import_seed(SEED_000, world)
    assert parsed.layout == Layout.SCHOOL
    assert (roadmap.heading, roadmap.title) == (
        "«Дорожная карта»",
        "Реализация целевой модели наставничества в МОУ СШ №120 на 2023-2024 учебный год",
    )
    assert roadmap.stages.count() == 7
    assert roadmap.activities.count() == len(SEED_000["rows"])
    continuation = roadmap.activities.get(content__startswith="2. Проведение административного совещания")
    assert continuation.continues_previous and continuation.title == ""
    grouped = roadmap.activities.get(content__startswith="2. Организация групповой встречи")
    assert grouped.term_as_above and (grouped.term_text, grouped.due_on) == ("Сентябрь 2023г.", D(2023, 9, 30))
    assert roadmap.activities.get(number="6.1").term_kind == TermKind.YEAR
    assert roadmap.activities.get(number="2.2").responsible_roles == ["curator"]

    above, table = table_of(roadmap_xlsx(roadmap)[2])
    assert above == SEED_000["above"]
    assert table[0] == SEED_000["header"]
    assert [same_shape(row) for row in table[1:]] == [same_shape(row) for row in SEED_000["rows"]]


def test_seed_000_with_merged_cells_reads_the_same(world):
    merged = read_roadmap_xlsx(seed_xlsx(SEED_000, merge_blank_cells=True), scope="organization")
    plain = read_roadmap_xlsx(seed_xlsx(SEED_000), scope="organization")
    assert merged.to_dict() == plain.to_dict()


def test_the_export_merges_the_cells_as_the_seed_does(world):
    _, roadmap = import_seed(SEED_000, world)
    sheet = load_workbook(io.BytesIO(roadmap_xlsx(roadmap)[2])).active
    merged = {str(cell_range) for cell_range in sheet.merged_cells.ranges}
    header = next(row for row in range(1, 10) if sheet.cell(row=row, column=1).value == "№")
    first_stage = header + 1
    # The stage's number and name span its four rows.
    assert f"A{first_stage}:A{first_stage + 3}" in merged
    assert f"B{first_stage}:B{first_stage + 3}" in merged


def test_seed_003_is_imported_and_printed_back_in_its_own_shape(world):
    parsed, roadmap = import_seed(
        SEED_003, world, municipal=True, period=(D(2022, 1, 1), D(2024, 12, 31)), title="Дорожная карта ЦМН"
    )
    assert parsed.layout == Layout.MUNICIPAL
    assert (
        roadmap.approval_text
        == "Приложение №1\nУТВЕРДИТЬ\nприказом УО администрации\nМО Кавказский район\nот 19.09.2022 № 976"
    )
    assert roadmap.stages.count() == 6
    activities = {activity.number: activity for activity in roadmap.activities.all() if activity.number}
    assert (activities["1.1"].term_kind, activities["1.1"].due_on) == (TermKind.DATE, D(2022, 9, 15))
    assert activities["1.3"].occurrences.count() == 3
    assert activities["3.1"].term_kind == TermKind.PLAN
    assert activities["5.1"].term_kind == TermKind.QUARTERLY and activities["5.1"].occurrences.count() == 12
    assert activities["6.1"].term_kind == TermKind.YEARLY
    assert activities["2.2"].term_as_above and activities["2.2"].term_text == "В течение года"
    indicators = roadmap.activities.filter(stage=activities["5.1"].stage, continues_previous=True)
    assert indicators.count() == 5
    assert activities["1.1"].responsible_roles == ["coordinator"]

    above, table = table_of(roadmap_xlsx(roadmap)[2])
    assert above[0] == ["Приложение №1"] and above[-2:] == [["от 19.09.2022 № 976"], ["Дорожная карта ЦМН"]]
    assert table[0] == SEED_003["header"]
    assert table[1:] == SEED_003["rows"]


def test_seed_004_is_imported_and_printed_back_in_its_own_shape(world):
    parsed, roadmap = import_seed(SEED_004, world, municipal=True, period=(D(2021, 1, 1), D(2024, 12, 31)))
    assert parsed.layout == Layout.MUNICIPAL_CONTENT
    assert roadmap.title.startswith("План мероприятий («дорожная карта») по внедрению")
    assert roadmap.preamble.startswith("Дорожная карта разработана на основании")
    assert roadmap.stages.count() == 7
    activities = {activity.number: activity for activity in roadmap.activities.all()}
    assert activities["1.1"].title == "Разработка и утверждение приказа департамента образования мэрии города Магадана"
    assert (activities["2.2"].term_kind, activities["2.2"].due_on) == (TermKind.MONTHS, D(2021, 3, 31))
    assert activities["4.4"].occurrences.count() == 4  # «Ежегодно до 01 октября», 2021–2024
    assert activities["6.2"].occurrences.count() == 3  # «2022 год 2023 год 2024 год»
    assert activities["5.1"].term_kind == TermKind.YEAR

    above, table = table_of(roadmap_xlsx(roadmap)[2])
    assert [line[0] for line in above] == [line[0] for line in SEED_004["above"]]
    assert table[0] == SEED_004["header"]
    assert [same_shape(row) for row in table[1:]] == [same_shape(row) for row in SEED_004["rows"]]


def test_seed_001s_coordinator_tasks_can_be_entered_as_a_municipal_roadmap(world):
    """Seed 001 has no table: its items «ежеквартально, в срок до 10 числа месяца, следующего за отчётным»
    and «согласовать в срок до 15.09.2021» are entered one by one."""
    coordinator = world.a.users[Role.COORDINATOR]
    roadmap = services.roadmap_create(
        by=coordinator,
        title="Внедрение муниципальной целевой модели наставничества в Бодайбинском районе",
        municipality=world.a.municipality,
        starts_on=D(2021, 5, 27),
        ends_on=D(2024, 12, 31),
    )
    stage = services.stage_create(roadmap=roadmap, by=coordinator, title="Руководителям образовательных организаций")
    approve = services.activity_create(
        stage=stage,
        by=coordinator,
        title="Разработать «Дорожную карту» внедрения муниципальной целевой модели наставничества и согласовать",
        term_text="в срок до 15.09.2021 г.",
        responsible_text="Руководители образовательных организаций",
    )
    report = services.activity_create(
        stage=stage,
        by=coordinator,
        title="Предоставлять результаты мониторинга реализации программ наставничества муниципальному координатору",
        term_text="ежеквартально, в срок до 10 числа месяца, следующего за отчетным",
        responsible_text="Руководители образовательных организаций",
    )
    assert approve.due_on == D(2021, 9, 15)
    assert [o.due_on for o in report.occurrences.all()][:3] == [D(2021, 7, 10), D(2021, 10, 10), D(2022, 1, 10)]
    rows = order_appendix(roadmap)["rows"]
    assert rows[0] == ["1", "Руководителям образовательных организаций", "", "", ""]
    assert rows[1][:3] == ["1.1", approve.title, "в срок до 15.09.2021 г."]


def test_import_through_the_pages_previews_then_creates(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    upload = SimpleUploadedFile("дорожная карта.xlsx", seed_xlsx(SEED_003))
    preview = client.post(
        reverse("roadmap_import"),
        {
            "file": upload,
            "starts_on": "01.01.2022",
            "ends_on": "31.12.2024",
            "title": "Дорожная карта Кавказского района",
        },
    )
    content = preview.content.decode()
    assert preview.status_code == 200
    assert 'data-testid="import-preview"' in content
    assert "Ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)" in content
    assert "12 сроков" in content
    assert not Roadmap.objects.filter(is_template=False).exists()
    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = client.post(reverse("roadmap_import"), data)
    roadmap = Roadmap.objects.get(is_template=False)
    assert response.status_code == 302
    assert (roadmap.municipality, roadmap.title) == (world.a.municipality, "Дорожная карта Кавказского района")
    assert roadmap.activities.count() == 22


def test_a_file_without_a_roadmap_table_is_refused(world, client):
    with pytest.raises(TableError):
        read_roadmap_xlsx(b"not a workbook", scope="organization")
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("roadmap_import"), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook"), "academic_year": "2026"}
    )
    assert "Таблица дорожной карты не найдена" in response.content.decode()


def test_the_export_of_a_page(world, client):
    _, roadmap = import_seed(SEED_000, world)
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.get(reverse("roadmap_export", kwargs={"pk": roadmap.pk}))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    _, table = table_of(response.content)
    assert table[1][1] == "Подготовка условий для запуска программы наставничества"


def test_text_starting_like_a_formula_stays_text(world):
    _, roadmap = import_seed(SEED_000, world)
    activity = roadmap.activities.get(number="1.1")
    activity.content = "- встреча-знакомство\n=СУММ(A1)"
    activity.save()
    sheet = load_workbook(io.BytesIO(roadmap_xlsx(roadmap)[2])).active
    cell = next(
        cell for row in sheet.iter_rows() for cell in row if cell.value and "встреча-знакомство" in str(cell.value)
    )
    assert cell.data_type == "s"


def test_the_order_appendix_prints_the_seed_000_table(world):
    _, roadmap = import_seed(SEED_000, world)
    activity = roadmap.activities.get(number="1.1")
    services.set_status(target=activity, completion=services.Completion(status=Status.DONE))
    from reports.models import OrderKind
    from reports.services import order_draft

    order = order_draft(
        kind=OrderKind.objects.get(code="model-introduction"),
        by=world.a.users[Role.DIRECTOR],
        organization=world.a.organization,
        appendix_rows=order_appendix(roadmap)["rows"],
        appendix_columns=roadmap.column_headings,
    )
    order = Order.objects.get(pk=order.pk)
    assert order.appendices[0]["columns"] == SEED_000["header"]
    assert order.appendices[0]["rows"] == SEED_000["rows"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(order_pdf(order))).pages)
    # The PDF hyphenates narrow columns («Замести‐ тели», «август- сентябрь»): join the parts back.
    text = " ".join(text.split()).replace("\u2010 ", "").replace("- ", "-")
    for fragment in ("Наименования этапа", "Изучение и систематизация", "Август-Сентябрь 2023г.", "психолог"):
        assert fragment in text
