"""The Положение о наставничестве: made from the shipped template with the organization's data, kept in
versions, an approved version never changed, approved by the registration of the order carrying it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from mentoring.models import MentoringForm
from reports import services as register
from reports.models import Order, OrderKind
from reports.statute import selectors, services
from reports.statute.diff import ADDED, CHANGED, REMOVED, SAME, compare_sections
from reports.statute.models import StatuteTemplate, StatuteVersion
from tests.mentoring.factories import ProgramFactory
from tests.reports.factories import statute_of

FULL_NAME = "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 3»"


@pytest.fixture
def school(world):
    organization = world.a.organization
    organization.full_name = FULL_NAME
    organization.short_name = "МБОУ «СШ № 3»"
    organization.save()
    return organization


@pytest.fixture
def director(world):
    return world.a.users[Role.DIRECTOR]


@pytest.fixture
def curator(world):
    return world.a.users[Role.CURATOR]


def text_of(version: StatuteVersion) -> str:
    return "\n".join(f"{section['title']}\n{section['text']}" for section in version.sections)


def register_order(order: Order, by) -> Order:
    return register.order_register(order=order, by=by)


def test_the_shipped_template_has_the_sections_of_the_standard_regulation(db):
    template = StatuteTemplate.objects.get(code="standard")
    titles = [section["title"] for section in template.sections]
    assert titles[:8] == [
        "Общие положения",
        "Цели и задачи наставничества",
        "Куратор целевой модели наставничества",
        "Наставники и наставляемые",
        "Формы наставничества",
        "Этапы реализации программы наставничества",
        "Мониторинг и оценка результатов",
        "Мотивация и поощрение наставников",
    ]


def test_creation_fills_the_organizations_name_in_its_cases_the_curator_forms_and_year(school, curator):
    curator.first_name, curator.last_name = "Анна", "Белова"
    curator.save()
    form = MentoringForm.objects.get(name="ученик – ученик")
    ProgramFactory(organization=school, form=form, academic_year=2026)
    statute = services.statute_create(
        owner=school,
        template=StatuteTemplate.objects.get(code="standard"),
        by=curator,
        on_date=datetime.date(2026, 9, 1),
    )
    version = statute.versions.get()
    text = text_of(version)
    assert version.number == 1 and version.status == StatuteVersion.Status.DRAFT
    assert version.created_by == curator
    assert version.title == "Положение о системе наставничества в МБОУ «СШ № 3»"
    assert "в Муниципальном бюджетном общеобразовательном учреждении «Средняя школа № 3»" in text
    assert "уставом МБОУ «СШ № 3»" in text
    assert "Белова Анна" in text
    assert "на 2026/2027 учебный год" in text
    assert "в формах «ученик – ученик»." in text
    assert "{{" not in text and "{%" not in text


def test_an_organization_without_programs_gets_the_forms_of_the_methodology(school, director):
    version = statute_of(school).versions.get()
    assert "«ученик – ученик», «учитель – учитель», «учитель – ученик»" in text_of(version)


def test_a_second_statute_is_refused(school, director):
    statute_of(school)
    with pytest.raises(ValidationError):
        services.statute_create(owner=school, template=StatuteTemplate.objects.get(code="standard"), by=director)


def test_each_save_keeps_a_version_with_its_author(school, director, curator):
    statute = statute_of(school)
    first = statute.versions.get()
    sections = [*first.sections, {"title": "Порядок внесения изменений", "text": "Изменения вносятся приказом."}]
    second = services.statute_save(statute=statute, title=first.title, sections=sections, by=curator)
    third = services.statute_save(statute=statute, title="Положение о наставничестве", sections=sections, by=director)
    assert [v.number for v in selectors.versions_of(statute)] == [3, 2, 1]
    assert (second.number, second.created_by, third.created_by) == (2, curator, director)
    first.refresh_from_db()
    assert len(first.sections) == len(sections) - 1


def test_a_save_without_changes_makes_no_version(school, director):
    statute = statute_of(school)
    first = statute.versions.get()
    assert services.statute_save(statute=statute, title=first.title, sections=first.sections, by=director) is None
    assert statute.versions.count() == 1


@pytest.mark.parametrize(
    ("title", "sections", "field"),
    [
        ("", [{"title": "Общие положения", "text": "Текст"}], "title"),
        ("Положение", [{"title": "", "text": "Текст без заголовка"}], "sections"),
        ("Положение", [{"title": "", "text": ""}], "sections"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(school, director, title, sections, field):
    statute = statute_of(school)
    with pytest.raises(ValidationError) as error:
        services.statute_save(statute=statute, title=title, sections=sections, by=director)
    assert field in error.value.message_dict
    assert statute.versions.count() == 1


def test_restoring_copies_an_old_version_as_the_newest_draft(school, director):
    statute = statute_of(school)
    first = statute.versions.get()
    services.statute_save(statute=statute, title="Другое", sections=[{"title": "Одно", "text": "Текст"}], by=director)
    restored = services.statute_version_restore(version=first, by=director)
    assert (restored.number, restored.restored_from, restored.status) == (3, first, StatuteVersion.Status.DRAFT)
    assert (restored.title, restored.sections) == (first.title, first.sections)


def test_registering_the_order_approves_the_version_with_its_number_and_date(school, director):
    version = statute_of(school).versions.get()
    order = services.statute_order_draft(version=version, by=director, on_date=datetime.date(2026, 9, 1))
    assert order.kind.code == "regulation-approval" and order.is_draft
    version.refresh_from_db()
    assert not version.is_approved
    assert selectors.statute_in_force(school) is None
    registered = register_order(order, director)
    version.refresh_from_db()
    assert version.status == StatuteVersion.Status.APPROVED
    assert (version.order, version.approved_number, version.approved_on) == (
        registered,
        registered.number,
        datetime.date(2026, 9, 1),
    )
    assert selectors.statute_in_force(school) == version


def test_an_approved_version_is_immutable_and_editing_starts_a_new_draft(school, director):
    statute = statute_of(school)
    version = statute.versions.get()
    register_order(services.statute_order_draft(version=version, by=director), director)
    version.refresh_from_db()
    sections_before = list(version.sections)
    new = services.statute_save(
        statute=statute, title=version.title, sections=[*version.sections, {"title": "Новый", "text": "Т"}], by=director
    )
    version.refresh_from_db()
    assert (new.number, new.status) == (2, StatuteVersion.Status.DRAFT)
    assert version.sections == sections_before and version.is_approved
    # The draft is not in force until its own order is registered; the approved one stays in force.
    assert selectors.statute_in_force(school) == version
    with pytest.raises(ValidationError):
        services.statute_order_draft(version=version, by=director)
    register_order(services.statute_order_draft(version=new, by=director), director)
    assert selectors.statute_in_force(school) == StatuteVersion.objects.get(pk=new.pk)


def test_a_cancelled_order_leaves_no_statute_in_force(school, director):
    version = statute_of(school).versions.get()
    order = register_order(services.statute_order_draft(version=version, by=director), director)
    register.order_cancel(order=order, by=director, reason="Ошибка")
    assert selectors.statute_in_force(school) is None


def test_the_register_drafts_the_kind_with_the_latest_version(school, director):
    statute = statute_of(school)
    first = statute.versions.get()
    latest = services.statute_save(
        statute=statute, title=first.title, sections=[{"title": "Единственный", "text": "Текст"}], by=director
    )
    kind = OrderKind.objects.get(code="regulation-approval")
    order = register.order_draft(kind=kind, by=director, organization=school)
    (appendix,) = order.appendices
    assert appendix["statute_version"] == latest.pk
    assert appendix["chapters"] == [{"title": "Единственный", "text": "Текст"}]
    assert order.items[0]["text"].endswith("(приложение 1).")
    register_order(order, director)
    latest.refresh_from_db()
    first.refresh_from_db()
    assert latest.is_approved and not first.is_approved


def test_the_register_drafts_the_kind_without_an_appendix_when_there_is_no_statute(school, director):
    kind = OrderKind.objects.get(code="regulation-approval")
    order = register.order_draft(kind=kind, by=director, organization=school)
    assert order.appendices == []
    assert "приложение" not in order.items[0]["text"]


def test_another_organizations_order_does_not_approve_a_version(world, school, director):
    version = statute_of(school).versions.get()
    other = world.b.organization
    kind = OrderKind.objects.get(code="regulation-approval")
    order = register.order_draft(
        kind=kind,
        by=world.b.users[Role.DIRECTOR],
        organization=other,
        appendix_layout={"chapters": [], "intro": ["x"], "statute_version": version.pk},
    )
    register.order_register(order=order, by=world.b.users[Role.DIRECTOR])
    version.refresh_from_db()
    assert not version.is_approved


def test_the_comparison_lists_sections_added_removed_and_changed():
    old = [
        {"title": "Общие положения", "text": "Первый\nВторой"},
        {"title": "Цели", "text": "Цель"},
        {"title": "Старый", "text": "Удалить"},
    ]
    new = [
        {"title": "Общие положения", "text": "Первый\nВторой изменён"},
        {"title": "Цели", "text": "Цель"},
        {"title": "Новый раздел", "text": "Добавлен"},
        {"title": "Ещё один", "text": "Тоже"},
    ]
    changes = compare_sections(old, new)
    assert [(c.status, c.title) for c in changes] == [
        (CHANGED, "Общие положения"),
        (SAME, "Цели"),
        (REMOVED, "Старый"),
        (ADDED, "Новый раздел"),
        (ADDED, "Ещё один"),
    ]
    assert [(line.op, line.text) for line in changes[0].lines if line.op != " "] == [
        ("-", "Второй"),
        ("+", "Второй изменён"),
    ]
