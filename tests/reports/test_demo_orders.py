"""The demo's order register (reports.demo, with the approval orders of mentoring.pairs.demo): the
school's orders of the year numbered in the order of their dates, a draft, a letter, a municipal order."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from accounts.models import Municipality, Organization, User
from mentoring.academic_year import academic_year_of
from mentoring.models import MentoringUnit, Participant, PartnerOrganization
from monitoring.indicators.models import Indicator, Target
from reports.drafting import mentors_to_reward
from reports.models import Order
from reports.rendering import order_docx
from roadmap.models import Roadmap
from roadmap.table import order_appendix
from tests.helpers import kept_until_rolled_back
from tests.mentoring import test_demo_pairs as demo_helpers
from tests.reports import plain

REGISTERED = Order.Status.REGISTERED


def pdf_text(order: Order) -> str:
    text = "".join(page.extract_text() for page in PdfReader(order.pdf.path).pages)
    # The typography's no-break spaces, hyphens and word joiners (reports.typography) as plain text.
    return text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2060", "")


def register(series: str = "order", **owner) -> list[Order]:
    registered = Order.objects.filter(series=series, **owner).exclude(status=Order.Status.DRAFT)
    return list(registered.order_by("year", "sequence", "pk"))


def check_numbers_follow_dates(orders: list[Order], pattern: str = "{n}-ОД") -> None:
    """Within each calendar year: 1-ОД, 2-ОД… with no gap, and a later number never has an earlier date."""
    years = sorted({order.year for order in orders})
    for year in years:
        of_year = [order for order in orders if order.year == year]
        assert [order.number for order in of_year] == [pattern.format(n=n) for n in range(1, len(of_year) + 1)]
        assert [order.date for order in of_year] == sorted(order.date for order in of_year)


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    with kept_until_rolled_back(django_db_blocker), demo_helpers.today_is(demo_helpers.demo_today()):
        demo_helpers.seed_demo()
        yield


@pytest.fixture
def school(demo, db) -> Organization:
    return Organization.objects.get(short_name="МБОУ «СОШ № 3»")


@pytest.fixture
def municipality(school) -> Municipality:
    return school.municipality


class TestTheRegisterOfLateNovember:
    def test_the_schools_register_in_the_order_of_dates(self, school):
        year = demo_helpers.demo_today().year
        orders = register(organization=school)
        assert [(order.number, order.title) for order in orders] == [
            ("1-ОД", "О внедрении целевой модели наставничества"),
            ("2-ОД", "О назначении куратора внедрения целевой модели наставничества"),
            ("3-ОД", "Об организации «Школы наставников»"),
            ("4-ОД", "Об утверждении наставнических пар/групп"),
            ("5-ОД", "Об утверждении наставнических пар/групп"),
        ]
        letters = register("letter", organization=school)
        # The letter has the outgoing letters' own numbers, not the orders' (which would make it 6-ОД).
        assert [(letter.number, letter.title) for letter in letters] == [("1", "Благодарственное письмо")]
        assert {order.status for order in orders + letters} == {REGISTERED}
        assert all(order.pdf for order in orders + letters)
        assert orders[0].date == orders[1].date == datetime.date(year, 9, 1)
        check_numbers_follow_dates(orders)

    def test_the_introduction_order_has_the_schools_roadmap_as_its_appendix(self, school):
        order = Order.objects.get(organization=school, kind__code="model-introduction")
        roadmap = Roadmap.objects.get(organization=school, academic_year=order.date.year, is_template=False)
        appendix, indicators = order.appendices
        assert appendix["columns"] == roadmap.column_headings
        assert appendix["rows"] == order_appendix(roadmap)["rows"]
        # The roadmap's own title stands above its table, in place of the kind's general one.
        assert appendix["intro"][-1] == roadmap.title and appendix["title"] == ""
        text = pdf_text(order)
        assert " ".join(roadmap.title.split()[:4]) in " ".join(text.split())
        assert "ПРИКАЗ" in text and "№ 1-ОД" in text
        assert f"к приказу от 01.09.{order.date.year} № 1-ОД" in text
        assert appendix["rows"][0][1].split()[0] in text  # the first stage of the roadmap
        # The municipality's indicators and targets, which the school is to reach (item 5).
        assert indicators["title"] == (
            "Показатели эффективности внедрения целевой модели наставничества в МБОУ «СОШ № 3»"
        )
        assert indicators["rows"][0][3] == "20" and indicators["columns"][3] == "2021"
        assert order.items[4]["text"].endswith("на уровне не ниже планируемых (приложение 2).")
        assert f"Приложение 2 к приказу от 01.09.{order.date.year} № 1-ОД" in re.sub(r"\s+", " ", text)

    def test_the_curator_and_the_school_of_mentors(self, school):
        curator = Order.objects.get(organization=school, kind__code="curator-appointment")
        # The person appointed in the accusative, as seed 000 writes it («Холодову Наталью Ивановну, заместителя…»).
        assert curator.items[0]["text"] == (
            "Назначить куратором внедрения целевой модели наставничества в МБОУ «СОШ № 3» (далее — куратор) "
            "Белову Анну Сергеевну, заместителя директора по учебно-воспитательной работе."
        )
        assert curator.acquainted == ["Белова Анна Сергеевна"]
        school_order = Order.objects.get(organization=school, kind__code="mentor-school")
        (appendix,) = school_order.appendices
        assert appendix["columns"] == ["№", "Тема занятия", "Дата", "Ответственный"]
        assert [row[0] for row in appendix["rows"]] == ["1", "2", "3", "4"]
        assert appendix["rows"][-1][2] == f"17.10.{school_order.date.year}"
        assert "Кузнецов Игорь Петрович" in school_order.acquainted
        assert "Нормативные основы наставничества" in pdf_text(school_order)

    def test_the_approval_orders_are_those_of_the_units(self, school):
        orders = Order.objects.filter(organization=school, kind__code="pairs-approval").order_by("sequence")
        assert [order.approved_units.count() for order in orders] == [
            len(order.appendices[0]["rows"]) for order in orders
        ]
        assert MentoringUnit.objects.filter(approval_order__in=orders).count() == sum(
            len(order.appendices[0]["rows"]) for order in orders
        )

    def test_the_reward_order_is_a_draft_listing_the_registrys_mentors(self, school):
        order = Order.objects.get(organization=school, kind__code="mentor-reward")
        assert order.status == Order.Status.DRAFT and order.number == ""
        rows = order.appendices[0]["rows"]
        assert rows == mentors_to_reward(school, order.date)
        assert len(rows) >= 10
        assert order.title == f"О поощрении наставников по итогам {order.date.year}/{order.date.year + 1} учебного года"

    def test_the_introduction_order_names_the_curator_in_the_accusative(self, school):
        order = Order.objects.get(organization=school, kind__code="model-introduction")
        texts = [item["text"] for item in order.items]
        assert (
            "Назначить куратором внедрения целевой модели наставничества (далее — куратор) Белову Анну Сергеевну, "
            "заместителя директора по учебно-воспитательной работе." in texts
        )
        assert "Внедрить в МБОУ «СОШ № 3» целевую модель наставничества" in texts[0]

    def test_the_reward_list_agrees_with_each_pupils_gender(self, school):
        order = Order.objects.get(organization=school, kind__code="mentor-reward")
        pupils = {
            person.full_name: person
            for person in Participant.objects.filter(organization=school, category=Participant.Category.STUDENT)
        }
        rows = [row for row in order.appendices[0]["rows"] if row[1] in pupils]
        assert rows
        for _number, name, position, _reward in rows:
            person = pupils[name]
            word = "обучающаяся" if person.gender == Participant.Gender.FEMALE else "обучающийся"
            assert position.startswith(f"{word} {person.class_name} класса"), (name, position)

    def test_the_thank_you_letter_to_the_partner_enterprise(self, school):
        partner = PartnerOrganization.objects.get(organization=school, kind=PartnerOrganization.Kind.ENTERPRISE)
        letter = Order.objects.get(organization=school, kind__code="partner-thanks")
        assert letter.status == REGISTERED
        assert letter.addressee == f"Руководителю {partner.name}"
        text = re.sub(r"\s+", " ", pdf_text(letter))
        assert "выражает искреннюю благодарность" in text
        assert f"исх. № 1 от {letter.date:%d.%m.%Y}" in text
        assert not re.search(r"\d-ОД", text)
        # The letterhead carries the school's reference data (ГОСТ Р 7.0.97-2016, requisite 07).
        for line in (
            "ул. Школьная, д. 12, г. Заречный, Заречная область, 623003",
            "тел. +7 (34000) 2-10-03, e-mail: school3@zarechny.example",
            "https://school3.zarechny.example",
            "ОКПО 00000035, ОГРН 1020000000030",
            "ИНН/КПП 0003000030/000301001",
        ):
            assert line in text

    def test_the_municipal_roadmap_order(self, municipality):
        municipality.refresh_from_db()
        assert municipality.authority == "Управление образования администрации Заречного городского округа"
        assert municipality.city == "г. Заречный"
        order = Order.objects.get(municipality=municipality, kind__code="municipal-roadmap")
        roadmap = Roadmap.objects.get(municipality=municipality, is_template=False)
        assert order.status == REGISTERED
        assert order.title.startswith(
            "О реализации целевой модели наставничества в образовательных организациях Заречного городского округа"
        )
        assert order.header_organization == municipality.authority
        assert (order.signatory_position, order.signatory_name) == (
            "Начальник управления образования",
            "Л. В. Голованова",
        )
        # The order the municipal roadmap says approved it.
        assert f"от {order.date:%d.%m.%Y} № {order.number}" in roadmap.approval_text
        assert order.appendices[0]["rows"] == order_appendix(roadmap)["rows"]
        text = pdf_text(order)
        assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ЗАРЕЧНОГО" in text
        flat = re.sub(r"\s+", " ", text)
        assert "в образовательных организациях Заречного городского округа (приложение 1)" in flat
        assert f"УТВЕРЖДЕНА приказом управления образования от {order.date:%d.%m.%Y} № {order.number}" in flat
        assert "Начальник управления образования Л. В. Голованова" in text

    def test_the_municipal_introduction_approves_the_target_model(self, municipality):
        order = Order.objects.get(municipality=municipality, kind__code="municipal-introduction")
        assert order.status == REGISTERED
        assert order.title == (
            "О внедрении целевой модели наставничества в образовательных организациях Заречного городского округа"
        )
        version = municipality.statute.versions.get()
        assert (version.is_approved, version.order, version.approved_number) == (True, order, order.number)
        assert order.appendices[0]["statute_version"] == version.pk
        flat = re.sub(r"\s+", " ", pdf_text(order))
        assert "образовательных организаций Заречного городского округа (приложение 1)" in flat
        assert f"УТВЕРЖДЕНА приказом от {order.date:%d.%m.%Y} № {order.number}" in flat
        assert "1. Общие положения" in flat and "6. Мониторинг и оценка результатов" in flat

    def test_the_municipal_order_approves_the_indicators_and_their_targets(self, municipality):
        order = Order.objects.get(municipality=municipality, kind__code="municipal-introduction")
        indicators = list(Indicator.objects.filter(active=True).order_by("position", "code"))
        years = sorted(set(Target.objects.filter(municipality=municipality).values_list("year", flat=True)))
        assert years[0] == 2021 and len(years) >= 4
        appendix = order.appendices[1]
        assert (
            appendix["title"]
            == "Показатели эффективности внедрения целевой модели наставничества в Заречном городском округе"
        )
        assert appendix["columns"] == ["№ п/п", "Наименование показателя", "Ед. изм.", *map(str, years)]
        assert appendix["header_groups"] == [{"title": "Контрольные значения по годам", "first": 3, "span": len(years)}]
        # The indicators in their order, by their full names, with the targets by year (seed 001, приложение 2).
        assert [row[:2] for row in appendix["rows"]] == [[str(n), i.name] for n, i in enumerate(indicators, 1)]
        mentees = appendix["rows"][[i.code for i in indicators].index("students-mentees")]
        assert mentees[2:4] == ["%", "20"]
        targets = Target.objects.filter(municipality=municipality, indicator__code="students-mentees")
        assert mentees[3:] == [f"{targets.get(year=year).value.normalize():f}" for year in years]
        assert any(item["text"].endswith("и их контрольные значения по годам (приложение 2).") for item in order.items)

        text = re.sub(r"\s+", " ", pdf_text(order))
        assert "Приложение 2 к приказу от" in text
        assert "Показатели эффективности внедрения целевой модели наставничества в Заречном городском округе" in text
        # Hyphenated words of the table's narrow cells read whole.
        table = text.replace("\u2010 ", "")
        header = f"№ п/п Наименование показателя Ед. изм. Контрольные значения по годам {' '.join(map(str, years))}"
        assert f"{header} 1 {indicators[0].name} %" in table
        row = " ".join(mentees[3:])
        assert f"{indicators[-1].name} % " in table and f"% {row}" in table

        document = Document(io.BytesIO(order_docx(order)))
        table = document.tables[-1]
        # Two header rows: «Контрольные значения по годам» across the years, the other titles down both rows.
        top = [plain(cell.text) for cell in table.rows[0].cells]
        assert top == ["№ п/п", "Наименование показателя", "Ед. изм.", *["Контрольные значения по годам"] * len(years)]
        second = [plain(cell.text) for cell in table.rows[1].cells]
        assert second == ["№ п/п", "Наименование показателя", "Ед. изм.", *map(str, years)]
        cells = [[plain(cell.text) for cell in row.cells] for row in table.rows[2:]]
        assert cells == appendix["rows"]

    def test_the_register_page_lists_the_numbers(self, client, school):
        client.force_login(User.objects.get(username="school.director"))
        page = client.get(reverse("order_list")).content.decode()
        for number in ("№ 1-ОД", "№ 3-ОД", "№ 5-ОД", "исх. № 1"):
            assert number in page
        assert "6-ОД" not in page
        assert "О поощрении наставников" in page
        letters = client.get(reverse("order_list"), {"series": "letter"}).content.decode()
        assert "исх. № 1" in letters and "Благодарственное письмо" in letters
        assert "1-ОД" not in letters and "О поощрении наставников по итогам" not in letters
        # The tab's filter offers the kinds of letters only.
        assert "Благодарственное письмо организации-партнёру</option>" in letters
        assert "О поощрении наставников</option>" not in letters

    def test_a_second_seeding_creates_nothing_new(self, school, municipality):
        def snapshot():
            fields = ("organization", "municipality", "kind__code", "number", "status", "date")
            return sorted(Order.objects.values_list(*fields), key=repr)

        before = snapshot()
        demo_helpers.seed_demo()
        assert snapshot() == before


def test_the_register_across_the_new_calendar_year(db):
    """In January the second approval order and the letter open the numbers of the new calendar year."""
    year = academic_year_of(timezone.localdate())
    day = datetime.date(year + 1, 1, 10)
    with demo_helpers.today_is(day):
        demo_helpers.seed_demo()
        school = Organization.objects.get(short_name="МБОУ «СОШ № 3»")
        orders = register(organization=school)
        check_numbers_follow_dates(orders)
        assert [(order.year, order.number) for order in orders] == [
            (year, "1-ОД"),
            (year, "2-ОД"),
            (year, "3-ОД"),
            (year, "4-ОД"),
            (year + 1, "1-ОД"),
        ]
        assert [(letter.year, letter.number) for letter in register("letter", organization=school)] == [(year + 1, "1")]
        before = len(Order.objects.all())
        demo_helpers.seed_demo()
        assert len(Order.objects.all()) == before
