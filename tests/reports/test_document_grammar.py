"""Drafted orders and letters say names in the case of their sentence and agree with people's gender
(the kinds' templates with the filters of reports.templatetags.declension, reports.drafting)."""

import datetime
import importlib
import json

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import Organization, Role
from mentoring.models import Participant
from reports import services
from reports.models import OrderKind
from reports.order_kinds import KINDS
from tests.accounts.factories import MembershipFactory, MunicipalityFactory, OrganizationFactory, UserFactory
from tests.mentoring.factories import MentorEntryFactory, ParticipantFactory, PartnerFactory, StaffFactory
from tests.reports.factories import municipal_model
from tests.roadmap.factories import MunicipalRoadmapFactory, StageFactory

DAY = datetime.date(2026, 9, 1)
kinds_migration = importlib.import_module("reports.migrations.0007_kinds_in_the_right_case")
indicators_migration = importlib.import_module("reports.migrations.0008_kind_indicators_appendix")
coordinator_migration = importlib.import_module("reports.migrations.0015_municipal_coordinator_and_roadmap_order")


def draft(code: str, **owner):
    kind = OrderKind.objects.get(code=code)
    return services.order_draft(kind=kind, by=UserFactory(), on_date=DAY, **owner)


def reward_rows(organization) -> dict[str, str]:
    order = draft("mentor-reward", organization=organization)
    return {row[1]: row[2] for row in order.appendices[0]["rows"]}


def pupil_mentor(organization, last_name, first_name, patronymic, class_name, **fields):
    person = ParticipantFactory(
        organization=organization,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        class_name=class_name,
        **fields,
    )
    MentorEntryFactory(participant=person, academic_year=2026)
    return person


def test_pupils_in_the_reward_list_agree_with_their_gender(db):
    school = OrganizationFactory()
    pupil_mentor(school, "Орлова", "Дарья", "Игоревна", "10А")
    pupil_mentor(school, "Орлов", "Денис", "Игоревич", "11Б")
    # No patronymic: the gender a curator chose on the form.
    pupil_mentor(school, "Ким", "Саша", "", "9В", gender=Participant.Gender.FEMALE)
    rows = reward_rows(school)
    assert rows["Орлова Дарья Игоревна"] == "обучающаяся 10А класса"
    assert rows["Орлов Денис Игоревич"] == "обучающийся 11Б класса"
    assert rows["Ким Саша"] == "обучающаяся 9В класса"


def test_a_college_has_groups_and_students(db):
    college = OrganizationFactory(kind=Organization.Kind.COLLEGE, short_name="ГБПОУ «Заречный техникум»")
    category = Participant.Category.COLLEGE_STUDENT
    pupil_mentor(college, "Лебедева", "Ольга", "Андреевна", "ТМ-21", category=category)
    pupil_mentor(college, "Лебедев", "Илья", "Андреевич", "ТМ-22", category=category)
    rows = reward_rows(college)
    assert rows["Лебедева Ольга Андреевна"] == "студентка группы ТМ-21"
    assert rows["Лебедев Илья Андреевич"] == "студент группы ТМ-22"


def test_a_partner_colleges_student_mentoring_at_a_school_has_a_group(db):
    school = OrganizationFactory()
    pupil_mentor(school, "Андреева", "Алиса", "Максимовна", "ТМ-23", category=Participant.Category.COLLEGE_STUDENT)
    assert reward_rows(school)["Андреева Алиса Максимовна"] == "студентка группы ТМ-23"


def test_the_municipal_order_declines_the_municipality(db):
    municipality = MunicipalityFactory(name="Кавказский район")
    order = draft("municipal-introduction", municipality=municipality)
    assert order.title == "О внедрении целевой модели наставничества в образовательных организациях Кавказского района"
    assert order.items[0]["text"] == (
        "Утвердить муниципальную целевую модель наставничества обучающихся и педагогических работников "
        "образовательных организаций Кавказского района."
    )
    assert order.items[1]["text"].startswith(
        "Утвердить показатели эффективности внедрения целевой модели наставничества в Кавказском районе"
    )
    roadmap = draft("municipal-roadmap", municipality=municipality)
    assert roadmap.items[0]["text"] == (
        "Утвердить план мероприятий (дорожную карту) реализации целевой модели наставничества "
        "в образовательных организациях Кавказского района (приложение 1)."
    )
    assert roadmap.appendices[0]["title"] == (
        "Дорожная карта реализации целевой модели наставничества в Кавказском районе"
    )


