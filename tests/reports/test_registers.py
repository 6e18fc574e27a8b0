"""The register's two series of numbers: orders («1-ОД», the organization's order_number_pattern) and
outgoing letters («исх. № 1», its letter_number_pattern), each counted on its own per register and year."""

import datetime
import importlib
import threading
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from reports import services
from reports.models import Order, OrderKind
from reports.selectors import expected_number
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.helpers import assert_queries_constant
from tests.reports import pdf_text

DAY = datetime.date(2026, 9, 1)


@pytest.fixture
def fast_pdf(monkeypatch):
    """Registration stores a PDF; what it prints is checked where a test renders it for real."""
    monkeypatch.setattr(services, "order_pdf", lambda order: b"%PDF-1.7 " + order.number.encode())


def draft(organization, code: str, on_date: datetime.date = DAY, **fields) -> Order:
    order = services.order_draft(
        kind=OrderKind.objects.get(code=code), by=UserFactory(), organization=organization, on_date=on_date
    )
    if fields:
        order = services.order_update(order=order, by=UserFactory(), **fields)
    return order


def order(organization, **fields) -> Order:
    return draft(organization, "curator-appointment", **fields)


def letter(organization, **fields) -> Order:
    return draft(organization, "partner-thanks", **fields)


def register(document: Order) -> Order:
    return services.order_register(order=document, by=UserFactory())


def test_interleaved_orders_and_letters_are_numbered_each_in_its_series(db, fast_pdf):
    school = OrganizationFactory()
    numbers = [register(make(school)).number for make in (order, letter, order, letter, letter, order)]
    assert numbers == ["1-ОД", "1", "2-ОД", "2", "3", "3-ОД"]
    series = dict(Order.objects.values_list("number", "series"))
    assert series == {"1-ОД": "order", "2-ОД": "order", "3-ОД": "order", "1": "letter", "2": "letter", "3": "letter"}
    # Another school and another year start both series anew.
    assert [register(make(OrganizationFactory())).number for make in (letter, order)] == ["1", "1-ОД"]
    next_year = datetime.date(2027, 1, 11)
    assert register(letter(school, date=next_year)).number == "1"
    assert register(order(school, date=next_year)).number == "1-ОД"


def test_a_letter_prints_its_own_number(db):
    school = OrganizationFactory()
    register(order(school))
    sent = register(letter(school))
    assert sent.number == "1"
    text = pdf_text(sent.pdf.read())
    assert "исх. № 1 от 01.09.2026" in text
    assert "1-ОД" not in text


def test_the_letters_pattern_is_the_organization_s_own(db, fast_pdf):
    school = OrganizationFactory(letter_number_pattern="01-15/{n}")
    assert [register(letter(school)).number for _ in range(2)] == ["01-15/1", "01-15/2"]
    assert register(order(school)).number == "1-ОД"


def test_numbers_typed_by_hand_are_checked_within_the_series(db, fast_pdf):
    school = OrganizationFactory()
    register(order(school))
    # The letters' series has no «1-ОД»: a letter may carry it (a school copying its paper journal).
    assert register(letter(school, number="1-ОД")).number == "1-ОД"
    assert register(letter(school, number="5")).number == "5"
    duplicate = letter(school, number="5")
    with pytest.raises(ValidationError) as error:
        register(duplicate)
    assert error.value.message_dict["number"] == ["Номер 5 уже занят в 2026 году."]
    # The next automatic letter goes on after the highest one given by the pattern, skipping «5».
    assert [register(letter(school)).number for _ in range(5)] == ["1", "2", "3", "4", "6"]
    assert register(order(school)).number == "2-ОД"


def test_the_confirmation_page_previews_the_number_of_the_series(db, fast_pdf):
    school = OrganizationFactory()
    register(order(school))
    register(order(school))
    assert expected_number(letter(school)) == "1"
    assert expected_number(order(school)) == "3-ОД"


def test_a_municipality_numbers_its_letters_apart_too(db, fast_pdf):
    municipality = OrganizationFactory().municipality
    municipality.head_name, municipality.head_position = "Ким Ольга Игоревна", "Начальник управления образования"
    municipality.letter_number_pattern = "{n}-исх"
    municipality.authority = "Управление образования администрации Заречного городского округа"
    municipality.city, municipality.address, municipality.postal_code = "г. Заречный", "ул. Ленина, д. 1", "623100"
    municipality.phone, municipality.inn, municipality.kpp = "+7 (34000) 2-14-00", "0003001002", "000301001"
    municipality.save()
    kind = OrderKind.objects.create(
        code="municipal-letter",
        name="Письмо руководителям",
        document=OrderKind.Document.LETTER,
        scope=OrderKind.Scope.MUNICIPALITY,
        title_template="О мониторинге",
        body_template="Направляем форму мониторинга.",
        control_text="",
    )
    made = []
    for code in ("municipal-introduction", "municipal-letter", "municipal-introduction", "municipal-letter"):
        document = services.order_draft(
            kind=OrderKind.objects.get(code=code), by=UserFactory(), municipality=municipality, on_date=DAY
        )
        made.append(register(document))
    assert [document.number for document in made] == ["1", "1-исх", "2", "2-исх"]
    assert made[1].signatory_name == "О. И. Ким" and kind.orders.count() == 2
    # The authority's letterhead: its name and reference data; an order has none.
    assert made[1].header_organization == municipality.authority
    assert made[1].header_details.splitlines() == [
        f"ул. Ленина, д. 1, г. Заречный, {municipality.region.name}, 623100",
        "тел. +7 (34000) 2-14-00",
        "ИНН/КПП 0003001002/000301001",
    ]
    assert made[0].header_details == ""


