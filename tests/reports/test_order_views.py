import datetime
import io
from decimal import Decimal
from urllib.parse import quote

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from monitoring.indicators.models import Indicator
from reports.models import Order, OrderKind
from tests.helpers import assert_queries_constant
from tests.indicators.factories import TargetFactory
from tests.mentoring.factories import PartnerFactory
from tests.reports.factories import draft_order, registered_order


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def url(name, order=None):
    return reverse(name, kwargs={"pk": order.pk} if order else None)


def page(response) -> str:
    return response.content.decode()


def today() -> str:
    return f"{timezone.localdate():%d.%m.%Y}"


@pytest.fixture
def as_user(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def director(as_user, world):
    return as_user(world.a.users[Role.DIRECTOR])


@pytest.fixture
def curator(as_user, world):
    return as_user(world.a.users[Role.CURATOR])


def edit_data(order: Order, **changes) -> dict:
    """The edit form as the page posts it back unchanged, with the given changes."""
    data = {
        "date": f"{order.date:%d.%m.%Y}",
        "number": order.number,
        "place": order.place,
        "header_founder": order.header_founder,
        "header_organization": order.header_organization,
        "header_details": order.header_details,
        "title": order.title,
        "preamble": order.preamble,
        "control_text": order.control_text,
        "addressee": order.addressee,
        "body": order.body,
        "signatory_position": order.signatory_position,
        "signatory_name": order.signatory_name,
        "executor": order.executor,
        "executor_phone": order.executor_phone,
        "acquainted_text": "\n".join(order.acquainted),
        "items-TOTAL_FORMS": str(len(order.items)),
        "items-INITIAL_FORMS": str(len(order.items)),
    }
    for index, item in enumerate(order.items):
        for key in ("text", "responsible", "term"):
            data[f"items-{index}-{key}"] = item[key]
    for index, appendix in enumerate(order.appendices):
        data[f"appendix_{index}_title"] = appendix["title"]
        data[f"appendix_{index}_rows"] = "\n".join(" | ".join(row) for row in appendix["rows"])
    data.update(changes)
    return data


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_every_page_works_for_the_curator_and_the_director(role, as_user, world):
    client = as_user(world.a.users[role])
    assert "Реестр приказов" in page(client.get(url("order_list")))
    assert "О назначении куратора" in page(client.get(url("order_create")))
    kind = OrderKind.objects.get(code="final-event")
    response = client.post(url("order_create"), {"kind": kind.pk, "date": today()}, follow=True)
    order = Order.objects.get(organization=world.a.organization)
    assert response.redirect_chain[-1][0] == url("order_update", order)
    assert "Черновик составлен по данным" in page(response)
    assert order.created_by == world.a.users[role] and order.is_draft
    detail = page(client.get(url("order_detail", order)))
    assert "О проведении итогового мероприятия" in detail and "ПРИКАЗЫВАЮ:" in detail and "черновик" in detail
    assert client.get(url("order_pdf", order))["Content-Type"] == "application/pdf"
    assert client.get(url("order_docx", order)).status_code == 200
    assert "Удалить черновик?" in page(client.get(url("order_delete", order)))
    register = client.get(url("order_register", order))
    assert register.status_code == (200 if role == Role.DIRECTOR else 403)


def test_the_director_alone_registers_and_cancels(curator, world, as_user):
    draft = draft_order(world.a.organization)
    registered = registered_order(world.a.organization)
    assert curator.post(url("order_register", draft)).status_code == 403
    assert curator.get(url("order_cancel", registered)).status_code == 403
    assert curator.post(url("order_cancel", registered), {"cancel_reason": "ошибка"}).status_code == 403
    detail = page(curator.get(url("order_detail", draft)))
    assert url("order_register", draft) not in detail and url("order_update", draft) in detail
    draft.refresh_from_db()
    registered.refresh_from_db()
    assert draft.is_draft and registered.status == Order.Status.REGISTERED

    director = as_user(world.a.users[Role.DIRECTOR])
    detail = page(director.get(url("order_detail", draft)))
    assert url("order_register", draft) in detail
    director.post(url("order_register", draft))
    draft.refresh_from_db()
    assert draft.status == Order.Status.REGISTERED and draft.registered_by == world.a.users[Role.DIRECTOR]


def test_register_confirmation_says_what_happens(director, world):
    registered_order(world.a.organization)
    draft = draft_order(world.a.organization)
    confirm = page(director.get(url("order_register", draft)))
    assert f"№ 2-ОД от {today()}" in confirm
    assert "текст фиксируется" in confirm and "О назначении куратора" in confirm


def test_drafts_are_editable_registered_orders_are_not(director, world):
    draft = draft_order(world.a.organization)
    response = director.post(
        url("order_update", draft),
        edit_data(
            draft, title="О назначении куратора наставничества", acquainted_text="Белова А. С.\n\nКузнецов И. П."
        ),
        follow=True,
    )
    assert "Черновик сохранён." in page(response)
    draft.refresh_from_db()
    assert draft.title == "О назначении куратора наставничества"
    assert draft.acquainted == ["Белова А. С.", "Кузнецов И. П."]

    registered = registered_order(world.a.organization)
    title = registered.title
    for name in ("order_update", "order_delete"):
        response = director.get(url(name, registered), follow=True)
        assert response.redirect_chain[-1][0] == url("order_detail", registered)
    response = director.post(url("order_update", registered), edit_data(registered, title="Другое"), follow=True)
    assert "Зарегистрированный приказ нельзя изменить." in page(response)
    response = director.post(url("order_delete", registered), follow=True)
    assert "Зарегистрированный приказ не удаляют: его отменяют." in page(response)
    registered.refresh_from_db()
    assert registered.title == title and registered.status == Order.Status.REGISTERED


def test_numbering_through_the_pages(director, world):
    world.a.organization.order_number_pattern = "{n}-ОД"
    world.a.organization.save()
    first, second, manual, third = (draft_order(world.a.organization) for _ in range(4))
    response = director.post(url("order_register", first), follow=True)
    assert f"Приказ зарегистрирован: № 1-ОД от {today()}" in page(response)
    director.post(url("order_register", second))
    response = director.post(url("order_update", manual), edit_data(manual, number=" 223/1-ОД "))
    assert response.status_code == 302
    director.post(url("order_register", manual))
    director.post(url("order_register", third))
    numbers = [Order.objects.get(pk=order.pk).number for order in (first, second, manual, third)]
    assert numbers == ["1-ОД", "2-ОД", "223/1-ОД", "3-ОД"]
    listing = page(director.get(url("order_list")))
    assert "№ 223/1-ОД" in listing and "№ 3-ОД" in listing


def test_a_taken_number_is_refused_next_to_the_number_field(director, world):
    taken = registered_order(world.a.organization)
    draft = draft_order(world.a.organization)
    response = director.post(url("order_update", draft), edit_data(draft, number=taken.number, title="Новый"))
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        f"Номер {taken.number} уже занят в {timezone.localdate().year} году."
    ]
    draft.refresh_from_db()
    assert draft.number == "" and draft.title != "Новый"

    # Taken between editing and registering: the registration says so and nothing changes.
    other = draft_order(world.a.organization)
    director.post(url("order_update", other), edit_data(other, number="5-ОД"))
    late = draft_order(world.a.organization)
    director.post(url("order_update", late), edit_data(late, number="5-ОД"))
    director.post(url("order_register", other))
    response = director.post(url("order_register", late))
    assert "Номер 5-ОД уже занят" in page(response)
    late.refresh_from_db()
    assert late.is_draft