def test_the_municipal_target_model_is_filled_in_the_cases_of_its_sentences(db):
    municipality = MunicipalityFactory(name="Кавказский район", authority="Управление образования администрации")
    text = " ".join(section["text"] for section in municipal_model(municipality).versions.get().sections)
    assert "образовательных организаций Кавказского района (далее — муниципальная модель)" in text
    assert "программы дошкольного образования в Кавказском районе." in text
    assert "Управление образования администрации:" in text
    assert "{{" not in text and "{%" not in text


def test_the_thank_you_letter_declines_the_partner(db):
    school = OrganizationFactory(short_name="Детский сад № 5 «Ромашка»")
    partner = PartnerFactory(organization=school, name="Заречный машиностроительный завод")
    letter = draft("partner-thanks", organization=school, extra={"partner": partner})
    assert letter.addressee == "Руководителю Заречного машиностроительного завода"
    assert letter.body.startswith(
        "Администрация Детского сада № 5 «Ромашка» выражает искреннюю благодарность "
        "Заречному машиностроительному заводу за участие"
    )


def test_the_curator_appointed_in_the_accusative_agreeing_with_the_gender(db):
    school = OrganizationFactory(short_name="МБОУ «СОШ № 7»")
    user = UserFactory(last_name="Римская-Корсакова", first_name="Елена", patronymic="Андреевна")
    MembershipFactory(user=user, organization=school, role=Role.CURATOR)
    StaffFactory(
        organization=school,
        user=user,
        last_name="Римская-Корсакова",
        first_name="Елена",
        patronymic="Андреевна",
        position="старший методист",
    )
    order = draft("curator-appointment", organization=school)
    assert order.items[0]["text"] == (
        "Назначить куратором внедрения целевой модели наставничества в МБОУ «СОШ № 7» (далее — куратор) "
        "Римскую-Корсакову Елену Андреевну, старшего методиста."
    )


def test_without_a_curator_the_draft_leaves_a_line_to_fill_in(db):
    order = draft("curator-appointment", organization=OrganizationFactory(short_name="МБОУ «СОШ № 8»"))
    assert order.items[0]["text"].endswith("(далее — куратор) ____________________.")


def test_a_kind_written_in_the_admin_uses_the_filters_without_loading_them(db):
    school = OrganizationFactory(director_name="Шевчук Ольга Петровна", director_position="Директор")
    OrderKind.objects.create(
        code="custom",
        name="Свой вид",
        title_template="О поручении {{ director|dative }}",
        items_template=[{"text": "{{ director|agree:'ответственный' }} за исполнение — {{ director.initials }}"}],
    )
    order = draft("custom", organization=school)
    assert order.title == "О поручении Шевчук Ольге Петровне"
    assert order.items[0]["text"] == "ответственная за исполнение — О. П. Шевчук"


