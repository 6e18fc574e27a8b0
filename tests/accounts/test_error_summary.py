"""A failed submission is announced on every form page (WCAG 3.3.1, 4.1.3; the contract the browser
checks of tests/e2e rely on): a summary with role="alert" that takes the focus (tabindex="-1"), each
error a link to its field; the title starts with «Ошибка: »; each invalid field has
aria-invalid="true" and aria-describedby naming its message. Also the skip link of every page."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from lxml import html as lxml_html

from accounts.models import Role
from tests.mentoring.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def tree_of(response):
    return lxml_html.fromstring(response.content.decode())


def summary_of(tree):
    found = tree.xpath("//*[@data-error-summary]")
    assert len(found) == 1, "one error summary"
    return found[0]


def assert_field_is_tied_to_its_message(tree, field_id: str, message: str):
    field = tree.get_element_by_id(field_id)
    assert field.get("aria-invalid") == "true"
    described = [tree.get_element_by_id(ref).text_content() for ref in field.get("aria-describedby").split()]
    assert any(message in text for text in described), described


def test_a_staff_form_with_an_error_is_summed_up_and_linked_to_the_field(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("profile"), {"phone": "позвонить Ане"})
    assert response.status_code == 200
    tree = tree_of(response)
    assert tree.findtext(".//title").startswith("Ошибка: Мои данные")
    summary = summary_of(tree)
    assert summary.get("role") == "alert" and summary.get("tabindex") == "-1"
    assert summary.getparent().tag == "main"
    links = summary.xpath(".//a")
    assert [(link.get("href"), link.text_content()) for link in links] == [
        (
            "#id_phone",
            "Рабочий телефон — Номер телефона из цифр, пробелов, скобок и дефисов, например +7 (34000) 2-14-07.",
        )
    ]
    assert_field_is_tied_to_its_message(tree, "id_phone", "Номер телефона из цифр")


def test_a_form_without_errors_has_no_summary_and_a_plain_title(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    tree = tree_of(client.get(reverse("profile")))
    assert not tree.xpath("//*[@data-error-summary]")
    assert not tree.findtext(".//title").startswith("Ошибка")


def test_radio_buttons_are_reached_by_their_first_button_and_a_form_s_own_errors_are_listed(client, world):
    participant = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("consent_create", kwargs={"pk": participant.pk}), {"signed_by": "nobody"})
    tree = tree_of(response)
    targets = [link.get("href") for link in summary_of(tree).xpath(".//a")]
    assert "#id_kind" in targets and "#id_signed_by" in targets
    for target in targets:
        assert tree.xpath(f"//*[@id='{target[1:]}']"), f"{target} points at nothing"


def test_the_login_page_announces_a_wrong_password_without_a_link(client, world):
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    summary = summary_of(tree_of(response))
    assert "Неверный логин, e-mail или пароль" in summary.text_content()
    assert not summary.xpath(".//li[contains(., 'Неверный логин')]//a")


class RowForm(forms.Form):
    activity = forms.CharField(label="Мероприятие")
    choice = forms.ChoiceField(label="Форма", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


RowFormSet = forms.formset_factory(RowForm, extra=0, min_num=2)


def test_a_formset_names_the_row_of_each_error_and_its_non_form_errors():
    data = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-0-activity": "Встреча",
        "rows-0-choice": "a",
        "rows-1-activity": "",
        "rows-1-choice": "",
    }
    formset = RowFormSet(data, prefix="rows")
    template = Template(
        "{% load form_errors %}{% form_errors as found %}"
        "{% for e in found %}{{ e.target }}|{{ e.label }}|{{ e.message }};{% endfor %}"
    )
    # The same formset twice in the context is summed up once; an unbound form has no errors.
    rendered = template.render(Context({"formset": formset, "again": formset, "unbound": RowForm()}))
    assert rendered.split(";")[:-1] == [
        "id_rows-1-activity|Мероприятие, строка 2|Обязательное поле.",
        "id_rows-1-choice_0|Форма, строка 2|Обязательное поле.",
    ]


def test_every_page_starts_with_a_skip_link_to_the_content(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    tree = tree_of(client.get(reverse("home")))
    body = tree.xpath("//body")[0]
    first = body.xpath("./*")[0]
    assert first.tag == "a" and first.get("href") == "#content"
    assert first.text_content() == "Перейти к содержимому"
    main = tree.get_element_by_id("content")
    assert main.tag == "main" and main.get("tabindex") == "-1"
