"""One date input everywhere: typed dd.mm.yyyy whatever the browser's language, with a calendar.

Every date of every form is ``accounts.forms.DateField`` with ``accounts.forms.DateInput`` (a text
input that static/js/datepicker.js gives a calendar button): ModelForms get it from
``model_formfield``, other forms declare it. The browser's ``<input type="date">`` is gone: it shows
the format of the browser's language, mm/dd/yyyy in an English one. The browser side is checked in
tests/e2e/test_layout_journey.py (a date typed, a date picked).
"""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from accounts.forms import DateField, DateInput
from accounts.models import Role
from mentoring.models import Consent
from tests.mentoring.factories import ConsentFactory, ParticipantFactory

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "mentoring", "roadmap", "monitoring", "reports")
# Modules that declare forms: forms.py, *_forms.py, and views that keep a small form beside them.
FORM_MODULE = re.compile(r"(^|_)(forms|views|filters)$")
# What would bring back a date input of the browser's own, or a date field without our messages.
FORBIDDEN = re.compile(
    r"""forms\.DateField\(|forms\.DateInput\(|["']type["']\s*:\s*["']date["']|input_type\s*=\s*["']date"""
)
FORBIDDEN_HTML = re.compile(r"""<input\b[^>]*\btype=["']?date\b""")


def project_forms() -> list[type[forms.BaseForm]]:
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or not FORM_MODULE.search(path.stem):
                continue
            importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
    found, pending = [], [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in PACKAGES:
                found.append(subclass)
    return found


def test_every_date_field_of_the_forms_is_the_shared_one():
    classes = project_forms()
    assert len(classes) > 30, "the forms were not found"
    wrong = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in classes
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
        and not isinstance(field, forms.DateTimeField)
        and not (isinstance(field, DateField) and isinstance(field.widget, DateInput))
    ]
    assert not wrong, f"use accounts.forms.DateField (or Meta.formfield_callback = model_formfield): {wrong}"


def test_no_code_or_template_makes_a_date_input_of_its_own():
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path == ROOT / "accounts" / "forms.py":
                continue
            found += [f"{path.relative_to(ROOT)}: {match.group()}" for match in FORBIDDEN.finditer(path.read_text())]
    for path in (ROOT / "templates").rglob("*.html"):
        found += [f"{path.relative_to(ROOT)}: {match.group()}" for match in FORBIDDEN_HTML.finditer(path.read_text())]
    assert not found, found


def test_the_checks_can_fail():
    assert FORBIDDEN.search('due_on = forms.DateField(label="x")')
    assert FORBIDDEN.search('widget=forms.DateInput(attrs={"type": "date"})')
    assert FORBIDDEN_HTML.search('<input type="date" name="done_on">')
    assert not FORBIDDEN_HTML.search('<input type="text" name="date">')


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("05.09.2026", datetime.date(2026, 9, 5)),
        (" 5.9.2026 ", datetime.date(2026, 9, 5)),
        ("05.09.26", datetime.date(2026, 9, 5)),
        ("2026-09-05", datetime.date(2026, 9, 5)),
        ("29.02.2028", datetime.date(2028, 2, 29)),
    ],
)
def test_the_field_takes_a_typed_date(typed, day):
    assert DateField().clean(typed) == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2026", "Такой даты нет: 31.02.2026. Проверьте день и месяц."),
        ("29.02.2027", "Такой даты нет: 29.02.2027. Проверьте день и месяц."),
        ("05.13.2026", "Такой даты нет: 05.13.2026. Проверьте день и месяц."),
        ("09/05/2026", "Введите дату в виде дд.мм.гггг, например 05.09.2026."),
        ("5 сентября", "Введите дату в виде дд.мм.гггг, например 05.09.2026."),
    ],
)
def test_the_field_says_what_is_wrong(typed, message):
    with pytest.raises(forms.ValidationError) as error:
        DateField().clean(typed)
    assert error.value.messages == [message]


def test_the_input_is_text_with_the_calendar_hook_and_shows_the_date_dotted():
    html = DateInput().render("signed_on", datetime.date(2026, 9, 5))
    assert 'type="text"' in html and 'value="05.09.2026"' in html
    assert "data-datepicker" in html and 'placeholder="дд.мм.гггг"' in html and 'inputmode="numeric"' in html


def field_block(page: str, name: str) -> str:
    """The HTML of one field as crispy renders it: from its wrapper to the next field's."""
    start = page.index(f'id="div_id_{name}"')
    following = page.find('id="div_id_', start + 1)
    return page[start : following if following != -1 else len(page)]


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def consent_post(signed_on: str) -> dict:
    return {
        "kind": "processing",
        "signed_by": "representative",
        "representative_name": "Иванова Ольга Петровна",
        "representative_document": "свидетельство о рождении",
        "signed_on": signed_on,
    }


def test_a_model_form_takes_the_typed_date_and_refuses_one_that_does_not_exist(curator, world):
    pupil = ParticipantFactory(organization=world.a.organization)
    url = reverse("consent_create", kwargs={"pk": pupil.pk})
    page = curator.post(url, consent_post("31.02.2026")).content.decode()
    block = field_block(page, "signed_on")
    assert "Такой даты нет: 31.02.2026. Проверьте день и месяц." in block
    assert 'value="31.02.2026"' in block and "is-invalid" in block
    assert not Consent.objects.exists()

    assert curator.post(url, consent_post("05.09.2026")).status_code == 302
    assert Consent.objects.get().signed_on == datetime.date(2026, 9, 5)


def test_a_plain_form_takes_the_typed_date_and_refuses_one_that_does_not_exist(curator, world):
    consent = ConsentFactory(participant=ParticipantFactory(organization=world.a.organization))
    url = reverse("consent_withdraw", kwargs={"pk": consent.pk})
    assert 'value="' + datetime.date.today().strftime("%d.%m.%Y") in field_block(
        curator.get(url).content.decode(), "withdrawn_on"
    )
    page = curator.post(url, {"withdrawn_on": "31.02.2026", "reason": ""}).content.decode()
    assert "Такой даты нет: 31.02.2026. Проверьте день и месяц." in field_block(page, "withdrawn_on")
    consent.refresh_from_db()
    assert consent.withdrawn_on is None

    curator.post(url, {"withdrawn_on": "05.09.2026", "reason": ""})
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 9, 5)