class TestTheMigrationOfTheStoredKinds:
    """Kinds stored before the filters get the new texts, unless a region edited the field."""

    def stored_as_before(self, code: str) -> OrderKind:
        kind = OrderKind.objects.get(code=code)
        for field, (old, _new) in kinds_migration.CHANGES[code].items():
            setattr(kind, field, old)
        kind.save()
        return kind

    def test_an_untouched_kind_gets_the_new_texts(self, db):
        kind = self.stored_as_before("municipal-introduction")
        kind.indicators_title = ""
        kind.save()
        assert "{{ municipality.name }}" in kind.title_template
        kinds_migration.forwards(apps, None)
        # And the next migrations add the indicators appendix and its item, then the coordinator's items.
        indicators_migration.forwards(apps, None)
        coordinator_migration.forwards(apps, None)
        # And the municipal target model becomes the appendix 1 (the roadmap has an order of its own).
        OrderKind.objects.filter(pk=kind.pk).update(appendix="roadmap")
        model_migration.forwards(apps, None)
        kind.refresh_from_db()
        shipped = next(data for data in KINDS if data["code"] == "municipal-introduction")
        assert kind.title_template == shipped["title_template"]
        assert kind.items_template == shipped["items_template"]
        assert kind.appendix_title == shipped["appendix_title"]
        assert kind.indicators_title == shipped["indicators_title"]

    def test_the_indicators_appendix_leaves_items_a_region_edited(self, db):
        kind = OrderKind.objects.get(code="municipal-introduction")
        kind.indicators_title, kind.items_template = "", [{"text": "Свой пункт.", "responsible": "", "term": ""}]
        kind.save()
        indicators_migration.forwards(apps, None)
        kind.refresh_from_db()
        assert kind.items_template == [{"text": "Свой пункт.", "responsible": "", "term": ""}]
        assert kind.indicators_title.startswith("Показатели эффективности внедрения")
        indicators_migration.backwards(apps, None)
        kind.refresh_from_db()
        assert kind.items_template == [{"text": "Свой пункт.", "responsible": "", "term": ""}]

    def test_a_field_edited_by_a_region_is_left_as_it_is(self, db):
        kind = self.stored_as_before("curator-appointment")
        kind.preamble_template = "Своя преамбула,"
        kind.save()
        kinds_migration.forwards(apps, None)
        kind.refresh_from_db()
        assert kind.preamble_template == "Своя преамбула,"
        assert "{{ curator|accusative }}" in kind.items_template[0]["text"]

    def test_back_to_the_old_texts(self, db):
        indicators_migration.backwards(apps, None)
        kinds_migration.backwards(apps, None)
        kind = OrderKind.objects.get(code="model-introduction")
        assert kind.items_template == kinds_migration.CHANGES["model-introduction"]["items_template"][0]


@pytest.mark.parametrize("data", KINDS, ids=lambda data: data["code"])
def test_every_shipped_kind_drafts_without_a_nominative_left_in_a_sentence(db, data):
    """The organization's and the municipality's names go through a case filter everywhere."""
    fields = ("title_template", "preamble_template", "appendix_title", "indicators_title")
    for field in (*fields, "addressee_template", "body_template"):
        text = data.get(field, "")
        assert "{{ municipality.name }}" not in text and "{{ organization.short_name }}" not in text, field
        assert "{{ partner.name }}" not in text, field
    for item in data.get("items_template", []):
        assert "{{ organization.short_name }}" not in item["text"] and "{{ municipality.name }}" not in item["text"]


