"""The builder: shipped questionnaires are read-only and copied; own ones are edited."""

import pytest
from django.urls import reverse

from accounts.models import Role
from monitoring.models import Question, Questionnaire
from monitoring.shipped import QUESTIONNAIRES
from tests.helpers import assert_queries_constant
from tests.monitoring.factories import campaign, questionnaire, scores


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def shipped(code="satisfaction-mentee") -> Questionnaire:
    return Questionnaire.objects.get(organization=None, code=code)


def test_the_standard_questionnaires_ship_with_their_questions(db):
    assert Questionnaire.objects.filter(organization=None).count() == len(QUESTIONNAIRES)
    mentee = shipped("satisfaction-mentee")
    assert mentee.purpose == Questionnaire.Purpose.SATISFACTION_MENTEE
    scales = mentee.questions.filter(kind=Question.Kind.SCALE)
    assert scales.count() == 6 and all(q.stage == Question.Stage.BOTH and q.expected_text for q in scales)
    assert shipped("satisfaction-mentor").questions.filter(kind=Question.Kind.SCALE).count() == 7
    assert shipped("preference-mentee").questions.filter(kind=Question.Kind.PEOPLE).count() == 1
    assert shipped("intake-mentee").questions.filter(matching=Question.Matching.INTERESTS).exists()


def test_the_list_shows_the_standard_and_own_ones_not_anothers(curator, world):
    questionnaire(world.a.organization, title="Наша анкета")
    questionnaire(world.b.organization, title="Чужая анкета")
    page = curator.get(reverse("questionnaire_list")).content.decode()
    assert "Удовлетворённость наставляемого" in page and "Наша анкета" in page
    assert "Чужая анкета" not in page
    foreign = Questionnaire.objects.get(title="Чужая анкета")
    assert curator.get(reverse("questionnaire_detail", args=[foreign.pk])).status_code == 404


def test_a_standard_questionnaire_is_read_only(curator):
    standard = shipped()
    page = curator.get(reverse("questionnaire_detail", args=[standard.pk])).content.decode()
    assert "только для чтения" in page and "Сделать копию" in page
    question = standard.questions.first()
    assert curator.get(reverse("questionnaire_update", args=[standard.pk])).status_code == 404
    assert (
        curator.post(reverse("question_create", args=[standard.pk]), {"text": "x", "kind": "text"}).status_code == 404
    )
    assert curator.post(reverse("question_delete", args=[standard.pk, question.pk])).status_code == 404
    assert standard.questions.count() == 12


def test_copy_makes_an_editable_copy_with_every_question(curator, world):
    standard = shipped()
    response = curator.post(reverse("questionnaire_copy", args=[standard.pk]))
    copy = Questionnaire.objects.get(organization=world.a.organization)
    assert response["Location"] == reverse("questionnaire_detail", args=[copy.pk])
    assert copy.title == "Удовлетворённость наставляемого (копия)" and copy.copied_from == standard
    assert list(copy.questions.values_list("text", "kind", "expected_text")) == list(
        standard.questions.values_list("text", "kind", "expected_text")
    )
    response = curator.post(
        reverse("questionnaire_update", args=[copy.pk]),
        {
            "title": "Удовлетворённость 7-х классов",
            "audience": "mentee",
            "purpose": "satisfaction_mentee",
            "formula": "share_7",
            "description": "",
        },
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert (copy.title, copy.formula) == ("Удовлетворённость 7-х классов", "share_7")
    assert shipped().title == "Удовлетворённость наставляемого"


def test_questions_are_added_checked_moved_and_deleted(curator, world):
    own = questionnaire(world.a.organization, questions=[("scale", "Первый", {})])
    url = reverse("question_create", args=[own.pk])
    data = {
        "text": "Как часто?",
        "kind": "single",
        "required": "on",
        "options_text": "Раз в неделю",
        "matching": "",
        "stage": "both",
    }
    response = curator.post(url, data)
    assert response.status_code == 200
    assert "Укажите не меньше двух вариантов, по одному в строке." in response.content.decode()
    assert own.questions.count() == 1
    response = curator.post(url, {**data, "options_text": "Раз в неделю\n\nРаз в месяц\nРаз в неделю"})
    assert response.status_code == 302
    added = own.questions.get(text="Как часто?")
    assert added.options == ["Раз в неделю", "Раз в месяц"] and added.position == 2
    data = {"text": "Чего вы ждёте?", "kind": "text", "stage": "start", "expected_text": "Ожидание", "matching": ""}
    response = curator.post(url, data)
    assert "Формулировка для начала нужна только вопросу, который задаётся и в начале, и в конце." in (
        response.content.decode()
    )
    assert own.questions.count() == 2
    curator.post(reverse("question_up", args=[own.pk, added.pk]))
    assert list(own.questions.values_list("text", flat=True)) == ["Как часто?", "Первый"]
    curator.post(reverse("question_delete", args=[own.pk, added.pk]))
    assert list(own.questions.values_list("text", flat=True)) == ["Первый"]


def test_a_questionnaire_sent_in_a_campaign_keeps_its_answered_questions(curator, world):
    made = campaign(world.a.organization, count=1)
    own = made.questionnaire
    scores(made, (5, 5))
    question = own.questions.first()
    response = curator.post(reverse("question_delete", args=[own.pk, question.pk]), follow=True)
    assert "На вопрос уже есть ответы, удалить его нельзя." in response.content.decode()
    response = curator.post(reverse("questionnaire_delete", args=[own.pk]), follow=True)
    assert "Анкета уже рассылалась в опросах, удалить её нельзя." in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()


def test_the_director_reads_but_does_not_edit(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    own = questionnaire(world.a.organization)
    page = client.get(reverse("questionnaire_detail", args=[own.pk])).content.decode()
    assert "Полезность встреч" in page and "Добавить вопрос" not in page
    assert client.post(reverse("questionnaire_copy", args=[own.pk])).status_code == 403


def test_the_list_takes_a_fixed_number_of_queries(curator, world):
    assert_queries_constant(
        lambda: curator.get(reverse("questionnaire_list")),
        lambda: [questionnaire(world.a.organization) for _ in range(4)],
    )
