"""The roadmap import's limits: rows read lazily up to the registry import's limit, bad rows named, a few
bulk inserts whatever the size of the table."""

import datetime
import io
import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from accounts.models import Role
from mentoring.registry.importing import BATCH_SIZE, MAX_ROWS
from roadmap import services, xlsx
from roadmap.models import Activity, Occurrence, Roadmap, Stage

HEADER = ["№ п/п", "Мероприятие", "Сроки", "Ответственный исполнитель", "Результат"]
QUARTERLY = "ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)"
PERIOD = (datetime.date(2026, 1, 1), datetime.date(2027, 12, 31))


def table(count: int, *, write_only: bool = False, stages: bool = False, change: dict | None = None) -> bytes:
    """A municipal roadmap: a title, the header in row 3, then ``count`` activities (with ``stages``, a stage row
    before every ten); ``change`` maps a sheet row number to the cells that replace that row."""
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet() if write_only else workbook.active
    sheet.append(["Дорожная карта района"])
    sheet.append([])
    sheet.append(HEADER)
    rows = []
    for index in range(count):
        stage, position = index // 10 + 1, index % 10 + 1
        if stages and position == 1:
            rows.append([f"{stage}.", f"Этап {stage}", None, None, None])
        term = QUARTERLY if position == 2 else "октябрь 2026"
        rows.append([f"{stage}.{position}", f"Мероприятие {index}", term, "координатор", "отчёт"])
    for number, cells in enumerate(rows, start=4):
        sheet.append((change or {}).get(number, cells))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.fixture(scope="module")
def fifty_thousand_rows() -> bytes:
    return table(50_000, write_only=True)


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])
    return client


def upload(client, content: bytes):
    return client.post(
        reverse("roadmap_import"),
        {"file": SimpleUploadedFile("карта.xlsx", content), "starts_on": "01.01.2026", "ends_on": "31.12.2027"},
    )


@pytest.fixture
def pulled_rows(monkeypatch):
    """How many rows under the header the reader pulls from the sheet."""
    pulled = [0]
    limited = xlsx.limited_rows

    def counting_limited_rows(rows, **kwargs):
        def counted():
            for row in rows:
                pulled[0] += 1
                yield row

        return limited(counted(), **kwargs)

    monkeypatch.setattr(xlsx, "limited_rows", counting_limited_rows)
    return pulled


def test_a_table_far_over_the_limit_is_refused_after_one_row_past_it(coordinator, fifty_thousand_rows, pulled_rows):
    response = upload(coordinator, fifty_thousand_rows)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "В таблице больше 5000 строк под заголовком — больше, чем бывает в дорожной карте. "
        "Удалите лишние строки и загрузите файл снова."
    ]
    assert "preview" not in response.context
    assert pulled_rows[0] == MAX_ROWS + 1
    assert not Roadmap.objects.filter(is_template=False).exists()


def test_a_table_of_the_limit_is_read_whole():
    parsed = xlsx.read_roadmap_xlsx(table(MAX_ROWS), scope=Roadmap.Scope.MUNICIPALITY)
    assert parsed.activity_count == MAX_ROWS


@pytest.mark.parametrize(("column", "limit"), [("Сроки", 300), ("Ответственный исполнитель", 500), ("Результат", 1000)])
def test_one_row_too_long_stops_the_import_and_is_named(coordinator, column, limit):
    cells = ["1.8", "Мероприятие", "октябрь 2026", "координатор", "отчёт"]
    cells[HEADER.index(column)] = "я" * (limit + 1)
    response = upload(coordinator, table(20, change={11: cells}))
    assert response.context["form"].errors["file"] == [
        f"Строка 11, столбец «{column}»: длиннее {limit} символов. "
        "Ничего не загружено: сократите текст и загрузите файл снова."
    ]
    assert not Roadmap.objects.filter(is_template=False).exists()


def test_the_preview_then_the_confirm_import_every_row(coordinator):
    preview = upload(coordinator, table(25, stages=True))
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    response = coordinator.post(reverse("roadmap_import"), {name: confirm[name].value() for name in confirm.fields})
    assert response.status_code == 302
    roadmap = Roadmap.objects.get(is_template=False)
    assert roadmap.activities.count() == 25
    quarterly = roadmap.activities.get(title="Мероприятие 1")
    assert (quarterly.number, quarterly.is_recurring) == ("1.2", True)
    # Eight quarters of 2026–2027, each with its own deadline.
    assert quarterly.occurrences.count() == 8
    assert roadmap.activities.get(title="Мероприятие 24").number == "3.5"


def import_table(world, count: int) -> list[str]:
    """Imports a table of ``count`` activities in stages of ten; returns the SQL it ran."""
    parsed = xlsx.read_roadmap_xlsx(table(count, stages=True), scope=Roadmap.Scope.MUNICIPALITY)
    Roadmap.objects.filter(is_template=False).delete()
    with CaptureQueriesContext(connection) as queries:
        services.roadmap_import(
            by=world.a.users[Role.COORDINATOR],
            municipality=world.a.municipality,
            starts_on=PERIOD[0],
            ends_on=PERIOD[1],
            layout=parsed.layout,
            stages=parsed.stages,
            title=parsed.title,
            columns=parsed.columns,
        )
    return [query["sql"] for query in queries.captured_queries]


def inserts_needed(model, count: int) -> int:
    """The INSERTs bulk_create makes of ``count`` rows: batches of BATCH_SIZE, or fewer rows where the
    database takes fewer parameters (SQLite)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * count))
    return math.ceil(count / size)


def test_the_import_writes_in_a_few_queries_whatever_the_size(world):
    def other_than_inserts(queries):
        return [sql for sql in queries if not sql.startswith("INSERT")]

    small, big = import_table(world, 20), import_table(world, 1500)
    assert Activity.objects.filter(roadmap__is_template=False).count() == 1500
    assert Stage.objects.filter(roadmap__is_template=False).count() == 150
    assert Occurrence.objects.filter(activity__roadmap__is_template=False).count() == 150 * 8
    assert len(other_than_inserts(big)) == len(other_than_inserts(small))
    inserts = [sql.split()[2].strip('"') for sql in big if sql.startswith("INSERT")]
    assert inserts.count("roadmap_activity") == inserts_needed(Activity, 1500)
    assert inserts.count("roadmap_stage") == inserts_needed(Stage, 150)
    assert inserts.count("roadmap_occurrence") == inserts_needed(Occurrence, 1200)
