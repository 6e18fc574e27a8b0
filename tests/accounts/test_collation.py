"""People's names in Russian dictionary order (accounts/collation.py): Ё with Е, case ignored,
hyphenated surnames after the plain one, on SQLite and on PostgreSQL alike, in the registry list,
in an order's appendix (PDF and DOCX) and in the registry's XLSX.

Run on both databases: ``pytest tests/accounts/test_collation.py`` (SQLite) and the same with
``DATABASE_URL=postgres://…`` (PostgreSQL's ICU collation).
"""

import datetime
import io
import random
import re

import pytest
from django.db import connection
from django.urls import reverse
from docx import Document

from accounts.collation import COLLATION, name_key, name_order, person_key
from accounts.models import Role, User
from mentoring.models import MentoringUnit, Participant
from mentoring.pairs import services as pairs
from reports.rendering import order_docx
from tests.accounts.factories import UserFactory
from tests.mentoring.factories import (
    MenteeEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
    make_unit,
)
from tests.reports import pdf_text, plain, xlsx_sheet

# The dictionary order. Code points put «Ёлкина» before «Аксёнова» (Ё is U+0401, before А) and
# «ЕЛИСЕЕВА» (capitals) before «Евсеева»; a plain comparison after lower-casing still puts ё after я.
IN_ORDER = ["Аксёнова", "Демина", "Дёмина", "Дёмина-Жукова", "Евсеева", "ЕЛИСЕЕВА", "Ёлкина", "Жукова", "Яковлева"]

# Names where a hand-written key could drift from ICU: marks, case, spaces and hyphens, other
# Cyrillic alphabets, Latin, digits. PostgreSQL's ICU is the reference.
TRICKY = [
    *IN_ORDER,
    *("ёлкина", "Елкина", "ЁЛКИНА", "Елкин", "Ёлкин", "Ёлкина-Жукова", "Елкина Жукова", "Елкина-Жукова"),
    *("Петрова", "Петрова Водкина", "Петрова-Водкина", "Петроваа", "де Мина", "Д'Артаньян", "Дарья"),
    *("Йод", "Иод", "Іван", "Ївга", "Ієн", "Єва", "Ґава", "Гава", "Ўна", "Уна", "Гәрәев", "Гарипов", "Өмәров"),
    *("Омаров", "Үсманов", "Һадиев", "Хадиев", "Smith", "Müller", "Muller", "É", "Ea", "10", "2", "а-а", "а а"),
]


def shuffled(names):
    names = list(names)
    random.Random(16).shuffle(names)
    return names


# The key ---------------------------------------------------------------------------------------


def test_yo_sorts_with_ye_case_is_ignored_hyphenated_names_follow_the_plain_one():
    assert sorted(shuffled(IN_ORDER), key=name_key) == IN_ORDER


def test_equal_letters_are_told_apart_by_the_mark_then_by_the_case():
    assert sorted(["Ёлкина", "ёлкина", "Елкина", "елкина"], key=name_key) == ["елкина", "Елкина", "ёлкина", "Ёлкина"]
    # The mark decides before the case, and only when all letters are equal.
    assert sorted(["Ёж", "ЕЖОВА", "Еж"], key=name_key) == ["Еж", "Ёж", "ЕЖОВА"]


def test_a_person_is_ordered_by_last_name_then_first_name_then_patronymic():
    people = [
        Participant(last_name="Ёлкина", first_name="Анна", patronymic="Юрьевна"),
        Participant(last_name="Елкина", first_name="Яна", patronymic=""),
        Participant(last_name="Ёлкина", first_name="Алёна", patronymic="Петровна"),
        Participant(last_name="Ёлкина", first_name="Алена", patronymic="Сергеевна"),
    ]
    # Each part is compared whole before the next, as the database orders column by column: the
    # surname spelt with Е comes before the one with Ё, whatever the first names.
    assert [p.full_name for p in sorted(people, key=person_key)] == [
        "Елкина Яна",
        "Ёлкина Алена Сергеевна",
        "Ёлкина Алёна Петровна",
        "Ёлкина Анна Юрьевна",
    ]


# The database ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_orders_names_as_the_key_does():
    """The same ORDER BY on both databases: ICU on PostgreSQL, the key registered with SQLite."""
    with connection.cursor() as cursor:
        rows = " UNION ALL ".join(["SELECT CAST(%s AS VARCHAR(150)) AS name"] * len(TRICKY))
        cursor.execute(f'SELECT name FROM ({rows}) AS names ORDER BY name COLLATE "{COLLATION}"', TRICKY)
        ordered = [row[0] for row in cursor.fetchall()]
    assert ordered == sorted(TRICKY, key=name_key)


