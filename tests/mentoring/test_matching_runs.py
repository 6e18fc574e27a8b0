"""Kept computations of the matching: made once, shown until the program's data change, made in the
background with progress for a large cohort, and accepted by their id whatever the cohort's size."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organization, Role
from mentoring.models import Consent, MatchingRun, MentoringForm, MentoringUnit, Program, UnitMentee
from mentoring.pairs import matching_runs
from mentoring.pairs.matching import STEPS, suggestions_accept
from mentoring.registry.services import participant_depersonalize
from tests.helpers import count_queries
from tests.mentoring.cohorts import large_cohort
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
)


@pytest.fixture
def committed(monkeypatch):
    """What waits for the commit runs at once (the test's transaction never commits)."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization)


def pupil(world, grade, *, mentor=False, mentee=False):
    person = consented(
        ParticipantFactory(
            organization=world.a.organization, class_name=f"{grade}А", birth_date=datetime.date(2020 - grade, 3, 1)
        )
    )
    if mentor:
        MentorEntryFactory(participant=person, interests="шахматы, театр")
    if mentee:
        MenteeEntryFactory(participant=person, interests="шахматы", key_request="олимпиада по математике")
    return person


def page(client, program, **params):
    return client.get(reverse("matching"), {"program": program.pk, **params})


def shown(response) -> set[tuple[int, int]]:
    return set(response.context["result"].pairs)


# --- Kept until the data change -----------------------------------------------------------------


def test_the_computation_is_kept_and_shown_again(curator, program, world):
    older, younger = pupil(world, 9, mentor=True), pupil(world, 6, mentee=True)
    first = page(curator, program)
    assert shown(first) == {(younger.pk, older.pk)}
    queries, second = count_queries(lambda: page(curator, program))
    assert second.context["run"] == first.context["run"]
    assert MatchingRun.objects.count() == 1
    # Shown from the kept result: no registry is read.
    assert queries < count_queries(lambda: page(curator, program, min_score="1"))[0]


def test_a_committed_change_of_the_registries_computes_again(curator, program, world, committed):
    older = pupil(world, 9, mentor=True)
    first = pupil(world, 6, mentee=True)
    assert shown(page(curator, program)) == {(first.pk, older.pk)}
    second = pupil(world, 7, mentee=True)
    response = page(curator, program)
    assert shown(response) == {(first.pk, older.pk), (second.pk, older.pk)}
    assert MatchingRun.objects.count() == 2


def test_a_consent_and_a_parent_make_it_stale_too(curator, world, committed):
    program = ProgramFactory(organization=world.a.organization)
    older, younger = pupil(world, 9, mentor=True), pupil(world, 6, mentee=True)
    assert shown(page(curator, program)) == {(younger.pk, older.pk)}
    Consent.objects.filter(participant=younger).delete()
    assert shown(page(curator, program)) == set()
    consented(younger)
    assert shown(page(curator, program)) == {(younger.pk, older.pk)}
    younger.parents.add(older)
    assert shown(page(curator, program)) == set()


def test_without_the_commit_nothing_is_computed_again(curator, program, world, django_capture_on_commit_callbacks):
    """The version goes up once the change is committed: until then the page shows what it had."""
    older = pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)
    page(curator, program)
    with django_capture_on_commit_callbacks(execute=False):
        pupil(world, 7, mentee=True)
        assert len(shown(page(curator, program))) == 1
    assert older.pk


def test_parameters_weights_and_the_day_have_their_own_computations(curator, program, world):
    pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)
    page(curator, program)
    page(curator, program, min_score="2")
    page(curator, program, strategy="coverage")
    curator.post(reverse("matching_weights"), {"program": program.pk, **dict.fromkeys(matching_runs.weights_of({}), 1)})
    page(curator, program)
    assert MatchingRun.objects.count() == 4
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    key = matching_runs.run_key(program, matching_runs.Params(), on_date=tomorrow, language="ru")
    assert not MatchingRun.objects.filter(key=key).exists()


def test_an_old_or_lost_computation_is_made_again(curator, program, world):
    pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)
    run = page(curator, program).context["run"]
    MatchingRun.objects.filter(pk=run.pk).update(finished_at=timezone.now() - matching_runs.MAX_AGE * 2)
    fresh = page(curator, program).context["run"]
    assert fresh != run and fresh.status == "done"
    # The newest computation of the key is running for too long: its worker is taken for lost.
    lost = MatchingRun.objects.create(program=program, key=fresh.key, language="ru", status="running")
    MatchingRun.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - matching_runs.STALLED_AFTER * 3)
    MatchingRun.objects.filter(pk=lost.pk).update(created_at=timezone.now() - matching_runs.STALLED_AFTER * 2)
    assert page(curator, program).context["run"] not in (lost, fresh)