def test_the_register_page_shows_each_series_with_its_numbers(client, world, fast_pdf):
    school = world.a.organization
    for make in (order, letter, order, letter):
        register(make(school))
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("order_list")

    def numbers(**query) -> list[str]:
        return [document.number for document in client.get(url, query).context["orders"]]

    assert sorted(numbers()) == ["1", "1-ОД", "2", "2-ОД"]
    assert numbers(series="order", ordering="number") == ["1-ОД", "2-ОД"]
    assert numbers(series="letter", ordering="number") == ["1", "2"]
    # Sorted by number, the orders of a year come first, then its letters.
    assert numbers(ordering="number") == ["1-ОД", "2-ОД", "1", "2"]
    page = client.get(url, {"series": "letter"}).content.decode()
    assert "исх. № 1" in page and "исх. № 2" in page and "№ 1-ОД" not in page
    assert f'aria-current="page" href="{url}?series=letter">Исходящие письма' in page
    assert 'name="series" value="letter"' in page  # the filters keep the tab
    assert "Все документы" in page and "Приказы" in page


def test_the_letters_tab_keeps_its_query_count(client, world, fast_pdf):
    school = world.a.organization
    register(letter(school))
    client.force_login(world.a.users[Role.DIRECTOR])

    def grow():
        for _ in range(3):
            register(letter(school))
            register(order(school))
            letter(school)

    assert_queries_constant(lambda: client.get(reverse("order_list"), {"series": "letter"}), grow)


def _series_migration():
    """The data migration that split the series (found by name: merges may renumber it)."""
    (path,) = Path(apps.get_app_config("reports").path, "migrations").glob("*_letter_series_*.py")
    return importlib.import_module(f"reports.migrations.{path.stem}")


def test_the_migration_keeps_the_letters_numbers_and_the_orders_go_on(db, fast_pdf):
    """Before the split a letter took the orders' next number (the demo's «6-ОД»). The migration moves
    the letters to their series without renumbering them; what the next numbers become is explained in
    the migration."""
    last_letter = OrganizationFactory()
    orders_after = OrganizationFactory()
    for school, documents in ((last_letter, "OOOOOL"), (orders_after, "OOLOLO")):
        for sequence, kind in enumerate(documents, start=1):
            document = letter(school) if kind == "L" else order(school)
            document = register(document)
            # As the old numbering left it: one series, the letter in it.
            Order.objects.filter(pk=document.pk).update(
                series="order", sequence=sequence, number=f"{sequence}-ОД", pdf=f"{sequence}.pdf"
            )
    before = dict(Order.objects.values_list("pk", "number"))

    _series_migration().letters_to_their_series(apps, None)

    assert dict(Order.objects.values_list("pk", "number")) == before
    letters = Order.objects.filter(kind__document=OrderKind.Document.LETTER).order_by("pk")
    assert [(document.series, document.number, document.sequence) for document in letters] == [
        ("letter", "6-ОД", 1),
        ("letter", "3-ОД", 1),
        ("letter", "5-ОД", 2),
    ]
    # The letter held the last number: the order book goes on with 6-ОД, the letters with «исх. № 2».
    assert register(order(last_letter)).number == "6-ОД"
    assert register(letter(last_letter)).number == "2"
    # Orders went on after the letters: 3-ОД and 5-ОД stay gaps of the order book.
    assert register(order(orders_after)).number == "7-ОД"
    assert register(letter(orders_after)).number == "3"


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_and_letters_get_different_numbers(monkeypatch, reference_data):
    """Two orders and two letters registered at the same moment queue on the register's row lock."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serializes every write anyway)")
    school = OrganizationFactory()
    drafts = [order(school), letter(school), order(school), letter(school)]
    started = threading.Barrier(len(drafts))

    def slow_pdf(document):
        # Widens the window in which a second registration would read the same last number.
        threading.Event().wait(0.2)
        return b"%PDF-1.7"

    monkeypatch.setattr(services, "order_pdf", slow_pdf)
    errors = []

    def run(document):
        try:
            started.wait()
            register(document)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(document,)) for document in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Order.objects.values_list("series", "number"))
    assert numbers == [("letter", "1"), ("letter", "2"), ("order", "1-ОД"), ("order", "2-ОД")]