def test_cancelling_keeps_the_number(director, world):
    order = registered_order(world.a.organization)
    form = page(director.get(url("order_cancel", order)))
    assert "остаётся в реестре со своим номером" in form
    response = director.post(url("order_cancel", order), {"cancel_reason": "  "})
    assert response.context["form"].errors["cancel_reason"]
    response = director.post(url("order_cancel", order), {"cancel_reason": "Отменён приказом № 9-ОД"}, follow=True)
    assert "Приказ отменён" in page(response)
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.number == "1-ОД"
    detail = page(director.get(url("order_detail", order)))
    assert "отменён" in detail and "Отменён приказом № 9-ОД" in detail and "Приказ 1-ОД" in detail
    assert url("order_cancel", order) not in detail
    listing = page(director.get(url("order_list") + "?status=cancelled"))
    assert "№ 1-ОД" in listing and "отменён" in listing
    # The cancelled order prints its frozen text with the mark of cancelling.
    cancelled_pdf = director.get(url("order_pdf", order)).content
    assert cancelled_pdf != order.pdf.open("rb").read()
    assert "ОТМЕНЁН" in pdf_text(cancelled_pdf)
    # The next registration does not take the cancelled number again.
    director.post(url("order_register", draft_order(world.a.organization)))
    assert Order.objects.filter(number="2-ОД").exists()


