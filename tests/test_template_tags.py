"""The shared template filters: days ago in words, soft hyphens, and what the current role may open."""

import datetime

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Role
from accounts.tenancy import Tenant
from tests.reports.factories import draft_order


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "сегодня"),
        (1, "вчера"),
        (2, "2 дня назад"),
        (4, "4 дня назад"),
        (5, "5 дней назад"),
        (11, "11 дней назад"),
        (12, "12 дней назад"),
        (21, "21 день назад"),
        (22, "22 дня назад"),
        (45, "45 дней назад"),
        (101, "101 день назад"),
        (111, "111 дней назад"),
        (-1, "завтра"),
        (-3, "через 3 дня"),
    ],
)
def test_days_ago_speaks_russian(days, words):
    assert render("{% load dates %}{{ days|days_ago }}", days=days) == words


def test_days_ago_counts_a_date_from_today():
    today = timezone.localdate()
    assert render("{% load dates %}{{ day|days_ago }}", day=today) == "сегодня"
    assert render("{% load dates %}{{ day|days_ago }}", day=today - datetime.timedelta(days=1)) == "вчера"
    assert render("{% load dates %}{{ day|days_ago }}", day=today - datetime.timedelta(days=7)) == "7 дней назад"
    assert render("{% load dates %}[{{ day|days_ago }}]", day=None) == "[]"


def test_soft_hyphens_break_long_words_at_syllables_and_escape_the_text():
    rendered = render("{% load hyphenation %}{{ name|soft_hyphens }}", name="Работники, обученные наставничеству <b>")
    assert "\u00ad" in rendered
    assert rendered.replace("\u00ad", "") == "Работники, обученные наставничеству &lt;b&gt;"
    # Every piece between hyphens keeps at least two letters.
    pieces = rendered.replace(",", " ").replace("\u00ad", " ").split()
    assert min(len(piece) for piece in pieces if piece.isalpha()) >= 2
    assert render("{% load hyphenation %}{{ name|soft_hyphens }}", name="ДО: дети") == "ДО: дети"


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    membership = user.memberships.get()
    request.tenant = Tenant(membership)
    return request


def test_can_asks_the_permission_table_for_the_current_role(world):
    page = '{% load permissions %}{% if request|can:"order.view" %}link{% else %}none{% endif %}'
    assert render(page, request=request_of(world.a.users[Role.DIRECTOR])) == "link"
    assert render(page, request=request_of(world.a.users[Role.MENTOR])) == "none"
    anonymous = RequestFactory().get("/")
    assert render(page, request=anonymous) == "none"


def test_can_refuses_an_action_that_is_not_in_the_table(world):
    with pytest.raises((ValueError, TemplateSyntaxError)):
        render(
            '{% load permissions %}{% if request|can:"orders.view" %}x{% endif %}',
            request=request_of(world.a.users[Role.DIRECTOR]),
        )


def test_an_order_link_opens_only_in_its_own_register(world):
    page = "{% load orders %}{% if request|can_open_order:order %}link{% else %}text{% endif %}"
    school_order = draft_order(world.a.organization)
    municipal_order = draft_order(municipality=world.a.municipality)
    assert render(page, request=request_of(world.a.users[Role.DIRECTOR]), order=school_order) == "link"
    assert render(page, request=request_of(world.a.users[Role.CURATOR]), order=school_order) == "link"
    # The mentor may not read the register; the coordinator's register is the municipality's own.
    assert render(page, request=request_of(world.a.users[Role.MENTOR]), order=school_order) == "text"
    assert render(page, request=request_of(world.a.users[Role.COORDINATOR]), order=school_order) == "text"
    assert render(page, request=request_of(world.a.users[Role.COORDINATOR]), order=municipal_order) == "link"
    # Another school's director, another municipality's coordinator.
    assert render(page, request=request_of(world.b.users[Role.DIRECTOR]), order=school_order) == "text"
    assert render(page, request=request_of(world.b.users[Role.COORDINATOR]), order=municipal_order) == "text"
    assert render(page, request=request_of(world.a.users[Role.DIRECTOR]), order=None) == "text"