@pytest.mark.django_db
def test_querysets_and_default_orderings_of_people_follow_it(world):
    organization = world.a.organization
    for last_name in shuffled(IN_ORDER):
        ParticipantFactory(organization=organization, last_name=last_name)
    people = Participant.objects.filter(organization=organization)
    assert [p.last_name for p in people] == IN_ORDER  # Meta.ordering
    assert [p.last_name for p in people.order_by(*name_order(descending=True))] == IN_ORDER[::-1]
    for last_name in shuffled(IN_ORDER):
        UserFactory(last_name=last_name, username=f"user-{last_name}")
    users = User.objects.filter(username__startswith="user-")
    assert [u.last_name for u in users] == IN_ORDER


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db
def test_on_postgresql_the_collation_is_icu():
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider, colliculocale FROM pg_collation WHERE collname = %s", [COLLATION])
        assert cursor.fetchone() == ("i", "ru-RU")


# Where users read names ---------------------------------------------------------------------------


def listed_names(response) -> list[str]:
    return [participant.last_name for participant in response.context["participants"]]


@pytest.mark.django_db
def test_the_registry_list_in_dictionary_order(client, world):
    for last_name in shuffled(IN_ORDER):
        ParticipantFactory(organization=world.a.organization, last_name=last_name)
    client.force_login(world.a.users[Role.CURATOR])
    url = reverse("participant_list")

    assert listed_names(client.get(url)) == IN_ORDER
    assert listed_names(client.get(url, {"ordering": "name"})) == IN_ORDER
    assert listed_names(client.get(url, {"ordering": "-name"})) == IN_ORDER[::-1]
    # Sorted by class, the names within a class are in dictionary order too.
    assert listed_names(client.get(url, {"ordering": "grade"})) == IN_ORDER
    content = client.get(url).content.decode()
    positions = [content.index(f">{name} ") for name in IN_ORDER]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_the_mentee_registry_xlsx_in_dictionary_order(client, world):
    organization = world.a.organization
    for last_name in shuffled(IN_ORDER):
        MenteeEntryFactory(participant=ParticipantFactory(organization=organization, last_name=last_name))
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(reverse("registry_export", args=["mentees"]) + "?year=2026")
    sheet = xlsx_sheet(response.content)
    names = [row[1].value.split(" ")[0] for row in sheet.iter_rows(min_row=3) if row[1].value]
    assert names == IN_ORDER


@pytest.mark.django_db
def test_the_pairs_approval_order_lists_mentors_and_mentees_in_dictionary_order(world):
    organization = world.a.organization
    program = ProgramFactory(organization=organization)
    mentors = {
        name: consented(ParticipantFactory(organization=organization, last_name=name, class_name="10А"))
        for name in IN_ORDER
    }
    units = []
    for name in shuffled(IN_ORDER):
        mentee = consented(ParticipantFactory(organization=organization, last_name="Петрова", first_name="Ия"))
        units.append(make_unit(program, mentor=mentors[name], mentees=[mentee], status=MentoringUnit.Status.SUBMITTED))
    # A group: its mentees in dictionary order within the row (code points put Ё before Д).
    group_mentor = consented(ParticipantFactory(organization=organization, last_name="Яшина", class_name="11А"))
    group_mentees = [
        consented(ParticipantFactory(organization=organization, last_name=name, first_name="Ия", class_name="5А"))
        for name in ("Ёжикова", "Дёмкина")
    ]
    units.append(make_unit(program, mentor=group_mentor, mentees=group_mentees, status=MentoringUnit.Status.SUBMITTED))
    director = world.a.users[Role.DIRECTOR]

    # The PDF at once, whatever the size of the batch: the test reads it.
    order = pairs.units_approve(units=units, by=director, on_date=datetime.date(2026, 9, 20), pdf_in_background=False)

    with order.pdf.open("rb") as stored:
        # A hyphen at the end of a line is dropped by pdf_text: compare without hyphens.
        text = plain(pdf_text(stored.read())).replace("-", "")
    mentors_in_pdf = re.findall(r"\d+ (\S+) Алёна Игоревна, 10А класс", text)
    assert mentors_in_pdf == [name.replace("-", "") for name in IN_ORDER], text
    positions = [text.index(f"{name} Ия") for name in ("Дёмкина", "Ёжикова")]
    assert positions == sorted(positions), text

    document = Document(io.BytesIO(order_docx(order)))
    cells = [plain(row.cells[1].text) for table in document.tables for row in table.rows[1:]]
    mentors_in_docx = [cell.split(" ")[0] for cell in cells if cell.endswith("10А класс")]
    assert mentors_in_docx == IN_ORDER