def test_the_pdf_of_a_registered_order_is_the_stored_one(director, world):
    order = registered_order(world.a.organization)
    stored = order.pdf.open("rb").read()
    organization = world.a.organization
    organization.full_name = "Переименованная школа"
    organization.save()
    response = director.get(url("order_pdf", order))
    assert response.content == stored and stored.startswith(b"%PDF")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert quote(f"Приказ 1-ОД от {order.date:%d.%m.%Y}.pdf") in response["Content-Disposition"]
    # A draft is rendered from its text of now.
    draft = draft_order(organization)
    assert draft.header_organization == "Переименованная школа"
    assert director.get(url("order_pdf", draft)).content.startswith(b"%PDF")


def test_items_are_added_and_removed(director, world):
    draft = draft_order(world.a.organization)
    before = draft.items
    data = edit_data(draft)
    total = len(before)
    data.update(
        {
            "items-0-DELETE": "on",
            f"items-{total}-text": "Куратору провести установочное совещание.",
            f"items-{total}-responsible": "А. С. Белова",
            f"items-{total}-term": "до 15.09",
            f"items-{total + 1}-text": "",
            "items-TOTAL_FORMS": str(total + 2),
        }
    )
    assert director.post(url("order_update", draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.items == [
        *before[1:],
        {"text": "Куратору провести установочное совещание.", "responsible": "А. С. Белова", "term": "до 15.09"},
    ]
    form = page(director.get(url("order_update", draft)))
    assert form.count('data-testid="item-row"') == len(draft.items) + 2 + 1  # two empty rows and the template

    data = edit_data(draft, **{"items-0-text": "", "items-0-responsible": "кто-то"})
    response = director.post(url("order_update", draft), data)
    assert response.context["items"].forms[0].errors["text"] == ["Напишите текст пункта или очистите строку."]


def test_the_appendix_rows_editor(director, world):
    draft = draft_order(world.a.organization, kind="pairs-approval")
    form = page(director.get(url("order_update", draft)))
    assert "ФИО наставника, должность (класс) | ФИО наставляемого" in form
    rows = (
        "1 | Кузнецов Игорь Петрович, учитель | Смирнов Артём, 7А | учитель – ученик | 1 | 01.10.2026 – 31.05.2027\n"
        "2 | Орлова Елена Андреевна | Попова Дарья\n"
    )
    response = director.post(url("order_update", draft), edit_data(draft, appendix_0_rows=rows))
    assert response.context["form"].errors["appendix_0_rows"] == ["Строка 2: ячеек 3, а столбцов в таблице 6."]
    draft.refresh_from_db()
    assert draft.appendices[0]["rows"] == []

    rows = rows.replace("Попова Дарья", "Попова Дарья, 5А | учитель – ученик | 1 | 01.10.2026 – 31.05.2027")
    assert director.post(url("order_update", draft), edit_data(draft, appendix_0_rows=rows)).status_code == 302
    draft.refresh_from_db()
    second = ["2", "Орлова Елена Андреевна", "Попова Дарья, 5А", "учитель – ученик", "1", "01.10.2026 – 31.05.2027"]
    assert draft.appendices[0]["rows"][1] == second
    assert draft.appendices[0]["columns"][0] == "№"
    detail = page(director.get(url("order_detail", draft)))
    assert "<td>Орлова Елена Андреевна</td>" in detail and "Приложение 1 к приказу от" in detail


def test_a_letter_to_a_partner(curator, world):
    partner = PartnerFactory(organization=world.a.organization, name="АО «Заречный завод»")
    foreign = PartnerFactory(organization=world.b.organization)
    kind = OrderKind.objects.get(code="partner-thanks")
    response = curator.post(url("order_create"), {"kind": kind.pk, "partner": foreign.pk, "date": today()})
    assert "partner" in response.context["form"].errors
    curator.post(url("order_create"), {"kind": kind.pk, "partner": partner.pk, "date": today()})
    letter = Order.objects.get(kind=kind)
    assert letter.addressee == "Руководителю АО «Заречный завод»"
    form = page(curator.get(url("order_update", letter)))
    assert 'name="body"' in form and 'name="preamble"' not in form and "items-TOTAL_FORMS" not in form
    # A letter's place is in its letterhead, whose reference data the draft may correct.
    assert 'name="header_details"' in form and 'name="place"' not in form
    details = "ул. Ленина, д. 1, г. Энск, 623000\nтел. +7 (34000) 2-00-01"
    response = curator.post(url("order_update", letter), edit_data(letter, body="Спасибо!", header_details=details))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.body == "Спасибо!"
    assert letter.header_details.splitlines() == ["ул. Ленина, д. 1, г. Энск, 623000", "тел. +7 (34000) 2-00-01"]
    detail = page(curator.get(url("order_detail", letter)))
    assert "Проект письма от" in detail and "тел. +7 (34000) 2-00-01" in detail
    assert "тел. +7 (34000) 2-00-01" in pdf_text(curator.get(url("order_pdf", letter)).content)


def test_only_the_register_s_kinds_are_offered(curator, world):
    municipal = OrderKind.objects.get(code="municipal-introduction")
    form = page(curator.get(url("order_create")))
    assert municipal.name not in form
    response = curator.post(url("order_create"), {"kind": municipal.pk, "date": today()})
    assert "kind" in response.context["form"].errors
    assert not Order.objects.exists()


def test_deleting_a_draft(curator, world):
    draft = draft_order(world.a.organization)
    response = curator.post(url("order_delete", draft), follow=True)
    assert "Черновик удалён." in page(response)
    assert not Order.objects.filter(pk=draft.pk).exists()


def test_another_organization_s_order_is_not_found(director, world):
    foreign = registered_order(world.b.organization)
    foreign_draft = draft_order(world.b.organization)
    for name in ("order_detail", "order_pdf", "order_docx", "order_cancel"):
        assert director.get(url(name, foreign)).status_code == 404, name
    for name in ("order_update", "order_register", "order_delete"):
        assert director.get(url(name, foreign_draft)).status_code == 404, name
        assert director.post(url(name, foreign_draft)).status_code == 404, name
    assert list(director.get(url("order_list")).context["orders"]) == []


def test_the_coordinator_keeps_the_municipal_register(as_user, world):
    school_order = registered_order(world.a.organization)
    coordinator = as_user(world.a.users[Role.COORDINATOR])
    form = page(coordinator.get(url("order_create")))
    assert "О внедрении целевой модели наставничества в образовательных организациях" in form
    assert "О назначении куратора" not in form and 'name="partner"' not in form
    kind = OrderKind.objects.get(code="municipal-introduction")
    coordinator.post(url("order_create"), {"kind": kind.pk, "date": today()})
    order = Order.objects.get(municipality=world.a.municipality)
    assert order.organization is None
    data = edit_data(order, signatory_position="Начальник управления", signatory_name="А. Б. Начальников")
    assert coordinator.post(url("order_update", order), data).status_code == 302
    response = coordinator.post(url("order_register", order), follow=True)
    assert f"Приказ зарегистрирован: № 1 от {today()}" in page(response)
    listing = page(coordinator.get(url("order_list")))
    assert order.title in listing and school_order.title not in listing
    assert coordinator.get(url("order_detail", school_order)).status_code == 404
    other = as_user(world.b.users[Role.COORDINATOR])
    for name in ("order_detail", "order_pdf", "order_cancel"):
        assert other.get(url(name, order)).status_code == 404
    director = as_user(world.a.users[Role.DIRECTOR])
    assert director.get(url("order_detail", order)).status_code == 404


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE])
def test_mentors_and_mentees_are_refused(role, as_user, world):
    order = registered_order(world.a.organization)
    client = as_user(world.a.users[role])
    assert client.get(url("order_list")).status_code == 403
    assert client.get(url("order_create")).status_code == 403
    for name in ("order_detail", "order_pdf", "order_cancel"):
        assert client.get(url(name, order)).status_code == 403


