"""The order register's services: drafting from the data, numbering, freezing, cancelling."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import Role
from reports import services
from reports.models import Order, OrderKind
from tests.accounts.factories import MembershipFactory, OrganizationFactory, RegionFactory, UserFactory
from tests.mentoring.factories import MentorEntryFactory, PartnerFactory, StaffFactory

DAY = datetime.date(2026, 9, 1)


@pytest.fixture
def fast_pdf(monkeypatch):
    """Registration stores a PDF; its rendering is tested in test_order_rendering."""
    monkeypatch.setattr(services, "order_pdf", lambda order: b"%PDF-1.7 " + order.number.encode())


@pytest.fixture
def school(db):
    organization = OrganizationFactory(
        short_name="МБОУ «СОШ № 3»", director_name="Соколова Марина Викторовна", city="г. Заречный"
    )
    curator = UserFactory(last_name="Белова", first_name="Анна", patronymic="Сергеевна")
    MembershipFactory(user=curator, organization=organization, role=Role.CURATOR)
    StaffFactory(
        organization=organization,
        user=curator,
        last_name="Белова",
        first_name="Анна",
        patronymic="Сергеевна",
        position="заместитель директора по УВР",
    )
    return organization


def kind(code: str) -> OrderKind:
    return OrderKind.objects.get(code=code)


def draft(organization, code="model-introduction", **kwargs) -> Order:
    return services.order_draft(kind=kind(code), by=UserFactory(), organization=organization, on_date=DAY, **kwargs)


def test_shipped_kinds_cover_the_issue(db):
    codes = set(OrderKind.objects.values_list("code", flat=True))
    assert {
        "model-introduction",
        "curator-appointment",
        "regulation-approval",
        "mentor-school",
        "pairs-approval",
        "mentor-reward",
        "final-event",
        "partner-thanks",
        "municipal-introduction",
    } <= codes


def test_draft_is_prefilled_from_the_data(school):
    order = draft(school)
    assert order.status == Order.Status.DRAFT and order.number == ""
    assert order.title == "О внедрении целевой модели наставничества"
    assert order.header_organization == school.full_name
    assert order.place == "г. Заречный"
    assert order.preamble.startswith("В соответствии с распоряжением Министерства просвещения")
    texts = [item["text"] for item in order.items]
    assert "Внедрить в МБОУ «СОШ № 3» целевую модель наставничества на 2026/2027 учебный год." in texts
    assert (
        "Назначить куратором внедрения целевой модели наставничества (далее — куратор) Белову Анну Сергеевну, "
        "заместителя директора по УВР." in texts
    )
    assert order.items[3]["responsible"] == "А. С. Белова"
    assert (order.signatory_position, order.signatory_name) == ("Директор", "М. В. Соколова")
    assert order.control_text == "Контроль за исполнением настоящего приказа оставляю за собой."
    appendix, indicators = order.appendices
    assert appendix["columns"][:3] == ["№", "Этап", "Мероприятие"]
    assert indicators["title"] == "Показатели эффективности внедрения целевой модели наставничества в МБОУ «СОШ № 3»"
    assert indicators["columns"][:3] == ["№ п/п", "Наименование показателя", "Ед. изм."]


def test_reward_order_lists_the_mentors_of_the_year(school):
    MentorEntryFactory(participant=StaffFactory(organization=school, last_name="Аникин"), academic_year=2026)
    MentorEntryFactory(
        participant=StaffFactory(organization=school, last_name="Яковлева"), academic_year=2026, full_cycle=True
    )
    MentorEntryFactory(participant=StaffFactory(organization=school, last_name="Прошлогодний"), academic_year=2025)
    rows = draft(school, "mentor-reward").appendices[0]["rows"]
    assert [row[1].split()[0] for row in rows] == ["Яковлева", "Аникин"]
    assert rows[0][0] == "1" and rows[0][3] == "благодарность"


def test_thank_you_letter_names_the_partner(school):
    partner = PartnerFactory(organization=school, name="АО «Заречный машзавод»")
    letter = draft(school, "partner-thanks", extra={"partner": partner})
    assert letter.addressee == "Руководителю АО «Заречный машзавод»"
    assert "выражает искреннюю благодарность АО «Заречный машзавод»" in letter.body
    assert letter.control_text == "" and letter.items == []


def test_kinds_of_a_register_and_of_a_region(school):
    own_region_kind = OrderKind.objects.create(
        code="own", name="Региональный", title_template="Региональный", region=school.municipality.region
    )
    other_kind = OrderKind.objects.create(code="other", name="Чужой", title_template="Чужой", region=RegionFactory())
    kinds = set(services.kinds_for(organization=school))
    assert own_region_kind in kinds and other_kind not in kinds
    assert kind("municipal-introduction") not in kinds
    assert kind("municipal-introduction") in set(services.kinds_for(municipality=school.municipality))


def test_numbering_per_register_and_year(school, fast_pdf):
    by = UserFactory()
    first = services.order_register(order=draft(school), by=by)
    second = services.order_register(order=draft(school), by=by)
    assert (first.number, second.number) == ("1-ОД", "2-ОД")
    assert second.pdf.read() == "%PDF-1.7 2-ОД".encode()
    other_school = services.order_register(order=draft(OrganizationFactory()), by=by)
    assert other_school.number == "1-ОД"
    next_year = draft(school)
    services.order_update(order=next_year, by=by, date=datetime.date(2027, 1, 10))
    assert services.order_register(order=next_year, by=by).number == "1-ОД"


def test_manual_numbers_and_the_pattern(school, fast_pdf):
    by = UserFactory()
    manual = draft(school)
    services.order_update(order=manual, by=by, number="223/1-ОД")
    assert services.order_register(order=manual, by=by).number == "223/1-ОД"
    taken = draft(school)
    services.order_update(order=taken, by=by, number="1-ОД")
    services.order_register(order=taken, by=by)
    # The next automatic number skips the one typed by hand.
    assert services.order_register(order=draft(school), by=by).number == "2-ОД"
    duplicate = draft(school)
    services.order_update(order=duplicate, by=by, number="223/1-ОД")
    with pytest.raises(ValidationError) as error:
        services.order_register(order=duplicate, by=by)
    assert "number" in error.value.message_dict
    duplicate.refresh_from_db()
    assert duplicate.status == Order.Status.DRAFT
    school.order_number_pattern = "ОД-{n}"
    school.save()
    assert services.order_register(order=draft(school), by=by).number == "ОД-3"


def test_registered_order_is_frozen(school, fast_pdf):
    by = UserFactory()
    order = services.order_register(order=draft(school), by=by)
    with pytest.raises(ValidationError, match="нельзя изменить"):
        services.order_update(order=order, by=by, title="Другое")
    with pytest.raises(ValidationError):
        services.order_register(order=order, by=by)
    with pytest.raises(ValidationError):
        services.order_delete_draft(order=order)
    school.full_name = "Новое имя школы"
    school.save()
    order.refresh_from_db()
    assert order.header_organization != "Новое имя школы"
    assert order.title == "О внедрении целевой модели наставничества"


def test_cancelling_is_recorded_and_keeps_the_number(school, fast_pdf):
    by = UserFactory()
    order = services.order_register(order=draft(school), by=by)
    with pytest.raises(ValidationError):
        services.order_cancel(order=order, by=by, reason=" ")
    cancelled = services.order_cancel(order=order, by=by, reason="издан ошибочно")
    assert cancelled.status == Order.Status.CANCELLED and cancelled.cancel_reason == "издан ошибочно"
    assert services.order_register(order=draft(school), by=by).number == "2-ОД"
    with pytest.raises(ValidationError):
        services.order_cancel(order=cancelled, by=by, reason="ещё раз")


def test_draft_update_checks_the_fields(school):
    order = draft(school)
    with pytest.raises(ValueError):
        services.order_update(order=order, by=UserFactory(), status="registered")
    services.order_update(order=order, by=UserFactory(), items=[{"text": "Один пункт", "responsible": "", "term": ""}])
    order.refresh_from_db()
    assert order.items == [{"text": "Один пункт", "responsible": "", "term": ""}]
    services.order_delete_draft(order=order)
    assert not Order.objects.exists()


def test_municipal_register(db, fast_pdf):
    municipality = OrganizationFactory().municipality
    municipality.authority = "Управление образования администрации Заречного городского округа"
    municipality.save()
    order = services.order_draft(
        kind=kind("municipal-introduction"), by=UserFactory(), municipality=municipality, on_date=DAY
    )
    assert order.header_organization == municipality.authority
    services.order_update(order=order, by=UserFactory(), signatory_position="Начальник", signatory_name="О. И. Ким")
    assert services.order_register(order=order, by=UserFactory()).number == "1"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_different_numbers(monkeypatch, reference_data):
    """Two directors register at the same moment: the register's row lock queues them."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serializes every write anyway)")
    organization = OrganizationFactory()
    by = UserFactory()
    drafts = [draft(organization) for _ in range(4)]
    started = threading.Barrier(len(drafts))

    def slow_pdf(order):
        # Widens the window in which a second registration would read the same last number.
        threading.Event().wait(0.2)
        return b"%PDF-1.7"

    monkeypatch.setattr(services, "order_pdf", slow_pdf)
    errors = []

    def register(order):
        try:
            started.wait()
            services.order_register(order=order, by=by)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(order,)) for order in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == ["1-ОД", "2-ОД", "3-ОД", "4-ОД"]


def test_registering_completes_the_roadmap_activity_waiting_for_the_order(school, fast_pdf):
    from roadmap.models import Roadmap, Status
    from tests.roadmap.factories import activity_in

    waiting = activity_in(school, completes_on="order_registered:model-introduction")
    other_kind = activity_in(school, completes_on="order_registered:pairs-approval")
    order = services.order_register(order=draft(school), by=UserFactory())

    waiting.refresh_from_db()
    other_kind.refresh_from_db()
    assert waiting.status == Status.DONE
    assert waiting.evidence_order == order
    assert other_kind.status == Status.PLANNED
    # The order «о внедрении» approves the roadmap in force.
    assert Roadmap.objects.get(pk=waiting.roadmap_id).approved_by == order
