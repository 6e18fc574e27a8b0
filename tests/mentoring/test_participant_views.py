"""The registry list, participant pages and registry entries."""

import datetime
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import MenteeEntry, MentorEntry, Participant
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    StaffFactory,
)

YEAR = academic_year_of(timezone.localdate())


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def listed(response) -> list[str]:
    return [participant.last_name for participant in response.context["participants"]]


def test_list_shows_only_own_organization(curator, world):
    ParticipantFactory(organization=world.a.organization, last_name="Своя")
    ParticipantFactory(organization=world.b.organization, last_name="Чужая")
    response = curator.get(reverse("participant_list"))
    assert listed(response) == ["Своя"]
    assert "Чужая" not in response.content.decode()


def test_search_ignores_case_and_yo(curator, world):
    ParticipantFactory(organization=world.a.organization, last_name="Семёнова", first_name="Алёна")
    ParticipantFactory(organization=world.a.organization, last_name="Петрова", first_name="Анна")
    for query in ("семенова", "СЕМЁНОВА алена", "алёна"):
        assert listed(curator.get(reverse("participant_list"), {"q": query})) == ["Семёнова"], query


def test_filters(curator, world):
    org = world.a.organization
    today = timezone.localdate()
    mentor = StaffFactory(organization=org, last_name="Наставникова", teaching_since=datetime.date(2000, 9, 1))
    MentorEntryFactory(participant=mentor, academic_year=YEAR, full_cycle=True)
    young = StaffFactory(organization=org, last_name="Молодой", teaching_since=today - datetime.timedelta(days=400))
    mentee = ParticipantFactory(organization=org, last_name="Ученица", class_name="5А")
    MenteeEntryFactory(participant=mentee, academic_year=YEAR)
    ConsentFactory(participant=mentee)
    old_mentee = ParticipantFactory(organization=org, last_name="Прошлогодняя", class_name="9Б")
    MenteeEntryFactory(participant=old_mentee, academic_year=YEAR - 1)
    url = reverse("participant_list")

    assert listed(curator.get(url, {"category": "staff", "ordering": "name"})) == ["Молодой", "Наставникова"]
    assert listed(curator.get(url, {"registry": "mentor"})) == ["Наставникова"]
    assert listed(curator.get(url, {"registry": "mentee"})) == ["Ученица"]
    assert listed(curator.get(url, {"registry": "mentee", "year": YEAR - 1})) == ["Прошлогодняя"]
    assert set(listed(curator.get(url, {"registry": "none"}))) == {"Молодой", "Прошлогодняя"}
    assert listed(curator.get(url, {"class_name": "5А"})) == ["Ученица"]
    assert listed(curator.get(url, {"consent": "valid"})) == ["Ученица"]
    assert "Ученица" not in listed(curator.get(url, {"consent": "not_valid"}))
    assert listed(curator.get(url, {"young_specialist": "yes"})) == ["Молодой"]
    assert "Молодой" not in listed(curator.get(url, {"young_specialist": "no"}))
    assert listed(curator.get(url, {"full_cycle": "yes"})) == ["Наставникова"]
    assert young.is_young_specialist_on(today)


def test_sorting_by_class_and_a_bad_filter_value(curator, world):
    org = world.a.organization
    for last_name, class_name in [("Старший", "10А"), ("Младший", "5А"), ("Средний", "7Б")]:
        ParticipantFactory(organization=org, last_name=last_name, class_name=class_name)
    url = reverse("participant_list")
    assert listed(curator.get(url, {"ordering": "grade"})) == ["Младший", "Средний", "Старший"]
    assert listed(curator.get(url, {"ordering": "-grade"})) == ["Старший", "Средний", "Младший"]
    response = curator.get(url, {"category": "dragon"})
    assert response.status_code == 200
    assert "category" in response.context["filter"].form.errors