def test_filters_search_and_sorting(director, world):
    organization = world.a.organization
    first = registered_order(organization)
    reward = registered_order(organization, kind="mentor-reward")
    draft = draft_order(organization, kind="final-event")
    last_year = draft_order(organization, kind="final-event")
    last_year.date = datetime.date(timezone.localdate().year - 1, 12, 30)
    last_year.save()

    filters = page(director.get(url("order_list")))
    assert "---------" not in filters and '<option value="" selected>все</option>' in filters

    def titles(query: str) -> list[int]:
        return [order.pk for order in director.get(url("order_list") + query).context["orders"]]

    assert titles("?status=draft") == [draft.pk, last_year.pk]
    assert titles(f"?kind={reward.kind_id}") == [reward.pk]
    assert titles(f"?year={last_year.date.year}") == [last_year.pk]
    assert titles("?q=поощрении") == [reward.pk]
    assert titles("?q=2-ОД") == [reward.pk]
    assert titles("?ordering=number")[:2] == [last_year.pk, first.pk]
    assert set(titles("?ordering=-date")) == {first.pk, reward.pk, draft.pk, last_year.pk}
    assert titles("?ordering=-date")[-1] == last_year.pk


def test_list_query_count_is_constant(director, world):
    registered_order(world.a.organization)

    def grow():
        for _ in range(3):
            registered_order(world.a.organization)
            draft_order(world.a.organization)

    assert_queries_constant(lambda: director.get(url("order_list")), grow)


