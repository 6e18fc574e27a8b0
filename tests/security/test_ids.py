"""Ids from the browser: refused before any query when they cannot be ids, on SQLite and PostgreSQL.

The hostile suite (test_hostile_inputs.py) posts such values to every page; here are the rules of
accounts/ids.py, the guard that keeps every form of the project on them, and what the user sees.
"""

import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.urls import reverse

from accounts.ids import IdMultipleChoiceField, id_range, parse_id
from accounts.models import Role
from mentoring.models import MatchingRun, MentoringUnit, Participant
from reports.models import Order
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, StaffFactory

PROJECT_PACKAGES = ("accounts", "mentoring", "monitoring", "reports", "roadmap")
# Modules that are no forms and that do things on import (the WSGI application, the settings).
NOT_IMPORTED = (".migrations", ".wsgi", ".settings")
BIG = "99999999999999999999"
INVALID_CHOICE = "Выберите корректный вариант. {} нет среди допустимых значений."


def project_classes(base: type) -> list[type]:
    """Every subclass of ``base`` defined in the project's packages, their modules all imported."""
    for package in PROJECT_PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if not any(part in info.name for part in NOT_IMPORTED):
                importlib.import_module(info.name)
    found, pending = [], [base]
    while pending:
        klass = pending.pop()
        pending += klass.__subclasses__()
        if klass.__module__.split(".")[0] in PROJECT_PACKAGES:
            found.append(klass)
    return found


def unprotected(form_class: type[forms.BaseForm]) -> list[str]:
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(field, IdMultipleChoiceField)
    ]


def test_every_multiple_choice_of_the_project_checks_its_ids():
    """Declared fields and a ModelForm's many-to-many fields (Meta.formfield_callback = model_formfield);
    fields added in __init__ are attacked on their pages by the hostile suite."""
    form_classes = project_classes(forms.BaseForm)
    assert len(form_classes) > 30
    found = {f"{klass.__module__}.{klass.__name__}": unprotected(klass) for klass in form_classes}
    assert not {name: fields for name, fields in found.items() if fields}
    filtersets = project_classes(django_filters.FilterSet)
    assert filtersets
    for filterset in filtersets:
        for name, declared in filterset.base_filters.items():
            field_class = declared.field_class
            if issubclass(field_class, forms.ModelMultipleChoiceField):
                assert issubclass(field_class, IdMultipleChoiceField), f"{filterset.__name__}.{name}"


def test_the_guard_sees_a_many_to_many_field_without_the_callback():
    class Careless(forms.ModelForm):
        class Meta:
            model = Participant
            fields = ["last_name", "parents"]

    assert unprotected(Careless) == ["parents"]


def test_an_id_is_ascii_digits_within_the_column():
    high = id_range(Participant)[1]
    assert parse_id("42", Participant) == 42
    assert parse_id(42, Participant) == 42
    assert parse_id("007", Participant) == 7
    assert parse_id(str(high), Participant) == high
    for value in (
        str(high + 1),
        BIG,
        "0",
        "-1",
        "+1",
        " 1",
        "1.0",
        "²",
        "١٢",
        "abc",
        "1\x00",
        "1" * 5000,
        "",
        None,
        True,
    ):
        assert parse_id(value, Participant) is None, repr(value)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [BIG, "9223372036854775808", "-1", "0", "²", "1" * 5000, "abc"])
def test_a_value_that_cannot_be_an_id_is_an_invalid_choice(value):
    field = IdMultipleChoiceField(queryset=Participant.objects.all())
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([value])
    assert refused.value.code == "invalid_choice"


@pytest.mark.django_db
def test_ids_of_the_queryset_still_pass():
    people = [ParticipantFactory(), ParticipantFactory()]
    field = IdMultipleChoiceField(queryset=Participant.objects.all())
    assert set(field.clean([str(people[0].pk), people[1].pk])) == set(people)


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def test_an_oversized_parent_is_refused_next_to_the_field(curator, world):
    response = curator.post(
        reverse("participant_create"),
        {"category": Participant.Category.STUDENT, "last_name": "Иванова", "first_name": "Анна", "parents": BIG},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parents"] == [INVALID_CHOICE.format(BIG)]
    assert INVALID_CHOICE.format(BIG) in response.content.decode()
    assert not Participant.objects.filter(last_name="Иванова").exists()


def test_accept_all_refuses_every_pair_when_one_cannot_be_ids(curator, world):
    organization = world.a.organization
    program = ProgramFactory(organization=organization)
    mentee, mentor = ParticipantFactory(organization=organization), StaffFactory(organization=organization)
    run = MatchingRun.objects.create(
        program=program, key="k", language="ru", status="done", result={"suggestions": [[mentee.pk, mentor.pk, 1, []]]}
    )
    response = curator.post(
        reverse("matching_accept_all"),
        {"program": program.pk, "run": run.pk, "scope": "selected", "mentees": f"{mentee.pk},{BIG}"},
        follow=True,
    )
    assert response.status_code == 200
    assert f"«{BIG}» не входит в предложения." in [str(message) for message in response.context["messages"]]
    assert not MentoringUnit.objects.exists()


def test_the_approval_refuses_an_oversized_unit(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.post(reverse("units_for_approval"), {"units": [BIG]}, follow=True)
    assert response.status_code == 200
    assert INVALID_CHOICE.format(BIG) in [str(message) for message in response.context["messages"]]
    assert not Order.objects.exists()
