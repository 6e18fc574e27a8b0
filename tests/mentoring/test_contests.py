"""Contests: the results rule (mean of the jurors' totals, ranked within a nomination, ties share a
place), the jurors' secrecy until closing, closing freezes, and the results order and letters
drafted with names in the right case and agreeing with gender."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from mentoring.contests import services
from mentoring.contests.selectors import compute_results, scores_visible
from mentoring.models import Application, Contest, ContestResult, Score
from reports.models import Order
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.mentoring.contest_factories import mentor_application, municipal_contest, school_contest, with_parts
from tests.mentoring.factories import StaffFactory

pytestmark = pytest.mark.django_db


def jurors(contest: Contest, count: int) -> list:
    people = []
    for number in range(count):
        user = UserFactory(username=f"juror{contest.pk}_{number}", last_name=f"Жюриев{number}")
        MembershipFactory(user=user, role=Role.MENTOR, organization=contest.organization)
        people.append(user)
    contest.jury.set(people)
    return people


def score(application: Application, juror, *values: int) -> None:
    criteria = list(application.contest.criteria.all())
    services.scores_save(
        application=application,
        juror=juror,
        values={criterion.pk: value for criterion, value in zip(criteria, values, strict=True)},
    )


@pytest.fixture
def contest(world):
    return with_parts(
        school_contest(world.a.organization, status=Contest.Status.JUDGING),
        nominations=("Лучшая пара «учитель – ученик»", "Лучшая пара «ученик – ученик»"),
    )


def applications(contest, count, nomination=None):
    return [mentor_application(contest, contest.organization, nomination=nomination) for _ in range(count)]


def test_the_result_is_the_mean_of_the_jurors_totals_ranked_with_shared_places(contest):
    first, second = jurors(contest, 2)
    a, b, c, d = applications(contest, 4)
    # Totals: a 12 and 14 (13), b 15 and 11 (13), c 10 and 9 (9,5), d 15 and 15 (15).
    score(a, first, 8, 4)
    score(a, second, 9, 5)
    score(b, first, 10, 5)
    score(b, second, 7, 4)
    score(c, first, 6, 4)
    score(c, second, 5, 4)
    score(d, first, 10, 5)
    score(d, second, 10, 5)

    results = {item.application.pk: (item.mean_total, item.place) for item in compute_results(contest)}

    assert results[d.pk] == (15, 1)
    assert results[a.pk] == (13, 2)
    assert results[b.pk] == (13, 2)  # a tie shares the place...
    assert results[c.pk] == (9.5, 4)  # ...and the next one is skipped


def test_means_are_compared_rounded_to_hundredths(contest):
    first, second, third = jurors(contest, 3)
    a, b = applications(contest, 2)
    for juror, values in ((first, (10, 0)), (second, (10, 0)), (third, (10, 0))):
        score(a, juror, *values)
    # 30/3 = 10 against 10 exactly: a tie; 31/3 = 10,33 would not be.
    for juror, values in ((first, (9, 1)), (second, (10, 0)), (third, (10, 0))):
        score(b, juror, *values)
    assert [item.place for item in compute_results(contest)] == [1, 1]


def test_applications_are_ranked_within_their_nomination(contest):
    (juror,) = jurors(contest, 1)
    teachers, pupils = contest.nominations.all()
    low = mentor_application(contest, contest.organization, nomination=teachers)
    high = mentor_application(contest, contest.organization, nomination=pupils)
    score(low, juror, 1, 1)
    score(high, juror, 10, 5)
    places = {item.application.pk: item.place for item in compute_results(contest)}
    assert places == {low.pk: 1, high.pk: 1}


def test_a_juror_sees_only_his_own_scores_until_the_contest_is_closed(contest):
    first, second = jurors(contest, 2)
    (application,) = applications(contest, 1)
    score(application, first, 7, 3)
    score(application, second, 9, 5)

    assert {s.juror_id for s in scores_visible(contest=contest, user=first)} == {first.pk}
    assert {s.juror_id for s in scores_visible(contest=contest, user=second)} == {second.pk}

    services.contest_close(contest=contest, by=first)
    contest.refresh_from_db()
    assert {s.juror_id for s in scores_visible(contest=contest, user=first)} == {first.pk, second.pk}


def test_a_juror_page_shows_only_his_own_scores(contest, client):
    first, second = jurors(contest, 2)
    (application,) = applications(contest, 1)
    score(application, first, 7, 3)
    score(application, second, 9, 4)
    client.force_login(second)
    page = client.get(f"/contests/applications/{application.pk}/score/").content.decode()
    assert 'value="9"' in page and 'value="4"' in page
    assert 'value="7"' not in page and 'value="3"' not in page
    contest_page = client.get(f"/contests/{contest.pk}/").content.decode()
    assert ">13<" in contest_page  # his own total
    assert ">10<" not in contest_page  # not the other juror's


def test_a_score_above_the_maximum_is_refused_and_nothing_saved(contest):
    (juror,) = jurors(contest, 1)
    (application,) = applications(contest, 1)
    with pytest.raises(ValidationError) as error:
        score(application, juror, 11, 5)
    assert "0 до 10" in str(error.value) or "0 to 10" in str(error.value)
    assert not Score.objects.exists()


def test_someone_not_on_the_jury_cannot_score(contest):
    jurors(contest, 1)
    (application,) = applications(contest, 1)
    stranger = UserFactory()
    with pytest.raises(ValidationError):
        score(application, stranger, 5, 5)


def test_closing_needs_every_score_and_then_freezes_the_results(contest):
    first, second = jurors(contest, 2)
    (application,) = applications(contest, 1)
    score(application, first, 7, 3)
    with pytest.raises(ValidationError, match="2"):
        services.contest_close(contest=contest, by=first)
    assert not ContestResult.objects.exists()

    score(application, second, 9, 5)
    services.contest_close(contest=contest, by=first)
    result = ContestResult.objects.get()
    assert (result.mean_total, result.place) == (12, 1)
    with pytest.raises(ValidationError):
        score(application, second, 1, 1)
    assert result.mean_total == ContestResult.objects.get().mean_total


def test_the_contest_moves_on_only_when_ready(world):
    contest = school_contest(world.a.organization)
    curator = world.a.users[Role.CURATOR]
    with pytest.raises(ValidationError):
        services.contest_advance(contest=contest, by=curator)
    with_parts(contest)
    contest = services.contest_advance(contest=contest, by=curator)
    assert contest.status == Contest.Status.ACCEPTING
    with pytest.raises(ValidationError, match=r"jury|жюри"):
        services.contest_advance(contest=contest, by=curator)


def test_dates_out_of_order_are_refused_next_to_the_field(world):
    contest = school_contest(world.a.organization)
    contest.results_on = contest.judging_until - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.contest_save(contest=contest, jury=[], by=world.a.users[Role.CURATOR])
    assert "results_on" in error.value.message_dict


def test_only_the_staff_sit_on_the_jury(world):
    contest = school_contest(world.a.organization)
    with pytest.raises(ValidationError) as error:
        services.contest_save(contest=contest, jury=[world.b.users[Role.MENTOR]], by=world.a.users[Role.CURATOR])
    assert "jury" in error.value.message_dict


def closed_municipal_contest(world):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.JUDGING))
    coordinator = world.a.users[Role.COORDINATOR]
    contest.jury.set([coordinator])
    sokolova = StaffFactory(
        organization=world.a.organization,
        last_name="Соколова",
        first_name="Марина",
        patronymic="Викторовна",
        gender="female",
        position="учитель математики",
    )
    petrov = StaffFactory(
        organization=world.a.organization,
        last_name="Петров",
        first_name="Иван",
        patronymic="Сергеевич",
        gender="male",
        position="учитель физики",
    )
    third = StaffFactory(
        organization=world.a.organization, last_name="Третьякова", first_name="Ольга", patronymic="Ивановна"
    )
    fourth = StaffFactory(
        organization=world.a.organization, last_name="Четвертаков", first_name="Олег", patronymic="Петрович"
    )
    for mentor, values in ((sokolova, (10, 5)), (petrov, (9, 5)), (third, (8, 4)), (fourth, (1, 1))):
        score(mentor_application(contest, world.a.organization, mentor=mentor), coordinator, *values)
    services.contest_close(contest=contest, by=coordinator)
    contest.refresh_from_db()
    return contest


def test_the_results_order_names_the_winners_in_the_right_case_and_gender(world):
    contest = closed_municipal_contest(world)
    order = services.contest_results_order_draft(contest=contest, by=world.a.users[Role.COORDINATOR])

    assert order.municipality == world.a.municipality and order.status == Order.Status.DRAFT
    assert order.title == "Об итогах муниципального конкурса «Лучший педагог-наставник»"
    text = " ".join(item["text"] for item in order.items)
    assert "Соколову Марину Викторовну, учителя математики Школы A, занявшую I место" in text
    assert "Петрова Ивана Сергеевича, учителя физики Школы A, занявшего II место" in text
    assert "Третьякову Ольгу Ивановну" in text and "III место" in text
    assert "Четвертаков" not in text  # fourth place: no diploma
    appendix = order.appendices[0]
    assert appendix["title"] == "Итоги конкурса «Лучший педагог-наставник»"
    assert ["1", "Основная", "Соколова Марина Викторовна", "Школа A", "15,00", "I"] in appendix["rows"]
    assert len(appendix["rows"]) == 4
    contest.refresh_from_db()
    assert contest.results_order == order


def test_thank_you_letters_go_to_the_winners_mentors_in_one_action(world):
    contest = closed_municipal_contest(world)
    letters = services.contest_thanks_letters_draft(contest=contest, by=world.a.users[Role.COORDINATOR])

    assert len(letters) == 3
    sokolova = letters[0]
    assert sokolova.kind.code == "municipal-contest-thanks" and sokolova.series == "letter"
    assert sokolova.addressee == "Соколовой Марине Викторовне, учителю математики"
    assert sokolova.body.startswith("Уважаемая Марина Викторовна!")
    assert "Вы заняли I место в номинации «Основная» конкурса «Лучший педагог-наставник»" in sokolova.body
    assert letters[1].body.startswith("Уважаемый Иван Сергеевич!")


def test_documents_wait_for_the_closing(world):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.JUDGING))
    with pytest.raises(ValidationError):
        services.contest_results_order_draft(contest=contest, by=world.a.users[Role.COORDINATOR])
    assert not Order.objects.exists()
