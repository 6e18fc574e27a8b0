"""A practice goes from a mentor's draft to the municipal registry: the curator sends it (refused
once: the results have no figures), the coordinator returns it with remarks, the curator corrects
and sends it again, the coordinator publishes it, and a teacher finds it by the registry's search,
its author named only with his consent to distribution."""

import datetime
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import Consent, Practice
from tests.e2e.helpers import log_in, nav, success_message, url_pattern
from tests.mentoring.factories import PDF_BYTES, ConsentFactory
from tests.mentoring.practices import registry_mentor

TITLE = "Равный – равному: подготовка к олимпиадам"
REMARKS = "Приложите программу занятий и скажите, сколько учеников стали призёрами."


def switch_to(page: Page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def open_practice(page: Page) -> None:
    nav(page, "Практики", menu="Наставничество")
    page.get_by_role("link", name=TITLE).click()


def test_a_practice_goes_from_a_draft_to_the_municipal_registry(page, screenshot, live_server, reference_data, world):
    school = world.a.organization
    mentor = registry_mentor(
        school, user=world.a.users[Role.MENTOR], last_name="Громов", first_name="Игорь", patronymic="Петрович"
    )
    ConsentFactory(
        participant=mentor,
        kind=Consent.Kind.DISTRIBUTION,
        signed_by=Consent.Signer.SELF,
        representative_name="",
        representative_document="",
        signed_on=datetime.date(2026, 1, 10),
        allowed_publication=[Consent.Publication.NAME],
    )
    registry_mentor(school, last_name="Скрытова", first_name="Анна", patronymic="Павловна")

    # The mentor drafts the practice; he is its first author, a colleague added; a program attached.
    switch_to(page, world.a.users[Role.MENTOR])
    nav(page, "Практики", menu="Наставничество")
    page.get_by_role("link", name="Описать практику").click()
    expect(page.get_by_label("Громов Игорь Петрович")).to_be_checked()
    page.locator("#id_title").fill(TITLE)
    page.get_by_label("Форма наставничества").select_option(label="ученик – ученик")
    page.get_by_label("Ролевая модель").select_option(label="ученик – ученик: равный – равному")
    page.get_by_label("Темы").fill("олимпиады, одарённые дети")
    page.get_by_label("Скрытова Анна Павловна").check()
    page.get_by_label("Проблема").fill("Немногие ученики 7–8 классов доходят до муниципального этапа олимпиад.")
    page.get_by_label("Цели и задачи").fill("Старшеклассники-призёры готовят младших к олимпиадам.")
    page.get_by_label("Что сделано").fill("Еженедельные занятия пар, разбор заданий прошлых лет.")
    page.get_by_label("Результаты").fill("Участников стало больше, появились призёры.")
    page.get_by_label("Приложить файл").set_input_files(
        files=[{"name": "Программа.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.locator("#id_new_file_title").fill("Программа занятий")
    screenshot("mentor-drafts")
    page.get_by_test_id("practice-form").get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Практика сохранена как черновик.")
    practice = Practice.objects.get(title=TITLE)
    expect(page).to_have_url(url_pattern(live_server, "practice_detail", pk=practice.pk))
    expect(page.get_by_test_id("practice-files")).to_contain_text("Программа занятий")
    expect(page.get_by_role("button", name="Направить в муниципалитет")).to_have_count(0)  # the curator sends

    # The curator sends it: refused, the results have no figures; corrected, sent.
    switch_to(page, world.a.users[Role.CURATOR])
    open_practice(page)
    page.get_by_role("button", name="Направить в муниципалитет").click()
    expect(page).to_have_url(url_pattern(live_server, "practice_update", pk=practice.pk))
    expect(page.locator(".alert-danger")).to_contain_text("дополните отмеченные ниже разделы")
    expect(page.locator("#id_results")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#error_1_id_results")).to_contain_text("Приведите результаты в цифрах")
    screenshot("refused-without-figures")
    page.get_by_label("Результаты").fill("Участников муниципального этапа стало 9 вместо 3.")
    page.get_by_test_id("practice-form").get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Практика сохранена.")
    page.get_by_role("button", name="Направить в муниципалитет").click()
    expect(success_message(page)).to_contain_text("Практика направлена в муниципалитет.")
    expect(page.get_by_test_id("practice-status")).to_have_text("направлена в муниципалитет")

    # The coordinator returns it with remarks, from the home page's panel.
    switch_to(page, world.a.users[Role.COORDINATOR])
    expect(page.get_by_test_id("practices-to-review")).to_contain_text("1 практика ждёт вашего рассмотрения")
    page.get_by_role("link", name="Рассмотреть").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("practice-authors")).to_contain_text("Громов Игорь Петрович")
    expect(page.get_by_test_id("practice-authors")).not_to_contain_text("Скрытова")
    page.get_by_role("link", name="Вернуть с замечаниями").click()
    page.get_by_role("button", name="Вернуть").click()
    expect(page.locator(".invalid-feedback")).to_be_visible()  # no remarks: said next to the field
    page.get_by_label("Замечания").fill(REMARKS)
    screenshot("coordinator-returns")
    page.get_by_role("button", name="Вернуть").click()
    expect(success_message(page)).to_contain_text("Практика возвращена организации с замечаниями.")

    # The curator reads the remarks, corrects the practice and sends it again.
    switch_to(page, world.a.users[Role.CURATOR])
    open_practice(page)
    expect(page.get_by_test_id("practice-remarks")).to_contain_text(REMARKS)
    page.get_by_role("link", name="Изменить").click()
    expect(page.get_by_test_id("practice-remarks")).to_contain_text(REMARKS)
    page.get_by_label("Материалы").fill("Программа занятий на год (приложена), двое учеников — призёры.")
    page.get_by_test_id("practice-form").get_by_role("button", name="Сохранить").click()
    page.get_by_role("button", name="Направить в муниципалитет").click()
    expect(success_message(page)).to_contain_text("Практика направлена в муниципалитет.")

    # The coordinator publishes it.
    switch_to(page, world.a.users[Role.COORDINATOR])
    nav(page, "Практики", menu="Наставничество")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Опубликовать в реестре").click()
    expect(success_message(page)).to_contain_text("Практика опубликована в муниципальном реестре.")
    history = page.get_by_test_id("practice-history")
    expect(history.locator("li")).to_have_count(5)
    expect(history).to_contain_text(REMARKS)
    screenshot("published")

    # A teacher of the school finds it in the registry by a word of its description, any case.
    switch_to(page, world.a.users[Role.MENTOR])
    page.goto(reverse("practice_registry"))
    page.get_by_label("Поиск").fill("ПРИЗЁРЫ")
    page.get_by_role("button", name="Найти").click()
    found = page.get_by_test_id("practice-registry")
    expect(found.get_by_role("link")).to_have_count(1)
    expect(found).to_contain_text(TITLE)
    expect(found).to_contain_text("Громов Игорь Петрович")
    expect(found).not_to_contain_text("Скрытова")
    page.get_by_label("Поиск").fill("")
    page.get_by_label("Форма наставничества").select_option(label="учитель – учитель")
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_text("Опубликованных практик по запросу не найдено.")).to_be_visible()
    screenshot("registry-search")
