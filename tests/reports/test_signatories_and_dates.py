"""Who signs every kind of document (the organization's director, the municipality's head) and the
dates of the events orders are about (from the draft form or the roadmap's term, a blank only where
nothing is known)."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from accounts.models import Municipality, Organization, Role, User
from reports import services
from reports.drafting import EventDate, drafting_context, initials_first
from reports.models import OrderKind
from reports.order_kinds import KINDS
from reports.rendering import order_docx, order_pdf
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.helpers import kept_until_rolled_back
from tests.mentoring import test_demo_pairs as demo_helpers
from tests.reports import pdf_text, plain
from tests.roadmap.factories import activity_in, municipal_activity_in

NOVEMBER = datetime.date(2026, 11, 20)
SCHOOL_KINDS = [kind["code"] for kind in KINDS if kind.get("scope", "organization") == "organization"]
MUNICIPAL_KINDS = [kind["code"] for kind in KINDS if kind.get("scope") == "municipality"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with kept_until_rolled_back(django_db_blocker), demo_helpers.today_is(demo_helpers.demo_today()):
        demo_helpers.seed_demo()
        yield


class TestEveryShippedKindIsSignedForTheDemo:
    """Every kind the product ships, drafted from the demo's data through the service the pages use,
    prints its signature block: the head's position and «И. О. Фамилия», in the PDF and the DOCX."""

    def check(self, owner: dict, code: str, position: str, name: str) -> None:
        by = User.objects.get(username="coordinator" if "municipality" in owner else "school.curator")
        order = services.order_draft(
            kind=OrderKind.objects.get(code=code), by=by, on_date=demo_helpers.demo_today(), **owner
        )
        assert (order.signatory_position, order.signatory_name) == (position, name)
        assert f"{position} {name}" in pdf_text(order_pdf(order))
        signature = Document(io.BytesIO(order_docx(order))).tables
        assert any([plain(cell.text) for cell in table.rows[0].cells] == [position, "", name] for table in signature)

    @pytest.mark.parametrize("code", SCHOOL_KINDS)
    def test_a_school_kind(self, demo, db, code):
        school = Organization.objects.get(short_name="МБОУ «СОШ № 3»")
        self.check({"organization": school}, code, "Директор", "М. В. Соколова")

    @pytest.mark.parametrize("code", MUNICIPAL_KINDS)
    def test_a_municipal_kind(self, demo, db, code):
        municipality = Municipality.objects.get(name="Заречный городской округ")
        self.check({"municipality": municipality}, code, "Начальник управления образования", "Л. В. Голованова")

    def test_the_kindergarten_s_head_signs_as_its_head(self, demo, db):
        kindergarten = Organization.objects.get(short_name="МБДОУ «Детский сад № 7»")
        self.check({"organization": kindergarten}, "mentor-reward", "Заведующий", "Н. П. Егорова")

    def test_the_final_event_of_the_demo_is_in_the_year_of_its_roadmap_term(self, demo, db):
        """The demo school's roadmap holds «Лучшая пара» in «май-август 2027»; the order drafted in
        November 2026 names 2027, not the year it is drafted in."""
        school = Organization.objects.get(short_name="МБОУ «СОШ № 3»")
        order = services.order_draft(
            kind=OrderKind.objects.get(code="final-event"),
            by=User.objects.get(username="school.curator"),
            organization=school,
            on_date=demo_helpers.demo_today(),
        )
        year = demo_helpers.demo_today().year + 1
        assert order.items[0]["text"].endswith(f"групп) «___» __________ {year} г.")


def test_the_municipal_signatory_is_the_head_named_in_the_details(db):
    municipality = OrganizationFactory().municipality
    order = services.order_draft(
        kind=OrderKind.objects.get(code="municipal-introduction"), by=UserFactory(), municipality=municipality
    )
    # No head named yet: the draft is made unsigned and registration asks for a signatory.
    assert (order.signatory_position, order.signatory_name) == ("", "")
    municipality.head_name, municipality.head_position = "Ким Ольга Игоревна", "Начальник Управления образования"
    municipality.save()
    order = services.order_draft(
        kind=OrderKind.objects.get(code="municipal-introduction"), by=UserFactory(), municipality=municipality
    )
    assert (order.signatory_position, order.signatory_name) == ("Начальник Управления образования", "О. И. Ким")
    context = drafting_context(municipality=municipality, on_date=NOVEMBER)
    assert (context["head_short"], context["signatory_short"]) == ("О. И. Ким", "О. И. Ким")


def test_a_kind_may_name_the_signatory_in_its_text(db):
    school = OrganizationFactory(director_name="Соколова Марина Викторовна", director_position="Директор")
    kind = OrderKind.objects.create(
        code="own-letter",
        name="Письмо",
        document=OrderKind.Document.LETTER,
        title_template="Письмо",
        body_template="{{ signatory_position }} {{ organization.short_name }} {{ signatory_name }} сообщает.",
        control_text="",
    )
    order = services.order_draft(kind=kind, by=UserFactory(), organization=school, on_date=NOVEMBER)
    assert order.body == f"Директор {school.short_name} Соколова Марина Викторовна сообщает."
    assert initials_first("Соколова Марина Викторовна") == "М. В. Соколова"