def test_the_admin_refuses_a_kind_whose_text_would_not_render(admin_client):
    kind = OrderKind.objects.get(code="municipal-introduction")
    url = reverse("admin:reports_orderkind_change", args=[kind.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) for name in form.fields}
    data["items_template"] = json.dumps(data["items_template"], ensure_ascii=False)
    data.update(
        region="",
        title_template="О внедрении в образовательных организациях {{ municipality|genetive }}",
        is_active="on",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["title_template"]
    assert "Текст нельзя заполнить: Invalid filter: 'genetive'" in errors["title_template"][0]
    kind.refresh_from_db()
    assert "{{ municipality|genitive }}" in kind.title_template
    data["title_template"] = "О внедрении в образовательных организациях {{ municipality|genitive }} (новое)"
    assert admin_client.post(url, data).status_code == 302
    kind.refresh_from_db()
    assert kind.title_template.endswith("(новое)")


final_event_migration = importlib.import_module("reports.migrations.0013_final_event_items_in_the_right_case")
event_date_migration = importlib.import_module("reports.migrations.0006_letter_series_letterhead_event_words")
statute_migration = importlib.import_module("reports.migrations.0010_shipped_statute")
model_migration = importlib.import_module("reports.migrations.0017_statute_of_a_municipality")


@pytest.mark.parametrize("code", list(kinds_migration.CHANGES), ids=str)
def test_a_kind_stored_before_0006_ends_with_the_shipped_texts(db, code):
    """A database upgraded through every migration: the kind as it was stored before 0006 (the old
    texts of 0007, no event words, no Положение, the municipal roadmap as the appendix of «О внедрении…»),
    then 0006, 0007, 0008, 0010, 0013, 0015 and 0016 in turn, reads as shipped."""
    kind = OrderKind.objects.get(code=code)
    for field, (old, _new) in kinds_migration.CHANGES[code].items():
        setattr(kind, field, old)
    kind.event_words = ""
    if code == statute_migration.CODE:
        kind.appendix, kind.appendix_title = "", ""
    if code == model_migration.CODE:
        kind.appendix = "roadmap"
    kind.save()
    event_date_migration.final_event_date(apps, None)
    kinds_migration.forwards(apps, None)
    indicators_migration.forwards(apps, None)
    statute_migration.forwards(apps, None)
    final_event_migration.forwards(apps, None)
    coordinator_migration.forwards(apps, None)
    model_migration.forwards(apps, None)
    kind.refresh_from_db()
    shipped = next(data for data in KINDS if data["code"] == code)
    for field in kinds_migration.CHANGES[code]:
        assert getattr(kind, field) == shipped[field], field


def test_the_final_event_order_of_an_upgraded_database_names_the_school_in_the_genitive(db):
    kind = OrderKind.objects.get(code="final-event")
    kind.items_template = [
        {**item, "text": item["text"].replace("short_name|genitive", "short_name")} for item in kind.items_template
    ]
    kind.save()
    final_event_migration.forwards(apps, None)
    order = draft("final-event", organization=OrganizationFactory(short_name="МБОУ «Лицей № 3»"))
    assert order.items[-1]["text"] == "Опубликовать итоги мероприятия на официальном сайте МБОУ «Лицей № 3»."
    final_event_migration.backwards(apps, None)
    kind.refresh_from_db()
    assert "{{ organization.short_name }}" in kind.items_template[-1]["text"]


def test_the_municipal_order_appoints_the_coordinator_in_the_accusative(db):
    municipality = MunicipalityFactory(name="Кавказский район")
    coordinator = UserFactory(last_name="Семенова", first_name="Светлана", patronymic="Ивановна")
    MembershipFactory(user=coordinator, municipality=municipality, organization=None, role=Role.COORDINATOR)
    order = draft("municipal-introduction", municipality=municipality)
    texts = [item["text"] for item in order.items]
    assert "Назначить муниципальным координатором наставничества Семенову Светлану Ивановну." in texts
    support = next(item for item in order.items if item["text"].startswith("Муниципальному координатору"))
    assert "в образовательных организациях Кавказского района" in support["text"]
    assert support["responsible"] == "С. И. Семенова"
    # Without a coordinator, a line to write the name on.
    other = draft("municipal-introduction", municipality=MunicipalityFactory())
    assert "Назначить муниципальным координатором наставничества ____________________." in [
        item["text"] for item in other.items
    ]


def test_the_roadmap_order_of_seed_003_is_a_municipal_kind(db):
    municipality = MunicipalityFactory(name="Кавказский район")
    order = draft("municipal-roadmap", municipality=municipality)
    assert order.title == "О реализации целевой модели наставничества в образовательных организациях Кавказского района"
    assert order.items[0]["text"] == (
        "Утвердить план мероприятий (дорожную карту) реализации целевой модели наставничества в образовательных "
        "организациях Кавказского района (приложение 1)."
    )
    assert order.appendices[0]["title"] == "Дорожная карта реализации целевой модели наставничества в Кавказском районе"
    # With the municipality's roadmap of several years, the title names them (seed 003: «на период 2022-2024»).
    roadmap = MunicipalRoadmapFactory(
        municipality=municipality, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2028, 12, 31)
    )
    StageFactory(roadmap=roadmap)
    order = draft("municipal-roadmap", municipality=municipality)
    assert order.title.endswith("в образовательных организациях Кавказского района на 2026\u20132028 годы")


def test_an_upgraded_database_gets_the_roadmap_kind_and_the_coordinators_items(db):
    OrderKind.objects.filter(code="municipal-roadmap").delete()
    kind = OrderKind.objects.get(code="municipal-introduction")
    kind.items_template = coordinator_migration.ITEMS_BEFORE
    kind.save()
    coordinator_migration.forwards(apps, None)
    kind.refresh_from_db()
    assert kind.items_template == coordinator_migration.ITEMS_AFTER
    assert OrderKind.objects.get(code="municipal-roadmap").scope == "municipality"
    coordinator_migration.backwards(apps, None)
    kind.refresh_from_db()
    assert kind.items_template == coordinator_migration.ITEMS_BEFORE
    assert not OrderKind.objects.filter(code="municipal-roadmap").exists()