def test_only_the_newest_computations_of_a_program_are_kept(curator, program, world):
    pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)
    for score in range(matching_runs.KEEP_RUNS + 3):
        page(curator, program, min_score=str(score / 10))
    assert MatchingRun.objects.filter(program=program).count() == matching_runs.KEEP_RUNS


# --- In the background, with progress --------------------------------------------------------


@pytest.fixture
def background(monkeypatch):
    """Every cohort counts as large: computed by the task."""
    monkeypatch.setattr(matching_runs, "INLINE_CELLS", 0)


def test_a_large_cohort_is_computed_in_the_background_with_progress(
    curator, program, world, background, django_capture_on_commit_callbacks
):
    older, younger = pupil(world, 9, mentor=True), pupil(world, 6, mentee=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = page(curator, program)
    run = response.context["run"]
    assert run.status == "queued" and len(callbacks) == 1
    content = response.content.decode()
    progress_url = reverse("matching_run_progress", args=[run.pk])
    assert f'hx-get="{progress_url}"' in content and 'hx-trigger="every 1s"' in content
    assert "Идёт расчёт предложений" in content
    assert "result" not in response.context
    # The poll while it waits shows the same block.
    poll = curator.get(progress_url, headers={"HX-Request": "true"})
    assert poll.status_code == 200 and 'data-status="queued"' in poll.content.decode()
    callbacks[0]()  # the commit: the task runs (inline in the tests)
    run.refresh_from_db()
    assert (run.status, run.done, run.percent) == ("done", len(STEPS), 100)
    poll = curator.get(progress_url, headers={"HX-Request": "true"})
    # Finished: htmx reloads the page, which shows the result.
    assert poll.headers["HX-Refresh"] == "true"
    assert shown(page(curator, program)) == {(younger.pk, older.pk)}


def test_the_progress_goes_step_by_step(program, world, monkeypatch):
    pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)
    run = MatchingRun.objects.create(
        program=program, key="k", language="ru", total=len(STEPS), params={"on_date": "2026-10-01"}
    )
    seen = []
    original = matching_runs._progress

    def recording(run_, done, total):
        original(run_, done, total)
        seen.append((MatchingRun.objects.get(pk=run_.pk).status, done, total))

    monkeypatch.setattr(matching_runs, "_progress", recording)
    matching_runs.matching_run_execute(run_id=run.pk)
    assert seen == [("running", step, len(STEPS)) for step in (1, 2, 3, 4)]
    # A task delivered twice runs once.
    assert matching_runs.matching_run_execute(run_id=run.pk) is None


def test_a_failed_computation_says_so_and_can_be_made_again(curator, program, world, monkeypatch):
    pupil(world, 9, mentor=True)
    pupil(world, 6, mentee=True)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(matching_runs.matching, "program_matching", broken)
    response = page(curator, program)
    run = response.context["run"]
    assert run.status == "failed"
    content = response.content.decode()
    assert "Не удалось рассчитать предложения. Повторите расчёт" in content and f"№ {run.pk}" in content
    assert "Рассчитать заново" in content
    monkeypatch.undo()
    curator.post(reverse("matching_compute"), {"program": program.pk})
    assert len(shown(page(curator, program))) == 1


def test_the_progress_of_another_organization_answers_404(client, world):
    foreign = ProgramFactory(organization=world.b.organization)
    run = MatchingRun.objects.create(program=foreign, key="k", language="ru")
    client.force_login(world.a.users[Role.CURATOR])
    assert client.get(reverse("matching_run_progress", args=[run.pk])).status_code == 404


# --- Accepting at any size ---------------------------------------------------------------------