@pytest.mark.parametrize(
    ("event", "printed"),
    [
        (EventDate(2027, 5, 20), "20 мая 2027 г."),
        (EventDate(2027, 5), "«___» мая 2027 г."),
        (EventDate(2027), "«___» __________ 2027 г."),
        (EventDate(), "«___» __________ 20___ г."),
    ],
)
def test_an_event_date_prints_what_is_known(event, printed):
    assert str(event) == printed


def final_event(owner: dict, on_date: datetime.date = NOVEMBER, **extra):
    order = services.order_draft(
        kind=OrderKind.objects.get(code="final-event"), by=UserFactory(), on_date=on_date, extra=extra, **owner
    )
    return order.items[0]["text"]


@pytest.mark.parametrize(
    ("term", "printed"),
    [
        ("20 мая 2027", "20 мая 2027 г."),
        ("20.05.2027", "20 мая 2027 г."),
        ("май 2027", "«___» мая 2027 г."),
        # Without a year: the first May of the roadmap's period (2026/2027).
        ("май", "«___» мая 2027 г."),
        ("май-август 2027", "«___» __________ 2027 г."),
        # A deadline is no day of the event: the event may come earlier.
        ("до 20 мая 2027", "«___» __________ 2027 г."),
        # A term across two calendar years says nothing of the year.
        ("в течение учебного года", "«___» __________ 20___ г."),
        ("по отдельному плану", "«___» __________ 20___ г."),
    ],
)
def test_the_final_event_takes_its_date_from_the_roadmap(db, term, printed):
    school = OrganizationFactory()
    activity_in(school, title="Проведение школьного конкурса «Лучшая пара»", term_text=term)
    activity_in(school, title="Издание приказа «О проведении итогового мероприятия»", term_text="январь 2027")
    assert final_event({"organization": school}).endswith(f"групп) {printed}")


def test_the_event_is_found_in_the_content_of_a_row_too(db):
    """Seed 000 lists the contest as a line of a row's content, under «Мотивация и поощрение наставников»."""
    school = OrganizationFactory()
    activity_in(
        school,
        title="",
        content="4. Публикация результатов.\n5. Проведение школьного конкурса «Лучшая пара».",
        term_text="май 2027",
    )
    assert final_event({"organization": school}).endswith("«___» мая 2027 г.")


def test_the_date_given_in_the_draft_form_wins_over_the_roadmap(db):
    school = OrganizationFactory()
    activity_in(school, title="Конкурс «Лучшая пара»", term_text="май 2027")
    text = final_event({"organization": school}, event_date=datetime.date(2027, 5, 21))
    assert text.endswith("групп) 21 мая 2027 г.")


def test_without_a_roadmap_the_date_is_a_blank_with_no_year(db):
    school = OrganizationFactory()
    assert final_event({"organization": school}).endswith("групп) «___» __________ 20___ г.")
    # Another organization's roadmap, or the school's roadmap of another year, says nothing of it.
    activity_in(OrganizationFactory(), title="Конкурс «Лучшая пара»", term_text="май 2027")
    activity_in(school, title="Конкурс «Лучшая пара»", term_text="май 2027")
    assert final_event({"organization": school}, on_date=datetime.date(2027, 10, 1)).endswith("20___ г.")


def test_a_recurring_event_takes_its_next_occurrence(db):
    """A municipal roadmap runs several years: «ежегодно в мае» is the May after the order's date."""
    municipality = OrganizationFactory().municipality
    municipal_activity_in(municipality, title="Итоговое мероприятие: конкурс «Лучшая пара»", term_text="ежегодно в мае")
    kind = OrderKind.objects.get(code="final-event")
    context = drafting_context(municipality=municipality, on_date=datetime.date(2027, 6, 10), kind=kind)
    assert str(context["event_date"]) == "«___» мая 2028 г."


def test_the_event_date_is_given_on_the_new_draft_page(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    kind = OrderKind.objects.get(code="final-event")
    url = reverse("order_create")
    response = client.post(url, {"kind": kind.pk, "date": "20.11.2026", "event_date": "32.05.2027"})
    assert response.context["form"].errors == {"event_date": ["Такой даты нет: 32.05.2027. Проверьте день и месяц."]}
    assert not world.a.organization.orders.exists()
    client.post(url, {"kind": kind.pk, "date": "20.11.2026", "event_date": "21.05.2027"})
    (order,) = world.a.organization.orders.all()
    assert order.items[0]["text"].endswith("групп) 21 мая 2027 г.")
    assert "Дата мероприятия" in client.get(url).content.decode()
