"""The mentees of a pair or group chosen from a school of hundreds: the form's field stays a list of
checkboxes (what is posted, and all a browser without scripts needs), labelled with name and
class; the page carries the picker that static/mentoring/mentee_picker.js builds from it.
The browser side is tests/e2e/test_group_picker_journey.py."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from accounts.models import Role
from mentoring.models import MenteeEntry, MentoringUnit, Participant
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import MenteeEntryFactory, ParticipantFactory, ProgramFactory, consented

SCRIPT = "mentoring/mentee_picker.js"
STYLE = "mentoring/mentee_picker.css"


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization, title="Наставничество в 5–9 классах")


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def pupils(program, count: int, start: int = 0) -> list[Participant]:
    """Pupils of classes 5А–9Б, a third of them in the year's mentee registry."""
    made = Participant.objects.bulk_create(
        Participant(
            organization=program.organization,
            category=Participant.Category.STUDENT,
            last_name=f"Ученикова{n:03d}",
            first_name="Алёна",
            patronymic="Игоревна",
            class_name=f"{5 + n % 5}{'АБ'[n % 2]}",
            search_name=f"ученикова{n:03d} алена игоревна",
        )
        for n in range(start, start + count)
    )
    MenteeEntry.objects.bulk_create(
        MenteeEntry(
            participant=person,
            organization=program.organization,
            academic_year=program.academic_year,
            entered_on=program.starts_on,
        )
        for person in made[::3]
    )
    return made


def form_page(client, program):
    return client.get(reverse("unit_create"), {"program": program.pk})


def test_the_form_of_500_mentees_takes_a_fixed_number_of_queries(curator, program):
    pupils(program, 10)
    responses = []

    def request():
        responses.append(form_page(curator, program))
        return responses[-1]

    queries = assert_queries_constant(request, lambda: pupils(program, 490, start=10))
    assert queries < 25

    page = responses[-1].content.decode()
    page = page[page.index('id="div_id_mentees"') :]
    boxes = re.findall(r'<input type="checkbox"[^>]*name="mentees" value="(\d+)"', page)
    assert len(boxes) == 500
    # Each checkbox is labelled with the name and the class: what the picker searches and shows.
    assert re.search(r"<label[^>]*>\s*Ученикова007 Алёна Игоревна, 7Б\s*</label>", page)
    # The year's registry first, then the others, each in name order.
    assert page.index("Реестр наставляемых") < page.index("Ученикова000 ") < page.index("Другие участники")
    assert page.index("Другие участники") < page.index("Ученикова001 ") < page.index("Ученикова002 ")


def test_the_page_carries_the_picker_and_its_static_files_without_inline_code(curator, program):
    pupils(program, 3)
    response = form_page(curator, program)
    page = response.content.decode()
    assert f'src="/static/{SCRIPT}"' in page and f'href="/static/{STYLE}"' in page
    assert finders.find(SCRIPT) and finders.find(STYLE)
    template = re.search(r'<template data-picker-for="mentees"(.*?)</template>', page, re.S)
    assert template, "the picker's template is missing"
    # Its texts are translated there, with the numbers the script fills in.
    assert 'data-text-found="Найдено: {count}."' in template[1]
    assert 'data-text-remove="Убрать: {name}"' in template[1]
    assert 'role="combobox"' in template[1] and 'role="listbox"' in template[1]
    # The Content-Security-Policy allows no inline script or style.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "<style" not in page


def test_the_program_choice_step_has_no_picker(curator, program):
    page = curator.get(reverse("unit_create")).content.decode()
    assert SCRIPT not in page and "data-picker-for" not in page


def test_the_form_posts_the_ids_the_picker_ticks(curator, program):
    """What the picker posts is what the checkboxes post: a group of the chosen mentees."""
    organization = program.organization
    mentor = consented(ParticipantFactory(organization=organization, class_name="10А"))
    # Two: a mentor of the form «ученик – ученик» has at most two mentees.
    chosen = [consented(ParticipantFactory(organization=organization, class_name="6А")) for _ in range(2)]
    MenteeEntryFactory(participant=chosen[0])
    response = curator.post(
        reverse("unit_create"),
        {
            "program": program.pk,
            "mentor": mentor.pk,
            "mentees": [person.pk for person in chosen],
            "planned_from": f"{program.starts_on:%d.%m.%Y}",
            "planned_to": f"{program.ends_on:%d.%m.%Y}",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    unit = MentoringUnit.objects.get()
    assert unit.kind == MentoringUnit.Kind.GROUP
    assert {membership.mentee for membership in unit.mentees.all()} == set(chosen)
