"""The «Школа наставников»: a mentor completes a training. The coordinator's dashboard shows no
trained staff; the curator ticks the attendance of the two sessions and records the completion with
the certificate's scan; the indicator «работники, обученные наставничеству» moves on the
coordinator's dashboard; the mentor finds the training and the certificate on his page."""

import datetime

from playwright.sync_api import expect

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from monitoring.indicators.selectors import indicators_for
from tests.e2e.helpers import dotted, log_in, nav, success_message, today
from tests.indicators.factories import ContingentFactory, PeriodFactory
from tests.mentoring.factories import (
    PDF_BYTES,
    MentorEntryFactory,
    StaffFactory,
    TrainingEnrolmentFactory,
    TrainingProgramFactory,
    TrainingSessionFactory,
)

NBSP = "\u00a0"


def test_a_mentor_completes_a_training_and_the_indicator_moves(page, screenshot, live_server, reference_data, world):
    school, day = world.a.organization, today()
    mentor = world.a.users[Role.MENTOR]
    person = StaffFactory(
        organization=school, user=mentor, last_name="Иванова", first_name="Мария", patronymic="Петровна"
    )
    MentorEntryFactory(participant=person, academic_year=academic_year_of(day), entered_on=day)
    program = TrainingProgramFactory(organization=school, name="Наставник: первые шаги", hours=16)
    for offset, topic in ((14, "Роль наставника"), (7, "Индивидуальный план развития")):
        TrainingSessionFactory(program=program, held_on=day - datetime.timedelta(days=offset), topic=topic)
    TrainingEnrolmentFactory(program=program, participant=person, enrolled_on=day - datetime.timedelta(days=20))
    # The quarter as of today: four teachers, nobody's training recorded, nothing typed by hand.
    period = PeriodFactory(municipality=school.municipality, reporting_date=day)
    ContingentFactory(organization=school, period=period, teachers=4, staff_trained=None)
    column = [indicator.code for indicator in indicators_for(school.municipality)].index("staff-trained")

    def trained_cell():
        nav(page, "Сводка мониторинга", menu="Мониторинг")
        row = page.get_by_test_id("dashboard-table").locator(f'tr[data-organization="{school.pk}"]')
        return row.locator("td[data-state]").nth(column)

    log_in(page, world.a.users[Role.COORDINATOR])
    expect(trained_cell()).to_have_text(f"0,0{NBSP}%")
    screenshot("dashboard-before")
    page.context.clear_cookies()

    log_in(page, world.a.users[Role.CURATOR])
    nav(page, "Школа наставников", menu="Наставничество")
    page.get_by_role("link", name="Наставник: первые шаги").click()
    expect(page.get_by_role("heading", name="Наставник: первые шаги")).to_be_visible()
    grid = page.get_by_test_id("attendance")
    boxes = grid.get_by_role("checkbox")
    expect(boxes).to_have_count(2)
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Сохранить посещаемость").click()
    expect(success_message(page)).to_contain_text("Посещаемость сохранена.")
    expect(grid.get_by_role("checkbox").nth(1)).to_be_checked()
    expect(grid).to_contain_text("занятий: 2 из 2")
    screenshot("attendance")

    grid.get_by_role("link", name="Отметить завершение").click()
    expect(page.locator("input[name=completed_on]")).to_have_value(dotted(day))
    page.locator("input[name=certificate_number]").fill("ШН-1")
    page.locator("input[name=certificate]").set_input_files(
        {"name": "удостоверение.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    screenshot("completion-form")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Иванова Мария Петровна: обучение завершено.")
    expect(grid).to_contain_text(f"завершено {dotted(day)}")
    expect(grid).to_contain_text(f"№ ШН-1 от {dotted(day)}")
    screenshot("completed")
    page.context.clear_cookies()

    # One of the four teachers is trained now: 25 % on the coordinator's dashboard.
    log_in(page, world.a.users[Role.COORDINATOR])
    expect(trained_cell()).to_have_text(f"25,0{NBSP}%")
    screenshot("dashboard-after")
    page.context.clear_cookies()

    log_in(page, mentor)
    nav(page, "Моё обучение", menu="Наставничество")
    expect(page.locator("main")).to_contain_text("Наставник: первые шаги")
    expect(page.locator("main")).to_contain_text(f"завершено {dotted(day)}")
    with page.expect_download() as info:
        page.get_by_role("link", name="Скачать удостоверение").click()
    assert info.value.path().read_bytes() == PDF_BYTES
    screenshot("mentor-trainings")
