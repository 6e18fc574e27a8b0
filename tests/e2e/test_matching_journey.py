"""The curator matches a large cohort: the page computes in the background with progress, then shows
more than a thousand suggestions a hundred at a time, and «Принять все» makes every one a draft pair
in one small request (the page posts the computation's id, never the pairs)."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import MentoringForm, MentoringUnit, UnitMentee
from mentoring.pairs import matching_runs
from mentoring.pairs.matching_views import MatchingRunProgressView
from tests.e2e.helpers import current_program, log_in, nav, success_message
from tests.mentoring.cohorts import large_cohort

MENTEES, MENTORS = 1050, 400


class Worker:
    """The background worker, played by the progress poll: what is queued waits until the test
    has seen the progress, then runs in the next poll's request (the live server's own thread and
    database connection, as a worker would run it beside the site)."""

    def __init__(self):
        self.queued: list[int] = []
        self.released = False

    def enqueue(self, run_id: int) -> None:
        self.queued.append(run_id)

    def work(self) -> None:
        while self.released and self.queued:
            matching_runs.matching_run_execute(run_id=self.queued.pop(0))


@pytest.fixture
def worker(monkeypatch) -> Worker:
    worker = Worker()
    monkeypatch.setattr(matching_runs, "run_matching", worker)
    poll = MatchingRunProgressView.get

    def get(view, request, *args, **kwargs):
        worker.work()
        return poll(view, request, *args, **kwargs)

    monkeypatch.setattr(MatchingRunProgressView, "get", get)
    return worker


def test_curator_accepts_more_than_a_thousand_suggestions(
    page: Page, screenshot, live_server, reference_data, world, worker
):
    form = MentoringForm.objects.get(code="student-student")
    form.mentor_capacity = 3
    form.save()
    program = current_program(world.a.organization, form_code="student-student", title="Ученик – ученик: вся школа")
    large_cohort(program, mentees=MENTEES, mentors=MENTORS)
    log_in(page, world.a.users[Role.CURATOR])

    nav(page, "Подбор наставников", menu="Наставничество")
    page.get_by_label("Программа").select_option(value=str(program.pk))
    page.get_by_role("button", name="Показать предложения").click()
    # A cohort of this size is computed in the background: the page shows the steps meanwhile.
    progress = page.get_by_test_id("matching-progress")
    expect(progress).to_contain_text("Идёт расчёт предложений")
    expect(progress).to_contain_text("Сравнение каждого наставляемого с каждым наставником")
    screenshot("matching-progress")
    worker.released = True

    # Once computed, the poll reloads the page with the suggestions.
    summary = page.get_by_test_id("matching-summary")
    expect(summary).to_be_visible(timeout=60_000)
    suggested = int(re.search(r"Предложено пар: (\d+)", summary.inner_text()).group(1))
    assert suggested > 1000
    expect(page.get_by_test_id("suggestions").locator("tbody tr")).to_have_count(100)
    expect(page.get_by_test_id("suggestion-pages")).to_contain_text(f"Страница 1 из {-(-suggested // 100)}")
    screenshot("matching-suggestions")

    page.get_by_role("button", name=f"Принять все ({suggested})").click()
    expect(success_message(page)).to_contain_text(f"Создано черновиков пар и групп: {suggested}.", timeout=60_000)
    screenshot("matching-accepted")
    assert MentoringUnit.objects.filter(program=program, status="draft").count() == suggested
    assert UnitMentee.objects.filter(unit__program=program).count() == suggested
