"""The roadmap pages as users see them: progress, deadlines, my activities, the timeline, editing,
statuses with evidence, the audit with its remarks, the order «о внедрении», the home panels."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from reports.models import Order
from roadmap.models import Activity, Remark, Roadmap, Status
from tests.accounts.factories import MembershipFactory, OrganizationFactory
from tests.helpers import assert_queries_constant
from tests.roadmap.factories import (
    ActivityFactory,
    MunicipalRoadmapFactory,
    RoadmapFactory,
    StageFactory,
    activity_in,
    recurring_activity_in,
    registered_order,
    roadmap_of,
)


def today():
    return timezone.localdate()


def term(day: datetime.date) -> str:
    return f"до {day:%d.%m.%Y}"


def current_roadmap(organization):
    year = today().year if today().month >= 8 else today().year - 1
    start = datetime.date(year, 8, 1)
    return RoadmapFactory(
        organization=organization, academic_year=year, starts_on=start, ends_on=datetime.date(year + 1, 8, 31)
    )


def test_the_roadmap_page_shows_progress_per_stage_overdue_and_due_soon(world, client):
    roadmap = current_roadmap(world.a.organization)
    stage = StageFactory(roadmap=roadmap, title="Подготовка условий")
    late = ActivityFactory(stage=stage, title="Издание приказа", term_text=term(today() - datetime.timedelta(days=3)))
    ActivityFactory(stage=stage, title="Круглый стол", term_text=term(today() + datetime.timedelta(days=5)))
    done = ActivityFactory(stage=stage, title="Анкетирование", term_text=term(today() + datetime.timedelta(days=40)))
    done.status = Status.DONE
    done.save()
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk}))
    content = response.content.decode()
    assert response.status_code == 200
    overdue = content.split('data-testid="overdue-list"')[1].split("</ul>")[0]
    soon = content.split('data-testid="soon-list"')[1].split("</ul>")[0]
    assert "Издание приказа" in overdue and "Круглый стол" not in overdue
    assert "Круглый стол" in soon and "Анкетирование" not in soon
    assert '<span class="text-nowrap" data-testid="stage-percent">33%</span>' in content
    assert "просрочено" in content
    assert late.number in content


def test_my_activities_filter_keeps_those_of_the_user_or_the_role(world, client):
    roadmap = roadmap_of(world.a.organization)
    stage = StageFactory(roadmap=roadmap)
    mentor = world.a.users[Role.MENTOR]
    ActivityFactory(stage=stage, title="Встречи пар", responsible_roles=["mentor"])
    ActivityFactory(stage=stage, title="Открытое занятие", responsible_roles=[], people=[mentor])
    ActivityFactory(stage=stage, title="Приказ о поощрении", responsible_roles=["director"])
    client.force_login(mentor)
    content = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk}), {"mine": "1"}).content.decode()
    assert "Встречи пар" in content and "Открытое занятие" in content
    assert "Приказ о поощрении" not in content
    assert "2 из 3" in content


def test_the_timeline_shows_each_month_of_the_year(world, client):
    activity = activity_in(world.a.organization, title="Семинар для наставников", term_text="сентябрь-октябрь 2026")
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.get(reverse("roadmap_timeline", kwargs={"pk": activity.roadmap_id}))
    content = response.content.decode()
    assert response.status_code == 200
    for month in ("Авг", "Сен", "Окт", "Янв", "Май"):
        assert month in content
    row = content.split("Семинар для наставников")[1].split("</tr>")[0]
    assert row.count('class="bar state-') == 2


def test_a_municipal_timeline_is_shown_a_year_at_a_time(world, client):
    roadmap = MunicipalRoadmapFactory(municipality=world.a.municipality)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), term_text="Ежегодно до 01 октября", responsible_roles=[])
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.get(reverse("roadmap_timeline", kwargs={"pk": roadmap.pk}), {"year": "2027"})
    assert response.status_code == 200
    assert response.context["year"] == 2027
    assert len(response.context["months"]) == 12


def test_create_from_the_template_for_a_chosen_year(world, client):
    client.force_login(world.a.users[Role.CURATOR])
    template = Roadmap.objects.get(is_template=True, organization=None, scope="organization")
    response = client.post(reverse("roadmap_create"), {"template": template.pk, "academic_year": "2026", "title": ""})
    roadmap = Roadmap.objects.get(organization=world.a.organization, is_template=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap_detail", kwargs={"pk": roadmap.pk})
    assert roadmap.activities.get(number="1.1").term_text == "август 2026"
    page = client.get(response["Location"]).content.decode()
    assert "Дорожная карта создана" in page
    assert "Подготовка условий для запуска программы наставничества" in page


def test_an_activity_with_a_term_that_is_not_understood_keeps_the_input_and_says_why(world, client):
    stage = StageFactory(roadmap=roadmap_of(world.a.organization))
    client.force_login(world.a.users[Role.CURATOR])
    data = {"stage": stage.pk, "title": "Круглый стол", "term_text": "когда получится", "responsible_text": "психолог"}
    response = client.post(reverse("activity_create", kwargs={"pk": stage.pk}), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Срок не распознан" in content
    assert "когда получится" in content
    data["term_text"] = "ежегодно до 01 октября"
    response = client.post(reverse("activity_create", kwargs={"pk": stage.pk}), data)
    assert response.status_code == 302
    activity = Activity.objects.get(title="Круглый стол")
    assert (activity.due_on, activity.responsible_display) == (datetime.date(2026, 10, 1), "психолог")


def test_marking_done_with_an_order_from_the_register_and_a_file(world, client):
    activity = activity_in(world.a.organization)
    order = registered_order(organization=world.a.organization, number="223/1-ОД")
    client.force_login(world.a.users[Role.CURATOR])
    form = client.get(reverse("activity_status", kwargs={"pk": activity.pk}), {"status": "done"})
    assert "223/1-ОД" in form.content.decode()
    response = client.post(
        reverse("activity_status", kwargs={"pk": activity.pk}),
        {
            "status": "done",
            "completed_on": "01.10.2026",
            "evidence_order": order.pk,
            "evidence_file": SimpleUploadedFile("protocol.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            "evidence_note": "Протокол № 2",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.completed_on, activity.evidence_order) == (
        Status.DONE,
        datetime.date(2026, 10, 1),
        order,
    )
    download = client.get(reverse("activity_evidence", kwargs={"pk": activity.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%%EOF\n"
    page = client.get(reverse("roadmap_detail", kwargs={"pk": activity.roadmap_id})).content.decode()
    assert "223/1-ОД" in page


def test_an_order_of_another_organization_is_not_offered_as_evidence(world, client):
    activity = activity_in(world.a.organization)
    foreign = registered_order(organization=world.b.organization, number="999-ОД")
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("activity_status", kwargs={"pk": activity.pk}), {"status": "done", "evidence_order": foreign.pk}
    )
    assert response.status_code == 200
    assert "999-ОД" not in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == Status.PLANNED


def test_an_occurrence_is_marked_on_its_own(world, client):
    activity = recurring_activity_in(world.a.organization)
    occurrence = activity.occurrences.first()
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.post(
        reverse("occurrence_status", kwargs={"pk": occurrence.pk}), {"status": "done", "evidence_note": "Отчёт"}
    )
    assert response.status_code == 302
    occurrence.refresh_from_db()
    activity.refresh_from_db()
    assert (occurrence.status, activity.status) == (Status.DONE, Status.IN_PROGRESS)


def test_comments_on_an_activity(world, client):
    activity = activity_in(world.a.organization)
    client.force_login(world.a.users[Role.MENTOR])
    client.post(reverse("activity_comment", kwargs={"pk": activity.pk}), {"text": "Встреча проведена 12.10"})
    page = client.get(reverse("activity_detail", kwargs={"pk": activity.pk})).content.decode()
    assert "Встреча проведена 12.10" in page


def test_the_audit_remark_is_seen_and_answered_by_the_organization(world, client):
    roadmap = roadmap_of(world.a.organization)
    activity = ActivityFactory(stage=StageFactory(roadmap=roadmap), title="Школа наставников")
    client.force_login(world.a.users[Role.COORDINATOR])
    client.post(
        reverse("remark_create", kwargs={"pk": roadmap.pk}),
        {"text": "Укажите срок окончания обучения", "activity": activity.pk},
    )
    remark = Remark.objects.get()
    assert (remark.author, remark.activity) == (world.a.users[Role.COORDINATOR], activity)

    client.force_login(world.a.users[Role.DIRECTOR])
    home = client.get(reverse("home")).content.decode()
    assert "открытое замечание муниципалитета" in home
    page = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk})).content.decode()
    assert "Укажите срок окончания обучения" in page
    client.post(reverse("remark_reply", kwargs={"pk": remark.pk}), {"text": "Обучение закончится 30.11"})

    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk})).content.decode()
    assert "Обучение закончится 30.11" in page
    client.post(reverse("remark_resolve", kwargs={"pk": remark.pk}))
    remark.refresh_from_db()
    assert remark.resolved_at is not None
    # The curator answers, the coordinator closes; the director cannot close it.
    client.force_login(world.a.users[Role.DIRECTOR])
    assert client.post(reverse("remark_resolve", kwargs={"pk": remark.pk})).status_code == 403


def test_the_audit_page_shows_the_organizations_side_by_side(world, client):
    year = today().year if today().month >= 9 else today().year - 1
    second = OrganizationFactory(municipality=world.a.municipality, short_name="Детский сад № 7")
    OrganizationFactory(municipality=world.a.municipality, short_name="ЦДТ без карты")
    for organization, done in ((world.a.organization, 1), (second, 0)):
        roadmap = RoadmapFactory(organization=organization, academic_year=year)
        stage = StageFactory(roadmap=roadmap)
        for index in range(2):
            activity = ActivityFactory(stage=stage)
            if index < done:
                activity.status = Status.DONE
                activity.save()
    RoadmapFactory(organization=world.b.organization, academic_year=year)
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.get(reverse("roadmap_audit"))
    content = response.content.decode()
    assert response.status_code == 200
    percents = {row.organization.short_name: row.progress.percent for row in response.context["rows"] if row.roadmap}
    assert percents == {world.a.organization.short_name: 50, "Детский сад № 7": 0}
    assert "Детский сад № 7" in content and "ЦДТ без карты" in content
    assert "Нет дорожной карты на этот год" in content
    assert world.b.organization.short_name not in content


def test_the_roadmap_page_runs_as_many_queries_whatever_the_number_of_activities(world, client):
    roadmap = roadmap_of(world.a.organization)
    user = world.a.users[Role.CURATOR]
    stage = StageFactory(roadmap=roadmap)
    ActivityFactory(stage=stage, people=[user])
    recurring_activity_in(world.a.organization)
    client.force_login(user)
    url = reverse("roadmap_detail", kwargs={"pk": roadmap.pk})

    def grow():
        other = StageFactory(roadmap=roadmap)
        for _ in range(3):
            ActivityFactory(stage=other, people=[user])
        recurring_activity_in(world.a.organization, people=[user])

    assert_queries_constant(lambda: client.get(url), grow)
    assert_queries_constant(lambda: client.get(url, {"mine": "1"}), grow)
    assert_queries_constant(lambda: client.get(reverse("roadmap_timeline", kwargs={"pk": roadmap.pk})), grow)


def test_the_audit_page_runs_as_many_queries_whatever_the_number_of_organizations(world, client):
    year = today().year if today().month >= 9 else today().year - 1
    client.force_login(world.a.users[Role.COORDINATOR])

    def grow():
        for _ in range(3):
            roadmap = RoadmapFactory(
                organization=OrganizationFactory(municipality=world.a.municipality), academic_year=year
            )
            ActivityFactory(stage=StageFactory(roadmap=roadmap))
            ActivityFactory(stage=StageFactory(roadmap=roadmap), term_text="ежеквартально: 1 января, 1 апреля")

    grow()
    assert_queries_constant(lambda: client.get(reverse("roadmap_audit")), grow)
    assert_queries_constant(lambda: client.get(reverse("home")), grow)


def test_the_order_button_makes_a_draft_with_the_roadmap_as_its_appendix(world, client):
    roadmap = roadmap_of(world.a.organization)
    ActivityFactory(stage=StageFactory(roadmap=roadmap, title="Подготовка условий"), title="Изучение материалов")
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.post(reverse("roadmap_order_draft", kwargs={"pk": roadmap.pk}))
    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.status, order.kind.code, order.organization) == ("draft", "model-introduction", world.a.organization)
    appendix = order.appendices[0]
    assert appendix["columns"] == ["№", "Этап", "Мероприятие", "Содержание деятельности", "Сроки", "Ответственные"]
    assert appendix["rows"][0][:3] == ["1.", "Подготовка условий", "Изучение материалов"]
    assert appendix["rows"][0][4] == "октябрь 2026"


def test_the_municipal_order_draft_has_the_result_column(world, client):
    roadmap = MunicipalRoadmapFactory(municipality=world.a.municipality)
    ActivityFactory(stage=StageFactory(roadmap=roadmap), responsible_roles=[], result="Приказ УО")
    client.force_login(world.a.users[Role.COORDINATOR])
    client.post(reverse("roadmap_order_draft", kwargs={"pk": roadmap.pk}))
    order = Order.objects.get()
    assert (order.kind.code, order.municipality) == ("municipal-roadmap", world.a.municipality)
    assert order.appendices[0]["columns"][-1] == "Результат. Вид документа"
    assert order.appendices[0]["rows"][1][-1] == "Приказ УО"


def test_home_panels_of_the_curator_and_the_coordinator(world, client):
    roadmap = current_roadmap(world.a.organization)
    stage = StageFactory(roadmap=roadmap)
    ActivityFactory(stage=stage, title="Просроченное дело", term_text=term(today() - datetime.timedelta(days=1)))
    ActivityFactory(stage=stage, title="Скорое дело", term_text=term(today() + datetime.timedelta(days=3)))
    client.force_login(world.a.users[Role.CURATOR])
    home = client.get(reverse("home")).content.decode()
    assert 'data-testid="roadmap-overdue-count">1<' in home
    assert 'data-testid="roadmap-soon-count">1<' in home
    assert "Просроченное дело" in home
    client.force_login(world.a.users[Role.COORDINATOR])
    home = client.get(reverse("home")).content.decode()
    assert "Дорожные карты организаций" in home
    assert world.a.organization.short_name in home


def test_a_mentor_sees_only_his_own_activities_on_the_home_page(world, client):
    roadmap = current_roadmap(world.a.organization)
    stage = StageFactory(roadmap=roadmap)
    ActivityFactory(stage=stage, title="Встречи пар", responsible_roles=["mentor"], term_text=term(today()))
    ActivityFactory(stage=stage, title="Приказ директора", responsible_roles=["director"], term_text=term(today()))
    client.force_login(world.a.users[Role.MENTOR])
    home = client.get(reverse("home")).content.decode()
    assert "Мои мероприятия дорожной карты" in home
    assert "Встречи пар" in home and "Приказ директора" not in home


def test_the_navbar_has_the_roadmap_and_for_the_coordinator_the_audit(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("roadmap_list")).content.decode()
    assert reverse("roadmap_audit") in page
    client.force_login(world.a.users[Role.MENTOR])
    page = client.get(reverse("home")).content.decode()
    assert reverse("roadmap_list") in page and reverse("roadmap_audit") not in page


def test_a_second_curator_of_another_organization_cannot_name_foreign_people(world, client):
    stage = StageFactory(roadmap=roadmap_of(world.a.organization))
    stranger = world.b.users[Role.MENTOR]
    MembershipFactory(user=world.a.users[Role.MENTEE], role=Role.MENTOR, organization=world.b.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("activity_create", kwargs={"pk": stage.pk}),
        {"stage": stage.pk, "title": "Х", "term_text": "октябрь 2026", "responsible_users": [stranger.pk]},
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Х").exists()