def test_list_badges_and_counts(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    ConsentFactory(participant=pupil)
    MenteeEntryFactory(participant=pupil, academic_year=YEAR)
    ParticipantFactory(organization=world.a.organization)
    content = curator.get(reverse("participant_list")).content.decode()
    assert 'data-consent="valid"' in content
    assert 'data-consent="missing"' in content
    assert "Найдено участников: 2" in content


def test_list_query_count_does_not_grow(curator, world):
    def grow():
        for _ in range(15):
            pupil = ParticipantFactory(organization=world.a.organization)
            ConsentFactory(participant=pupil)
            MenteeEntryFactory(participant=pupil, academic_year=YEAR)
            StaffFactory(organization=world.a.organization, partner=None)

    url = reverse("participant_list")
    # Both measured pages must show rows from the start: an empty page skips its query.
    ConsentFactory(participant=ParticipantFactory(organization=world.a.organization, last_name="Найденова"))
    assert_queries_constant(lambda: curator.get(url, {"consent": "valid", "q": "а"}), grow)
    assert_queries_constant(lambda: curator.get(url), grow)


def test_pagination(curator, world):
    ParticipantFactory.create_batch(30, organization=world.a.organization)
    response = curator.get(reverse("participant_list"), {"page": 2, "category": "student"})
    assert len(response.context["participants"]) == 5
    assert "category=student" in response.content.decode()  # the pages keep the filters


def test_create_by_hand(curator, world):
    response = curator.post(
        reverse("participant_create"),
        {
            "category": "student",
            "last_name": "Ёлкина",
            "first_name": "Мария",
            "birth_date": "12.03.2013",
            "class_name": "7В",
            "phone": "+7 900 111-22-33",
        },
        follow=True,
    )
    participant = Participant.objects.get(last_name="Ёлкина")
    assert participant.organization == world.a.organization
    assert participant.birth_date == datetime.date(2013, 3, 12)
    assert "Ёлкина Мария добавлена." in response.content.decode()


def test_bad_input_is_shown_next_to_the_field_and_kept(curator, world):
    response = curator.post(
        reverse("participant_create"),
        {"category": "student", "last_name": "Ёлкина", "first_name": "Мария", "birth_date": "31.02.2013"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "birth_date" in errors
    content = response.content.decode()
    assert "is-invalid" in content and 'value="Ёлкина"' in content
    response = curator.post(
        reverse("participant_create"),
        {
            "category": "student",
            "last_name": "Ёлкина",
            "first_name": "Мария",
            "birth_date": "01.02.2013",
            "class_name": "15Я",
        },
    )
    assert "Неизвестный класс «15Я»" in response.content.decode()
    assert not Participant.objects.filter(last_name="Ёлкина").exists()


PUPIL_POST = {"category": "student", "first_name": "Мария", "birth_date": "12.03.2013", "class_name": "7В"}
NOT_LETTERS = "В имени допускаются только буквы, пробелы, дефисы и апострофы; уберите"
BAD_SEPARATOR = (
    "Дефис, апостроф или пробел ставятся только между буквами и по одному: «Римский-Корсаков», «Д’Артаньян»."
)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("last_name", "=1+1", f"{NOT_LETTERS} «=1+»."),
        ("last_name", "+79001112233", f"{NOT_LETTERS} «+790123»."),
        ("last_name", "@Ёлкина", f"{NOT_LETTERS} «@»."),
        ("last_name", "-Ёлкина", BAD_SEPARATOR),
        ("first_name", "Мария2", f"{NOT_LETTERS} «2»."),
        ("first_name", "Анна--Мария", BAD_SEPARATOR),
        ("patronymic", "Ивановна'", BAD_SEPARATOR),
        ("guardian_name", "Ёлкина О.П.", f"{NOT_LETTERS} «.»."),
        ("guardian_name", '=HYPERLINK("http://x.test")', f'{NOT_LETTERS} «=(":/.)».'),
    ],
)
def test_a_name_that_is_not_a_name_is_refused_next_to_its_field(curator, world, field, value, message):
    response = curator.post(reverse("participant_create"), {**PUPIL_POST, "last_name": "Ёлкина", field: value})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    # Crispy puts the message under the input it belongs to.
    assert f'<p id="error_1_id_{field}"><strong>{escape(message)}</strong></p>' in response.content.decode()
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "names",
    [
        {"last_name": "Римский-Корсаков", "first_name": "Николай", "patronymic": "Андреевич"},
        {"last_name": "Д'Артаньян", "first_name": "Шарль", "guardian_name": "Д’Артаньян Анна-Мария Ёжиковна"},
        {"last_name": "O'Neil", "first_name": "Mary Ann"},
        {"last_name": "Ёлкина", "first_name": "Гүлнара", "patronymic": "Ринатовна"},
    ],
)
def test_real_names_with_hyphens_apostrophes_and_other_alphabets_pass(curator, world, names):
    response = curator.post(reverse("participant_create"), {**PUPIL_POST, **names})
    assert response.status_code == 302, response.context["form"].errors
    assert Participant.objects.get().last_name == names["last_name"]


def test_the_gender_is_taken_from_the_patronymic_and_can_be_corrected(curator, world):
    """Documents agree words with it («обучающаяся»); without a telling patronymic it stays unknown."""
    names = {"last_name": "Ёлкина", "first_name": "Мария", "patronymic": "Ринатовна"}
    assert curator.post(reverse("participant_create"), {**PUPIL_POST, **names}).status_code == 302
    pupil = Participant.objects.get(last_name="Ёлкина")
    assert pupil.gender == Participant.Gender.FEMALE
    foreign = {"last_name": "Ким", "first_name": "Саша", "patronymic": ""}
    assert curator.post(reverse("participant_create"), {**PUPIL_POST, **foreign}).status_code == 302
    kim = Participant.objects.get(last_name="Ким")
    assert kim.gender == Participant.Gender.UNKNOWN
    form = curator.get(reverse("participant_update", kwargs={"pk": kim.pk})).content.decode()
    assert 'name="gender"' in form and "Заполняется по отчеству" in form
    response = curator.post(
        reverse("participant_update", kwargs={"pk": kim.pk}), {**PUPIL_POST, **foreign, "gender": "male"}
    )
    assert response.status_code == 302
    kim.refresh_from_db()
    assert kim.gender == Participant.Gender.MALE
    response = curator.post(
        reverse("participant_update", kwargs={"pk": kim.pk}), {**PUPIL_POST, **foreign, "gender": "other"}
    )
    assert "gender" in response.context["form"].errors
    kim.refresh_from_db()
    assert kim.gender == Participant.Gender.MALE


