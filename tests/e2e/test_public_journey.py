"""The public section: a curator publishes it and an anonymous visitor reads it, and no pupil whose
consent to distribution is missing is named on the page or in the order's PDF."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import Consent
from reports.models import OrderKind
from reports.services import order_draft, order_register
from tests.e2e.helpers import log_in, nav, pdf_text, success_message
from tests.mentoring.factories import ConsentFactory, ParticipantFactory, StaffFactory


def distribution(participant, **signer):
    return ConsentFactory(
        participant=participant,
        kind=Consent.Kind.DISTRIBUTION,
        signed_on=datetime.date(2026, 9, 1),
        allowed_publication=[Consent.Publication.NAME],
        **signer,
    )


def approval_order(world):
    """The director's registered order approving a pair of a teacher and two pupils; one pupil's
    parent has not consented to distribution."""
    organization = world.a.organization
    director = world.a.users[Role.DIRECTOR]
    mentor = StaffFactory(organization=organization, last_name="Громова", first_name="Елена", patronymic="Сергеевна")
    agreed = ParticipantFactory(organization=organization, last_name="Соколова", first_name="Дарья")
    missing = ParticipantFactory(organization=organization, last_name="Ершова", first_name="Полина")
    distribution(mentor, signed_by=Consent.Signer.SELF, representative_name="")
    distribution(agreed)
    order = order_draft(
        kind=OrderKind.objects.get(code="pairs-approval"),
        by=director,
        organization=organization,
        on_date=datetime.date(2026, 10, 1),
        appendix_rows=[
            [
                "1",
                f"{mentor.full_name}, учитель",
                f"{agreed.full_name}, 7Б класс; {missing.full_name}, 7Б класс",
                "«учитель – ученик»",
                "",
                "01.10.2026 – 31.05.2027",
            ]
        ],
    )
    return order_register(order=order, by=director), missing


def test_a_curator_publishes_the_section_and_an_anonymous_visitor_reads_it(
    page, screenshot, live_server, reference_data, world
):
    order, missing = approval_order(world)
    log_in(page, world.a.users[Role.CURATOR])
    nav(page, "Публичный раздел", menu="Мониторинг")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Реализация целевой модели наставничества")

    # The address and the contacts to publish.
    page.get_by_role("link", name="Адрес и контакты").click()
    page.get_by_label("Адрес").fill("school-a")
    page.get_by_label("Контактное лицо").fill("Белова Анна Сергеевна")
    page.get_by_label("Должность").fill("заместитель директора, куратор")
    page.get_by_label("E-mail").fill("kurator@school-a.example")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Настройки раздела сохранены.")
    expect(page.get_by_test_id("public-link")).to_contain_text("/open/school-a/")

    # Publishing the order and the contacts, each said so.
    page.get_by_test_id("items-orders").get_by_role("row").filter(has_text=order.title).get_by_role(
        "button", name="Опубликовать"
    ).click()
    expect(success_message(page)).to_contain_text(f"Опубликовано: {order}")
    page.get_by_test_id("items-contacts").get_by_role("button", name="Опубликовать").click()
    expect(success_message(page)).to_contain_text("Опубликовано: Контакты ответственного")
    screenshot("published")

    # The preview is the public page, marked as a preview.
    page.get_by_test_id("preview-link").click()
    expect(page.get_by_test_id("preview-banner")).to_be_visible()
    expect(page.get_by_test_id("public-orders")).to_contain_text(order.title)
    # Back by its address, not the browser's history: a page restored from the browser's cache is not
    # loaded again, so the accessibility check would wait for it in vain.
    page.goto(f"{live_server.url}{reverse('publication_manage')}")
    page.get_by_role("link", name="Журнал публикаций").click()
    log = page.get_by_test_id("publication-log")
    expect(log.get_by_role("row").filter(has_text=str(order))).to_contain_text("опубликовано")
    screenshot("log")

    # A visitor without an account reads the section.
    page.context.clear_cookies()
    page.goto("/open/school-a/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Реализация целевой модели наставничества")
    expect(page.get_by_test_id("public-orders")).to_contain_text(order.title)
    expect(page.get_by_test_id("public-contacts")).to_contain_text("Белова Анна Сергеевна")
    expect(page.get_by_test_id("public-contacts")).to_contain_text("kurator@school-a.example")
    expect(page.locator("body")).not_to_contain_text(missing.last_name)
    expect(page.locator("nav.navbar")).to_have_count(0)
    screenshot("public-page")

    # The order's PDF: the appendix that would name her is not published, the order is.
    href = page.get_by_test_id("public-orders").get_by_role("link").first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert order.title in text
    assert missing.last_name not in text
    assert "Приложение не публикуется" in text
