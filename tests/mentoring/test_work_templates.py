"""Plan templates: a plan saved as a template, whose templates who sees, a template applied to a pair
or to every mentee of a group in one step without overwriting written plans unasked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from accounts.tenancy import Tenant
from mentoring.models import DevelopmentPlan, MentoringUnit, PlanItem, PlanTemplate, PlanTemplateItem
from mentoring.work import selectors, services
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, consented, make_unit, unit_of_side

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status


def day(month: int, number: int, year: int = 2026) -> datetime.date:
    return datetime.date(year, month, number)


def written_plan(membership, goal="Адаптация в коллективе класса") -> DevelopmentPlan:
    """A plan of a unit whose start is 01.09.2026, the first row done."""
    plan = DevelopmentPlan.objects.create(membership=membership, goal=goal, tasks="Найти друзей")
    rows = [
        ("Знакомство", "Экскурсия по школе", day(9, 11), "фотоотчёт"),
        ("Учёба", "Разобрать дроби", day(10, 1), "контрольная"),
        ("", "Рассказать о себе на классном часе", None, ""),
    ]
    for position, (section, activity, due_on, result_form) in enumerate(rows, start=1):
        PlanItem.objects.create(
            plan=plan, section=section, activity=activity, due_on=due_on, result_form=result_form, position=position
        )
    PlanItem.objects.filter(plan=plan, position=1).update(done_on=day(9, 10), mentor_mark="зачтено")
    return plan


def group_of(organization, *last_names, mentor=None, status=Status.ACTIVE, starts_on=None) -> MentoringUnit:
    program = ProgramFactory(organization=organization, **({"starts_on": starts_on} if starts_on else {}))
    mentees = [consented(ParticipantFactory(organization=organization, last_name=name)) for name in last_names]
    return make_unit(program, mentor=mentor, mentees=mentees, status=status)


def template_of(organization, owner=None, name="Адаптация пятиклассника", rows=((None, "Экскурсия по школе"),)):
    template = PlanTemplate.objects.create(
        organization=organization, owner=owner, name=name, goal="Адаптация в коллективе", tasks="Найти друзей"
    )
    for position, (days, activity) in enumerate(rows, start=1):
        PlanTemplateItem.objects.create(template=template, activity=activity, due_after_days=days, position=position)
    return template


def tenant_of(user) -> Tenant:
    return Tenant(user.memberships.get())


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


# Services ---------------------------------------------------------------------------------------


def test_saving_a_plan_keeps_goal_tasks_and_rows_with_terms_from_the_start_and_no_marks(world):
    unit = unit_of_side(world.a)
    plan = written_plan(unit.mentees.get())
    curator = world.a.users[Role.CURATOR]
    template = services.plan_template_save(plan=plan, by=curator, name="  Адаптация   пятиклассника ", owner=None)
    assert (template.organization, template.owner, template.name) == (
        world.a.organization,
        None,
        "Адаптация пятиклассника",
    )
    assert (template.goal, template.tasks, template.created_by) == (
        "Адаптация в коллективе класса",
        "Найти друзей",
        curator,
    )
    assert [
        (row.position, row.section, row.activity, row.due_after_days, row.result_form) for row in template.items.all()
    ] == [
        (1, "Знакомство", "Экскурсия по школе", 10, "фотоотчёт"),
        (2, "Учёба", "Разобрать дроби", 30, "контрольная"),
        (3, "", "Рассказать о себе на классном часе", None, ""),
    ]


def test_a_template_name_is_unique_where_it_is_seen(world):
    plan = written_plan(unit_of_side(world.a).mentees.get())
    mentor, curator = world.a.users[Role.MENTOR], world.a.users[Role.CURATOR]
    services.plan_template_save(plan=plan, by=curator, name="Адаптация", owner=None)
    with pytest.raises(ValidationError) as error:
        services.plan_template_save(plan=plan, by=curator, name="Адаптация", owner=None)
    assert error.value.message_dict == {"name": ["Шаблон «Адаптация» уже есть."]}
    with pytest.raises(ValidationError) as error:
        services.plan_template_save(plan=plan, by=curator, name="   ", owner=None)
    assert error.value.message_dict == {"name": ["Укажите название шаблона."]}
    # The mentor's own templates are another list: the same name is his to use once.
    services.plan_template_save(plan=plan, by=mentor, name="Адаптация", owner=mentor)
    with pytest.raises(ValidationError):
        services.plan_template_save(plan=plan, by=mentor, name="Адаптация", owner=mentor)
    assert PlanTemplate.objects.count() == 2


def test_applying_to_a_group_writes_each_mentee_a_plan_and_keeps_written_ones_unasked(world):
    organization = world.a.organization
    group = group_of(organization, "Алексеева", "Борисов", "Васильева")
    alekseeva, borisov, vasilieva = group.mentees.order_by("mentee__last_name")
    kept = written_plan(borisov, goal="Свой план Борисова")
    template = template_of(organization, rows=((10, "Экскурсия по школе"), (None, "Классный час"), (400, "Итоги года")))
    user = world.a.users[Role.CURATOR]

    applied = services.plan_template_apply(template=template, unit=group, by=user)
    assert applied.written == [alekseeva.mentee.full_name, vasilieva.mentee.full_name]
    assert applied.kept == [borisov.mentee.full_name] and applied.replaced == []
    for membership in (alekseeva, vasilieva):
        plan = DevelopmentPlan.objects.get(membership=membership)
        assert (plan.goal, plan.tasks) == ("Адаптация в коллективе", "Найти друзей")
        # Terms from this group's start (01.09.2026), none past its planned end (31.05.2027).
        assert [(item.activity, item.due_on, item.done_on) for item in plan.items.all()] == [
            ("Экскурсия по школе", day(9, 11), None),
            ("Классный час", None, None),
            ("Итоги года", day(5, 31, 2027), None),
        ]
    kept.refresh_from_db()
    assert kept.goal == "Свой план Борисова" and kept.items.get(position=1).mentor_mark == "зачтено"

    applied = services.plan_template_apply(template=template, unit=group, by=user, replace=True)
    assert applied.replaced == [alekseeva.mentee.full_name, borisov.mentee.full_name, vasilieva.mentee.full_name]
    kept.refresh_from_db()
    assert kept.goal == "Адаптация в коллективе"
    assert [item.activity for item in kept.items.all()] == ["Экскурсия по школе", "Классный час", "Итоги года"]
    assert not kept.items.filter(done_on__isnull=False).exists()


def test_a_mentee_who_left_gets_no_plan_and_a_closed_or_foreign_unit_is_refused(world):
    organization = world.a.organization
    group = group_of(organization, "Алексеева", "Борисов")
    group.mentees.filter(mentee__last_name="Борисов").update(left_on=day(10, 1))
    template = template_of(organization)
    user = world.a.users[Role.CURATOR]
    applied = services.plan_template_apply(template=template, unit=group, by=user)
    assert len(applied.written) == 1 and DevelopmentPlan.objects.count() == 1

    completed = group_of(organization, "Григорьева", status=Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.plan_template_apply(template=template, unit=completed, by=user)
    assert "только в утверждённых и работающих" in error.value.messages[0]
    foreign = group_of(world.b.organization, "Дмитриева")
    with pytest.raises(ValidationError) as error:
        services.plan_template_apply(template=template, unit=foreign, by=user)
    assert error.value.messages == ["Шаблон принадлежит другой организации."]
    assert DevelopmentPlan.objects.count() == 1


def test_deleting_a_template_keeps_the_plans_written_from_it(world):
    group = group_of(world.a.organization, "Алексеева")
    template = template_of(world.a.organization)
    services.plan_template_apply(template=template, unit=group, by=world.a.users[Role.CURATOR])
    services.plan_template_delete(template=template, by=world.a.users[Role.CURATOR])
    assert not PlanTemplate.objects.exists() and not PlanTemplateItem.objects.exists()
    assert DevelopmentPlan.objects.get().items.count() == 1


def test_who_sees_which_template(world):
    organization = world.a.organization
    mentor, curator = world.a.users[Role.MENTOR], world.a.users[Role.CURATOR]
    colleague = UserFactory(username="colleague_a")
    MembershipFactory(user=colleague, role=Role.MENTOR, organization=organization)
    shared = template_of(organization, name="Общий")
    own = template_of(organization, owner=mentor, name="Мой")
    colleagues = template_of(organization, owner=colleague, name="Коллеги")
    template_of(world.b.organization, name="Чужой")

    def visible(user):
        return set(selectors.plan_templates_visible(tenant_of(user), user))

    assert visible(curator) == {shared, own, colleagues}
    assert visible(mentor) == {shared, own}
    assert visible(colleague) == {shared, colleagues}
    assert visible(world.a.users[Role.DIRECTOR]) == set()
    assert visible(world.b.users[Role.CURATOR]) == {PlanTemplate.objects.get(name="Чужой")}
    assert selectors.may_delete_template(tenant_of(curator), curator, own)
    assert selectors.may_delete_template(tenant_of(mentor), mentor, own)
    assert not selectors.may_delete_template(tenant_of(mentor), mentor, shared)


# Pages ------------------------------------------------------------------------------------------


def test_a_mentor_saves_his_plan_as_his_own_template(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    written_plan(membership)
    mentor = world.a.users[Role.MENTOR]
    client.force_login(mentor)
    plan_page = client.get(reverse("plan_detail", args=[membership.pk])).content.decode()
    url = reverse("plan_template_save", args=[membership.pk])
    assert url in plan_page
    page = client.get(url)
    assert page.context["form"].initial["name"] == "Адаптация в коллективе класса"
    assert "Шаблон будет вашим: его видите вы и куратор." in page.content.decode()
    assert "В шаблон войдут цель, задачи и 3 мероприятия — без отметок о выполнении." in page.content.decode()

    response = client.post(url, {"name": "Адаптация пятиклассника"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan_template_list")
    assert "Шаблон «Адаптация пятиклассника» сохранён." in messages_of(response)
    template = PlanTemplate.objects.get()
    assert (template.owner, template.organization) == (mentor, world.a.organization)
    page = response.content.decode()
    assert "Адаптация пятиклассника" in page and "мой" in page and "через 10 дней после начала" in page

    # The same name again: the message next to the field, nothing more saved.
    response = client.post(url, {"name": "Адаптация пятиклассника"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Шаблон «Адаптация пятиклассника» уже есть."]}
    assert PlanTemplate.objects.count() == 1

    # The curator sees it as the mentor's; another mentor of the school does not see it at all.
    client.force_login(world.a.users[Role.CURATOR])
    page = client.get(reverse("plan_template_list")).content.decode()
    assert "Адаптация пятиклассника" in page and f"наставник {mentor.get_full_name()}" in page
    colleague = UserFactory(username="colleague_a")
    MembershipFactory(user=colleague, role=Role.MENTOR, organization=world.a.organization)
    client.force_login(colleague)
    assert "Адаптация пятиклассника" not in client.get(reverse("plan_template_list")).content.decode()
    assert client.post(reverse("plan_template_delete", args=[template.pk])).status_code == 404
    assert PlanTemplate.objects.exists()


def test_a_template_is_saved_only_from_a_written_plan(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    client.force_login(world.a.users[Role.MENTOR])
    response = client.post(reverse("plan_template_save", args=[membership.pk]), {"name": "Пустой"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plan_detail", args=[membership.pk])
    assert "Сначала составьте план: шаблон сохраняется из составленного плана." in messages_of(response)
    assert "Составить по шаблону" in response.content.decode()
    assert not PlanTemplate.objects.exists()


def test_the_curators_template_is_the_organizations_and_only_he_deletes_it(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    written_plan(membership)
    client.force_login(world.a.users[Role.CURATOR])
    page = client.get(reverse("plan_template_save", args=[membership.pk])).content.decode()
    assert "Шаблон станет шаблоном организации: его смогут применить все её наставники." in page
    client.post(reverse("plan_template_save", args=[membership.pk]), {"name": "Адаптация"})
    template = PlanTemplate.objects.get()
    assert template.owner is None

    client.force_login(world.a.users[Role.MENTOR])
    page = client.get(reverse("plan_template_list")).content.decode()
    assert "Адаптация" in page and "шаблон организации" in page
    assert reverse("plan_template_delete", args=[template.pk]) not in page
    response = client.post(reverse("plan_template_delete", args=[template.pk]), follow=True)
    assert "Шаблоны организации удаляет только куратор." in messages_of(response)
    assert PlanTemplate.objects.exists()

    client.force_login(world.a.users[Role.CURATOR])
    page = client.get(reverse("plan_template_list")).content.decode()
    assert reverse("plan_template_delete", args=[template.pk]) in page
    response = client.post(reverse("plan_template_delete", args=[template.pk]), follow=True)
    assert "Шаблон «Адаптация» удалён." in messages_of(response)
    assert not PlanTemplate.objects.exists()
    client.force_login(world.b.users[Role.CURATOR])
    assert "Адаптация" not in client.get(reverse("plan_template_list")).content.decode()


def test_a_template_applied_to_a_group_in_one_step_asks_before_replacing(client, world):
    organization = world.a.organization
    mentor_user = world.a.users[Role.MENTOR]
    mentor = consented(ParticipantFactory(organization=organization, user=mentor_user, class_name="10А"))
    group = group_of(organization, "Алексеева", "Борисов", "Васильева", mentor=mentor)
    borisov = group.mentees.get(mentee__last_name="Борисов")
    written_plan(borisov, goal="Свой план Борисова")
    template = template_of(organization, rows=((10, "Экскурсия по школе"),))
    client.force_login(mentor_user)
    journal = client.get(reverse("meeting_list", args=[group.pk])).content.decode()
    url = reverse("plan_template_apply", args=[group.pk])
    assert url in journal

    page = client.get(url)
    form = page.context["form"]
    assert list(form.fields["template"].queryset) == [template]
    assert "Заменить уже составленные планы" in page.content.decode()
    assert "Планы уже составлены: Борисов" in form.fields["replace"].help_text

    response = client.post(url, {"template": template.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting_list", args=[group.pk])
    written, kept = messages_of(response)
    assert written.startswith("План по шаблону «Адаптация пятиклассника» составлен: Алексеева")
    assert "Васильева" in written and "Борисов" not in written
    assert kept.startswith("Уже составленные планы оставлены без изменений: Борисов")
    assert DevelopmentPlan.objects.get(membership=borisov).goal == "Свой план Борисова"
    assert DevelopmentPlan.objects.filter(goal="Адаптация в коллективе").count() == 2

    # Now every mentee has a plan: without the tick nothing is written, and the page says why.
    response = client.post(url, {"template": template.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "replace": [
            "У всех наставляемых план уже составлен: отметьте поле, чтобы составить планы заново, "
            "или оставьте их без изменений."
        ]
    }
    assert DevelopmentPlan.objects.get(membership=borisov).goal == "Свой план Борисова"

    response = client.post(url, {"template": template.pk, "replace": "on"}, follow=True)
    assert messages_of(response)[0].startswith("План составлен заново по шаблону «Адаптация пятиклассника»: Алексеева")
    assert DevelopmentPlan.objects.get(membership=borisov).goal == "Адаптация в коллективе"


def test_a_pair_without_templates_and_a_template_not_shown_to_the_user(client, world):
    unit = unit_of_side(world.a)
    client.force_login(world.a.users[Role.MENTOR])
    url = reverse("plan_template_apply", args=[unit.pk])
    page = client.get(url).content.decode()
    assert "Шаблонов планов пока нет" in page and 'data-testid="template-apply-form"' not in page
    # A pair has one mentee and he has no plan: no box to replace anything.
    colleague = UserFactory(username="colleague_a")
    MembershipFactory(user=colleague, role=Role.MENTOR, organization=world.a.organization)
    hidden = template_of(world.a.organization, owner=colleague)
    response = client.post(url, {"template": hidden.pk})
    assert response.status_code == 200 and "template" in response.context["form"].errors
    assert "Выберите корректный вариант" in response.content.decode()
    assert "replace" not in response.context["form"].fields
    assert not DevelopmentPlan.objects.exists()
    # Another organization's pair: 404, nothing written.
    other = group_of(world.b.organization, "Дмитриева")
    client.force_login(world.b.users[Role.CURATOR])
    assert client.post(reverse("plan_template_apply", args=[unit.pk]), {"template": hidden.pk}).status_code == 404
    assert client.get(reverse("plan_template_apply", args=[other.pk])).status_code == 200
    assert not DevelopmentPlan.objects.exists()


def test_a_finished_pair_is_not_given_plans(client, world):
    unit = unit_of_side(world.a, status=Status.COMPLETED)
    template = template_of(world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("plan_template_apply", args=[unit.pk]), {"template": template.pk}, follow=True)
    assert "Планы и встречи ведутся только в утверждённых и работающих парах и группах" in messages_of(response)[0]
    assert not DevelopmentPlan.objects.exists()


def test_the_template_pages_run_a_constant_number_of_queries(client, world):
    organization = world.a.organization
    curator = world.a.users[Role.CURATOR]
    group = group_of(organization, "Алексеева")
    template_of(organization, owner=world.a.users[Role.MENTOR], rows=((1, "Дело"), (2, "Ещё дело")))
    client.force_login(curator)

    def grow():
        for _number in range(4):
            template_of(
                organization,
                name=f"Шаблон {PlanTemplate.objects.count()}",
                rows=((1, "Дело"), (5, "Ещё дело"), (9, "Третье")),
            )
            membership = group.mentees.create(
                mentee=consented(ParticipantFactory(organization=organization)), joined_on=day(9, 1)
            )
            written_plan(membership)

    for url in (reverse("plan_template_list"), reverse("plan_template_apply", args=[group.pk])):
        assert assert_queries_constant(lambda url=url: client.get(url), grow) <= 20


def test_a_template_made_from_last_years_plan_gives_this_years_terms(world):
    organization = world.a.organization
    last_year = group_of(organization, "Алексеева", starts_on=day(9, 1, 2025))
    MentoringUnit.objects.filter(pk=last_year.pk).update(planned_from=day(9, 1, 2025), planned_to=day(5, 31, 2026))
    last_year.refresh_from_db()
    plan = DevelopmentPlan.objects.create(membership=last_year.mentees.get(), goal="Адаптация")
    PlanItem.objects.create(plan=plan, activity="Экскурсия", due_on=day(9, 15, 2025), position=1)
    template = services.plan_template_save(plan=plan, by=world.a.users[Role.CURATOR], name="Адаптация", owner=None)
    this_year = group_of(organization, "Борисов")
    services.plan_template_apply(template=template, unit=this_year, by=world.a.users[Role.CURATOR])
    assert DevelopmentPlan.objects.get(membership__unit=this_year).items.get().due_on == day(9, 15)