def test_detail_shows_data_consents_entries_and_history(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization, last_name="Иванова", class_name="6А")
    ConsentFactory(participant=pupil, allowed_publication=[])
    MenteeEntryFactory(participant=pupil, key_request="адаптация в новом классе")
    curator.post(
        reverse("participant_update", kwargs={"pk": pupil.pk}),
        {
            "category": "student",
            "last_name": "Иванова",
            "first_name": "Алёна",
            "birth_date": "15.03.2013",
            "class_name": "6Б",
        },
    )
    content = curator.get(reverse("participant_detail", kwargs={"pk": pupil.pk})).content.decode()
    assert "Иванова Алёна" in content
    assert "адаптация в новом классе" in content
    assert 'data-consent="valid"' in content
    history = content.split('data-testid="history"')[1]
    assert "Класс или группа:</span> 6А → 6Б" in history
    assert world.a.users[Role.CURATOR].last_name in history


def test_director_reads_but_does_not_edit(client, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    content = client.get(reverse("participant_detail", kwargs={"pk": pupil.pk})).content.decode()
    assert reverse("participant_update", kwargs={"pk": pupil.pk}) not in content
    assert client.post(reverse("participant_update", kwargs={"pk": pupil.pk}), {}).status_code == 403


def test_foreign_participant_is_not_found(curator, world):
    stranger = ParticipantFactory(organization=world.b.organization)
    assert curator.get(reverse("participant_detail", kwargs={"pk": stranger.pk})).status_code == 404
    assert curator.post(reverse("mentee_entry_create", kwargs={"pk": stranger.pk}), {}).status_code == 404


def test_registry_entries(curator, world):
    teacher = StaffFactory(organization=world.a.organization)
    url = reverse("mentor_entry_create", kwargs={"pk": teacher.pk})
    response = curator.post(
        url,
        {
            "academic_year": YEAR,
            "entered_on": "15.09.2026",
            "competencies": "олимпиадная математика",
            "desired_age_min": 14,
            "desired_age_max": 12,
            "case_url": "school.example/case",
        },
    )
    assert response.status_code == 200
    assert not MentorEntry.objects.exists()
    response = curator.post(
        url,
        {
            "academic_year": YEAR,
            "entered_on": "15.09.2026",
            "competencies": "олимпиадная математика",
            "desired_age_min": 12,
            "desired_age_max": 14,
            "trained": "on",
            "case_url": "school.example/case",
        },
        follow=True,
    )
    entry = MentorEntry.objects.get()
    assert entry.trained and entry.case_url == "https://school.example/case"
    assert "Запись реестра сохранена." in response.content.decode()
    response = curator.post(url, {"academic_year": YEAR, "entered_on": "16.09.2026"})
    assert response.status_code == 200  # one entry a year
    assert MentorEntry.objects.count() == 1

    edit = reverse("mentor_entry_update", kwargs={"pk": entry.pk})
    curator.post(
        edit, {"academic_year": YEAR, "entered_on": "15.09.2026", "full_cycle": "on", "completed_on": "25.05.2027"}
    )
    entry.refresh_from_db()
    assert entry.full_cycle and entry.completed_on == datetime.date(2027, 5, 25)

    pupil = ParticipantFactory(organization=world.a.organization)
    curator.post(
        reverse("mentee_entry_create", kwargs={"pk": pupil.pk}),
        {"academic_year": YEAR, "entered_on": "01.10.2026", "key_request": "профориентация"},
    )
    assert MenteeEntry.objects.get().key_request == "профориентация"


def test_a_full_cycle_needs_the_date_it_was_completed(curator, world):
    """The indicators count a full cycle from its date on: an undated one is refused next to the date."""
    pupil = ParticipantFactory(organization=world.a.organization)
    entry = MenteeEntryFactory(participant=pupil, academic_year=YEAR)
    response = curator.post(
        reverse("mentee_entry_update", kwargs={"pk": entry.pk}),
        {"academic_year": YEAR, "entered_on": "15.09.2026", "full_cycle": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["completed_on"] == ["Укажите дату, когда завершён полный цикл."]
    assert "Укажите дату, когда завершён полный цикл." in response.content.decode()
    entry.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (False, None)


def test_the_migration_fills_the_gender_of_the_people_already_registered(world):
    from django.apps import apps

    fill_gender = importlib.import_module("mentoring.migrations.0015_participant_gender").fill_gender
    org = world.a.organization
    girl = ParticipantFactory(organization=org, patronymic="Ильинична")
    boy = StaffFactory(organization=org, patronymic="Мамед оглы")
    nobody = ParticipantFactory(organization=org, patronymic="")
    Participant.objects.update(gender="")
    fill_gender(apps, None)
    assert [Participant.objects.get(pk=p.pk).gender for p in (girl, boy, nobody)] == ["female", "male", ""]