def test_accepting_takes_a_fixed_number_of_queries(program, world, committed):
    curator = world.a.users[Role.CURATOR]
    large_cohort(program, mentees=60, mentors=30)
    pairs = matching_runs.read_result(
        matching_runs.MatchingRun.objects.get(
            pk=matching_runs.matching_run_start(
                program=program,
                params=matching_runs.Params(),
                key="k",
                by=curator,
                on_date=timezone.localdate(),
                language="ru",
            ).pk
        )
    ).pairs
    assert len(pairs) >= 55
    few, accepted = queries_of(lambda: suggestions_accept(program=program, pairs=pairs[:5], by=curator))
    assert len(accepted.units) == 5
    many, accepted = queries_of(lambda: suggestions_accept(program=program, pairs=pairs[5:], by=curator))
    assert len(accepted.units) == len(pairs) - 5 and not accepted.failures
    assert UnitMentee.objects.count() == len(pairs)
    # The reads and checks are the same few queries; the inserts are one per table, or as many as
    # the database takes rows of an INSERT (SQLite binds at most 999 values: about 45 units).
    assert few["other"] == many["other"]
    assert few["insert"] == 2
    limit = connection.ops.bulk_batch_size([field.name for field in MentoringUnit._meta.concrete_fields], pairs)
    assert many["insert"] <= 2 * (1 + len(pairs) // max(limit, 1))


def queries_of(action):
    with CaptureQueriesContext(connection) as captured:
        result = action()
    kinds = {"insert": 0, "other": 0}
    for query in captured.captured_queries:
        kinds["insert" if query["sql"].lstrip().upper().startswith("INSERT") else "other"] += 1
    return kinds, result


@pytest.mark.parametrize("as_groups", [False, True])
def test_accept_all_of_more_than_a_thousand_suggestions_through_the_page(curator, world, committed, as_groups):
    """Django refuses a request of more than 1,000 fields: the page posts the computation's id, so
    any number of suggestions is one small request."""
    organization = world.a.organization
    program = Program.objects.create(
        organization=organization,
        academic_year=2026,
        form=MentoringForm.objects.get(code="student-student"),
        title="Большая программа",
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 5, 31),
    )
    program.form.mentor_capacity = 3
    program.form.save()
    large_cohort(program, mentees=1050, mentors=400)
    response = page(curator, program)
    run, result = response.context["run"], response.context["result"]
    assert len(result.suggestions) > 1000
    # The page shows a hundred at a time and says how many there are.
    assert len(response.context["suggestions"]) == 100
    assert f"Принять все ({len(result.suggestions)})" in response.content.decode()
    data = {"program": program.pk, "run": run.pk, "scope": "all"}
    if as_groups:
        data["as_groups"] = "on"
    response = curator.post(reverse("matching_accept_all"), data, follow=True)
    assert response.status_code == 200
    assert UnitMentee.objects.count() == len(result.suggestions)
    mentors = len({mentor for _mentee, mentor in result.pairs})
    assert MentoringUnit.objects.count() == (mentors if as_groups else len(result.suggestions))
    messages = [str(message) for message in response.context["messages"]]
    assert f"Создано черновиков пар и групп: {MentoringUnit.objects.count()}." in messages
    # Computed again: every mentee who had a suggestion is in a pair now.
    assert response.context["result"].suggestions == []


def test_a_selection_of_a_thousand_ticks_is_one_field(curator, world, committed):
    program = ProgramFactory(organization=world.a.organization)
    program.form.mentor_capacity = 3
    program.form.save()
    large_cohort(program, mentees=1010, mentors=400, seed=2)
    run = page(curator, program).context["run"]
    pairs = matching_runs.read_result(run).pairs
    ticked = [mentee for mentee, _mentor in pairs][:1005]
    response = curator.post(
        reverse("matching_accept_all"),
        {"program": program.pk, "run": run.pk, "scope": "selected", "mentees": ",".join(map(str, ticked))},
    )
    assert response.status_code == 302
    assert set(UnitMentee.objects.values_list("mentee", flat=True)) == set(ticked)


def test_bumping_the_version_by_hand_is_what_the_signals_do(program, world):
    """The organization's version is what the key reads."""
    before = matching_runs.run_key(program, matching_runs.Params(), on_date=timezone.localdate(), language="ru")
    Organization.objects.filter(pk=world.a.organization.pk).update(data_version=F("data_version") + 1)
    after = matching_runs.run_key(program, matching_runs.Params(), on_date=timezone.localdate(), language="ru")
    assert before != after


def test_a_depersonalized_name_does_not_outlive_in_a_kept_computation(curator, program, world):
    older, younger = pupil(world, 9, mentor=True), pupil(world, 6, mentee=True)
    page(curator, program)
    assert younger.full_name in str(MatchingRun.objects.get().result)
    participant_depersonalize(participant=younger)
    assert not MatchingRun.objects.exists()
    assert older.pk
