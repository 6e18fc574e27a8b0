"""Campaigns: recipients, progress, e-mails and reminders, results, the XLSX and the sheet of links."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
import segno
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mentoring.models import MentoringUnit
from monitoring import services
from monitoring.exporters import LinkSheetExporter
from monitoring.models import Campaign, Invitation, Questionnaire
from monitoring.selectors import Target, campaign_results, recipients
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import MenteeEntryFactory, ParticipantFactory, ProgramFactory, StaffFactory, make_unit
from tests.monitoring.factories import TODAY, answer, campaign, invite, questionnaire, scores
from tests.reports import pdf_pages_text, pdf_text, xlsx_sheet

BASE = "https://mentoring.example"


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def test_recipients_by_target(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    seventh = [ParticipantFactory(organization=org, class_name="7Б") for _ in range(2)]
    ParticipantFactory(organization=org, class_name="8А")
    ParticipantFactory(organization=world.b.organization, class_name="7Б")
    assert set(recipients(org, Target.CLASS, class_name="7 б")) == set(seventh)
    MenteeEntryFactory(participant=seventh[0])
    assert list(recipients(org, Target.YEAR_MENTEES, academic_year=2026)) == [seventh[0]]
    assert list(recipients(org, Target.PROGRAM_MENTEES, program=program)) == [seventh[0]]
    unit = make_unit(program, status=MentoringUnit.Status.ACTIVE)
    make_unit(program, status=MentoringUnit.Status.DRAFT)
    assert list(recipients(org, Target.UNIT_MENTORS, program=program)) == [unit.mentor]
    assert list(recipients(org, Target.UNIT_MENTEES, program=program)) == [unit.mentees.get().mentee]
    parent = ParticipantFactory(organization=org, category="parent", class_name="")
    seventh[0].parents.add(parent)
    assert list(recipients(org, Target.YEAR_PARENTS, academic_year=2026)) == [parent]


def test_a_campaign_for_a_class_from_the_form(curator, world):
    org = world.a.organization
    pupils = [ParticipantFactory(organization=org, class_name="7Б") for _ in range(3)]
    shipped = Questionnaire.objects.get(organization=None, code="satisfaction-mentee")
    data = {
        "questionnaire": shipped.pk,
        "title": "Удовлетворённость 7Б",
        "target": "class",
        "class_name": "7Б",
        "academic_year": "2026",
        "stage": "single",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
    }
    response = curator.post(reverse("campaign_create"), data)
    made = Campaign.objects.get()
    assert response["Location"] == reverse("campaign_detail", args=[made.pk])
    assert {i.participant for i in made.invitations.all()} == set(pupils)
    page = curator.get(reverse("campaign_detail", args=[made.pk])).content.decode()
    assert "Ответили: 0 из 3" in page and pupils[0].full_name in page


def test_the_form_says_what_is_wrong_and_saves_nothing(curator, world):
    data = {
        "questionnaire": Questionnaire.objects.get(code="preference-mentee").pk,
        "title": "Предпочтения",
        "target": "class",
        "class_name": "",
        "academic_year": "2026",
        "stage": "single",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
    }
    page = curator.post(reverse("campaign_create"), data).content.decode()
    assert "Укажите класс, например 7Б." in page
    page = curator.post(reverse("campaign_create"), {**data, "class_name": "9В"}).content.decode()
    assert "Ссылки должны действовать хотя бы до даты начала." in page
    assert "Выберите программу: предпочтения касаются её наставников и наставляемых." in page
    assert "Некого опрашивать: в выбранной группе нет участников." in page
    assert not Campaign.objects.exists()


def test_progress_on_the_list_and_the_home_panel(curator, world):
    made = campaign(world.a.organization, count=3, title="Опрос 7Б")
    scores(made, (8, 8))
    closed = campaign(world.a.organization, count=1, title="Старый опрос")
    services.campaign_close(campaign=closed, by=None)
    listing = curator.get(reverse("campaign_list")).content.decode()
    assert "1 из 3" in listing and "0 из 1" in listing
    home = curator.get(reverse("home")).content.decode()
    assert "Идущие опросы" in home and "Опрос 7Б" in home and "ответили 1 из 3" in home
    assert "Старый опрос" not in home
    detail = curator.get(reverse("campaign_detail", args=[closed.pk])).content.decode()
    assert "завершён" in detail and "Напомнить не ответившим" not in detail
    assert "идёт" in curator.get(reverse("campaign_detail", args=[made.pk])).content.decode()
    assert "Анкеты" in home and "Опросы" in home


def test_mentors_see_no_questionnaire_menu(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    page = client.get(reverse("home")).content.decode()
    assert reverse("questionnaire_list") not in page and reverse("campaign_list") not in page


def test_links_are_emailed_to_the_parent_of_a_minor(curator, world):
    org = world.a.organization
    minor = ParticipantFactory(organization=org, first_name="Дарья", email="mama@example.test")
    teacher = StaffFactory(organization=org, first_name="Сергей", email="teacher@example.test")
    nobody = ParticipantFactory(organization=org, last_name="Безпочтов", email="")
    made = campaign(org, people=[minor, teacher, nobody])
    response = curator.post(reverse("campaign_email", args=[made.pk]), follow=True)
    page = response.content.decode()
    assert "Отправлено писем: 2." in page and "Безпочтов" in page
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"mama@example.test", "teacher@example.test"}
    letter = by_address["mama@example.test"].body
    assert "просит вашего ребёнка (Дарья)" in letter
    invitation = made.invitations.get(participant=minor)
    assert f"http://testserver/q/{invitation.key}/{invitation.secret}/" in letter
    assert "Здравствуйте, Сергей!" in by_address["teacher@example.test"].body
    curator.post(reverse("campaign_email", args=[made.pk]))
    assert len(mail.outbox) == 2  # a link already e-mailed is not sent again


def test_a_parents_own_email_is_used_when_the_pupil_has_none(world):
    org = world.a.organization
    child = ParticipantFactory(organization=org, email="")
    child.parents.add(ParticipantFactory(organization=org, category="parent", email="papa@example.test"))
    services.campaign_email(campaign=campaign(org, people=[child]), base_url=BASE, by=None)
    assert [message.to for message in mail.outbox] == [["papa@example.test"]]


def test_reminders_go_to_who_has_not_answered_and_never_twice_within_the_interval(world):
    org = world.a.organization
    people = [ParticipantFactory(organization=org, email=f"p{i}@example.test") for i in range(3)]
    made = campaign(org, people=people)
    answer(made, people[0], {"Полезность встреч": 9, "Комфорт общения": 9})
    now = timezone.now()
    first = services.campaign_remind(campaign=made, base_url=BASE, interval_days=3, now=now)
    assert first.sent == 2 and sorted(m.to[0] for m in mail.outbox) == ["p1@example.test", "p2@example.test"]
    assert "Напоминание" in mail.outbox[0].subject
    again = services.campaign_remind(
        campaign=made, base_url=BASE, interval_days=3, now=now + datetime.timedelta(days=2)
    )
    assert again.sent == 0 and len(mail.outbox) == 2
    later = services.campaign_remind(
        campaign=made, base_url=BASE, interval_days=3, now=now + datetime.timedelta(days=4)
    )
    assert later.sent == 2 and len(mail.outbox) == 4


def test_the_command_reminds_running_campaigns_only(world):
    org = world.a.organization
    running = campaign(org, people=[ParticipantFactory(organization=org, email="a@example.test")])
    over = campaign(org, people=[ParticipantFactory(organization=org, email="b@example.test")])
    services.campaign_close(campaign=over, by=None)
    Invitation.objects.filter(campaign=running).update(emailed_at=timezone.now() - datetime.timedelta(days=1))
    out = StringIO()
    call_command("send_campaign_reminders", base_url=BASE, days=2, stdout=out)
    assert mail.outbox == [] and "Reminders sent: 0" in out.getvalue()
    call_command("send_campaign_reminders", base_url=BASE, days=1, stdout=out)
    assert [m.to for m in mail.outbox] == [["a@example.test"]]
    assert BASE + "/q/" in mail.outbox[0].body
    call_command("send_campaign_reminders", base_url=BASE, days=1, stdout=out)
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("send_campaign_reminders", base_url="example.org")


def test_no_letters_for_a_closed_campaign(curator, world):
    made = campaign(
        world.a.organization, people=[ParticipantFactory(organization=world.a.organization, email="x@e.test")]
    )
    curator.post(reverse("campaign_close", args=[made.pk]))
    made.refresh_from_db()
    assert made.closed_at is not None
    with pytest.raises(services.ValidationError):
        services.campaign_remind(campaign=made, base_url=BASE)
    assert mail.outbox == []


RESULTS_QUESTIONS = [
    ("scale", "Полезность встреч", {"expected_text": "Ожидаемая полезность"}),
    ("yes_no", "Продолжить?", {}),
    ("multiple", "Что понравилось?", {"options": ["Беседы", "Проекты"], "required": False, "stage": "end"}),
    ("text", "Чего не хватило?", {"required": False, "stage": "end"}),
]


@pytest.fixture
def finished(world):
    """A start campaign (expectations 6 and 8) and its end campaign with two answers."""
    org = world.a.organization
    made = questionnaire(org, questions=RESULTS_QUESTIONS, title="Анкета")
    people = [ParticipantFactory(organization=org, last_name=f"Ученик{i}", class_name="7Б") for i in range(3)]
    start = campaign(org, questionnaire_=made, people=people, stage=Campaign.Stage.START, title="Начало")
    answer(start, people[0], {"Полезность встреч": 6, "Продолжить?": 1})
    answer(start, people[1], {"Полезность встреч": 8, "Продолжить?": 1})
    end = campaign(org, questionnaire_=made, people=people, stage=Campaign.Stage.END, baseline=start, title="Конец")
    answer(
        end,
        people[0],
        {
            "Полезность встреч": 9,
            "Продолжить?": 1,
            "Что понравилось?": ["Беседы", "Проекты"],
            "Чего не хватило?": "Больше экскурсий",
        },
    )
    answer(end, people[1], {"Полезность встреч": 6, "Продолжить?": 0, "Что понравилось?": ["Беседы"]})
    return end


def test_results_figures(finished):
    results = campaign_results(finished)
    assert results.respondents == 2 and results.satisfaction == Decimal("75.00")
    scale, yes_no, multiple, text = results.questions
    assert (scale.mean, scale.expected_mean, scale.change) == (Decimal("7.50"), Decimal("7.00"), Decimal("0.50"))
    assert {bar.label: bar.count for bar in scale.bars if bar.count} == {"6": 1, "9": 1}
    assert [(bar.label, bar.count, bar.percent) for bar in yes_no.bars] == [
        ("да", 1, Decimal("50.00")),
        ("нет", 1, Decimal("50.00")),
    ]
    assert [(bar.label, bar.count) for bar in multiple.bars] == [("Беседы", 2), ("Проекты", 1)]
    assert text.texts == ["Больше экскурсий"]


def test_the_results_page_has_charts_tables_and_the_comparison(curator, finished):
    page = curator.get(reverse("campaign_results", args=[finished.pk])).content.decode()
    assert "75.00 %" in page or "75,00 %" in page
    assert page.count("<svg") == 3 and "<table" in page
    assert "Ожидание в начале и реальность в конце" in page and "+0" in page
    assert "Больше экскурсий" in page
    assert "Ученик0" not in page  # results show no respondent's name


def test_results_and_detail_take_a_fixed_number_of_queries(curator, world, finished):
    people = list(finished.invitations.order_by("pk"))

    def grow():
        for i in range(3):
            person = ParticipantFactory(organization=world.a.organization)
            invite(finished, person)
            answer(finished, person, {"Полезность встреч": 5 + i, "Продолжить?": 1, "Чего не хватило?": "время"})

    assert people
    assert_queries_constant(lambda: curator.get(reverse("campaign_results", args=[finished.pk])), grow)
    assert_queries_constant(lambda: curator.get(reverse("campaign_detail", args=[finished.pk])), grow)
    assert_queries_constant(
        lambda: curator.get(reverse("campaign_list")), lambda: campaign(world.a.organization, count=2)
    )


def test_the_xlsx_has_every_answer(curator, finished):
    response = curator.get(reverse("campaign_export", args=[finished.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(xlsx_sheet(response.content).iter_rows(values_only=True))
    assert rows[0][0] == "Конец" and rows[1][0] == "Анкета"
    assert rows[2] == (
        "Респондент",
        "ФИО",
        "Класс",
        "Отправлено",
        "Полезность встреч",
        "Продолжить?",
        "Что понравилось?",
        "Чего не хватило?",
    )
    first, second = rows[3], rows[4]
    assert first[0] == 1 and first[1].startswith("Ученик0") and first[2] == "7Б"
    assert first[4:] == (9, "да", "Беседы; Проекты", "Больше экскурсий")
    assert second[4:] == (6, "нет", "Беседы", None)


def test_the_anonymized_xlsx_carries_no_names(curator, finished):
    response = curator.get(reverse("campaign_export", args=[finished.pk]) + "?anonymized=1")
    assert (
        "обезличено" in response["Content-Disposition"] or "%D0%BE%D0%B1%D0%B5%D0%B7" in response["Content-Disposition"]
    )
    rows = list(xlsx_sheet(response.content).iter_rows(values_only=True))
    assert rows[2] == ("Респондент", "Полезность встреч", "Продолжить?", "Что понравилось?", "Чего не хватило?")
    assert rows[3] == (1, 9, "да", "Беседы; Проекты", "Больше экскурсий")
    cells = " ".join(str(cell) for row in rows for cell in row if cell is not None)
    assert "Ученик" not in cells and "Алёна" not in cells and "7Б" not in cells


def test_the_sheet_of_links_has_the_names_and_links(curator, world):
    org = world.a.organization
    pupils = [
        ParticipantFactory(organization=org, last_name=n, first_name="Дарья", class_name="7Б")
        for n in ("Смирнова", "Козлова")
    ]
    other = ParticipantFactory(organization=org, last_name="Волков", class_name="8А")
    made = campaign(org, people=[*pupils, other], title="Опрос удовлетворённости")
    answer(made, pupils[1], {"Полезность встреч": 5, "Комфорт общения": 5})
    response = curator.get(reverse("campaign_sheet", args=[made.pk]) + "?class=7Б")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    invitation = made.invitations.get(participant=pupils[0])
    assert "Смирнова Дарья, 7Б" in text
    # The link is printed whole on one line (tests/monitoring/test_personal_links.py).
    assert f"http://testserver/q/{invitation.key}/{invitation.secret}/" in pdf_pages_text(response.content)[0].split(
        "\n"
    )
    assert "Козлова" not in text and "Волков" not in text  # answered, and another class


def test_each_card_has_the_qr_code_of_its_link(world):
    made = campaign(world.a.organization, count=1)
    invitation = made.invitations.get()
    context = {"campaign": made, "invitations": [invitation], "base_url": BASE}
    [card] = LinkSheetExporter().get_template_context(context)["cards"]
    assert card["link"] == f"{BASE}/q/{invitation.key}/{invitation.secret}/"
    assert card["qr"].startswith("data:image/svg+xml")
    assert card["qr"] == segno.make(card["link"], error="m").svg_data_uri(scale=3, border=2)