def test_the_signatory_sees_the_drafts_on_the_home_page(as_user, world):
    """Needs reports.panels registered by ReportsConfig.ready()."""
    draft = draft_order(world.a.organization)
    registered_order(world.a.organization)
    home = page(as_user(world.a.users[Role.DIRECTOR]).get(reverse("home")))
    assert "Приказы на подпись" in home and draft.title in home and url("order_detail", draft) in home
    assert f'href="{url("order_list")}"' in home  # the navbar entry
    home = page(as_user(world.a.users[Role.CURATOR]).get(reverse("home")))
    assert "Приказы на подпись" not in home and f'href="{url("order_list")}"' in home
    home = page(as_user(world.a.users[Role.MENTOR]).get(reverse("home")))
    assert url("order_list") not in home


def test_the_indicators_appendix_is_saved_back_unchanged_with_its_blank_targets(as_user, world):
    """A year without a target of an indicator is an empty last cell: the editor keeps it."""
    municipality = world.a.municipality
    mentees = Indicator.objects.get(code="students-mentees")
    TargetFactory(municipality=municipality, indicator=mentees, year=2026, value=Decimal("20"))
    TargetFactory(municipality=municipality, indicator=mentees, year=2027, value=Decimal("35"))
    TargetFactory(municipality=municipality, indicator=Indicator.objects.get(code="staff-trained"), year=2026)
    coordinator = as_user(world.a.users[Role.COORDINATOR])
    kind = OrderKind.objects.get(code="municipal-introduction")
    coordinator.post(url("order_create"), {"kind": kind.pk, "date": today()})
    order = Order.objects.get(municipality=municipality)
    before = order.appendices[-1]  # after the target model, if the municipality has one
    assert before["columns"][3:] == ["2026", "2027"]
    data = edit_data(order, signatory_position="Начальник управления", signatory_name="А. Б. Начальников")
    response = coordinator.post(url("order_update", order), data)
    assert response.status_code == 302, response.context["form"].errors
    order.refresh_from_db()
    assert order.appendices[-1] == before
    staff = next(row for row in before["rows"] if row[1].startswith("Доля работников образования"))
    assert staff[3:] == ["50", ""]
