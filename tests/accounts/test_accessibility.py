"""«Версия для слабовидящих»: the switch above the navbar, its settings, and how they are kept (on the
account for a person who logs in, in a cookie for everyone) and applied (classes of <html>)."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from accounts.accessibility import COOKIE_NAME, Preferences
from accounts.models import Role
from tests.accounts.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def page_tree(response):
    return lxml_html.fromstring(response.content.decode())


def html_classes(response) -> set[str]:
    return set((page_tree(response).get("class") or "").split())


def test_the_switch_is_on_the_login_page_for_a_visitor_without_an_account(client):
    page = page_tree(client.get(reverse("login")))
    switch = page.xpath("//form[@action='/accessibility/']//button[@name='enabled' and @value='1']")
    assert [button.text_content().strip() for button in switch] == ["Версия для слабовидящих"]
    assert page.get("class") is None  # off until the visitor turns it on


def test_a_visitor_turns_it_on_and_the_next_pages_have_its_classes_from_the_cookie(client):
    answer = client.post(reverse("accessibility"), {"enabled": "1", "next": reverse("login")})
    assert answer.status_code == 302 and answer["Location"] == reverse("login")
    cookie = answer.cookies[COOKIE_NAME]
    assert cookie.value == "1.large.black-on-white.1"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 300 * 24 * 3600
    page = client.get(reverse("login"))
    assert html_classes(page) == {"a11y", "a11y-size-large", "a11y-scheme-black-on-white"}
    tree = page_tree(page)
    # The settings replace the switch; the chosen ones are pressed.
    pressed = tree.xpath("//button[@aria-pressed='true']")
    assert [button.text_content().strip() for button in pressed] == [
        "Крупный шрифт",
        "Чёрный на белом",
        "Показывать изображения",
    ]
    assert tree.xpath("//button[@name='enabled' and @value='0']")[0].text_content().strip() == "Обычная версия"


def test_one_setting_at_a_time_keeps_the_others(client):
    client.post(reverse("accessibility"), {"enabled": "1"})
    client.post(reverse("accessibility"), {"size": "huge"})
    client.post(reverse("accessibility"), {"scheme": "white-on-black"})
    client.post(reverse("accessibility"), {"images": "0"})
    page = client.get(reverse("login"))
    assert html_classes(page) == {"a11y", "a11y-size-huge", "a11y-scheme-white-on-black", "a11y-no-images"}
    # White on black is Bootstrap's dark theme underneath; the navbar follows it.
    assert page_tree(page).get("data-bs-theme") == "dark"
    client.post(reverse("accessibility"), {"enabled": "0"})
    page = client.get(reverse("login"))
    assert not html_classes(page) and page_tree(page).get("data-bs-theme") is None
    # Turned on again, it comes back as it was left.
    client.post(reverse("accessibility"), {"enabled": "1"})
    assert html_classes(client.get(reverse("login"))) == {
        "a11y",
        "a11y-size-huge",
        "a11y-scheme-white-on-black",
        "a11y-no-images",
    }


def test_a_light_scheme_paints_the_navbar_dark_on_light(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    client.post(reverse("accessibility"), {"scheme": "blue"})
    navbar = page_tree(client.get(reverse("home"))).xpath("//nav[contains(@class, 'navbar')]")[0]
    assert navbar.get("data-bs-theme") == "light"


def test_the_account_keeps_the_choice_for_another_browser(client, world, django_user_model):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    client.post(reverse("accessibility"), {"size": "huge"})
    user.refresh_from_db()
    assert user.accessibility == {"enabled": True, "size": "huge", "scheme": "black-on-white", "images": True}
    # Another browser, no cookie: the login page is plain, the pages after logging in are not.
    other = client.__class__()
    assert not html_classes(other.get(reverse("login")))
    other.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert html_classes(other.get(reverse("home"))) == {"a11y", "a11y-size-huge", "a11y-scheme-black-on-white"}


def test_the_account_s_choice_wins_over_the_browser_s_cookie(client, world):
    user = world.a.users[Role.CURATOR]
    user.accessibility = Preferences(enabled=False).as_dict()
    user.save()
    client.post(reverse("accessibility"), {"enabled": "1"})  # as a visitor: the cookie
    client.force_login(user)
    assert not html_classes(client.get(reverse("home")))


def test_the_settings_page_shows_the_current_choice_and_saves_all_of_it(client):
    client.post(reverse("accessibility"), {"enabled": "1", "size": "huge"})
    page = page_tree(client.get(reverse("accessibility"), {"next": "/accounts/login/"}))
    checked = {box.get("name"): box.get("value") for box in page.xpath("//main//input[@type='radio'][@checked]")}
    assert checked == {"enabled": "1", "size": "huge", "scheme": "black-on-white", "images": "1"}
    answer = client.post(reverse("accessibility"), {"enabled": "1", "size": "normal", "scheme": "blue", "images": "0"})
    assert answer["Location"] == reverse("accessibility")
    assert html_classes(client.get(reverse("login"))) == {
        "a11y",
        "a11y-size-normal",
        "a11y-scheme-blue",
        "a11y-no-images",
    }


def test_a_value_that_is_not_offered_is_refused_next_to_its_field_and_changes_nothing(client):
    client.post(reverse("accessibility"), {"enabled": "1"})
    answer = client.post(reverse("accessibility"), {"size": "gigantic"})
    assert answer.status_code == 200
    tree = page_tree(answer)
    assert tree.xpath("//title")[0].text_content().startswith("Ошибка: ")
    assert tree.xpath("//*[@id='id_size_error']")
    assert html_classes(client.get(reverse("login"))) == {"a11y", "a11y-size-large", "a11y-scheme-black-on-white"}


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_it_returns_only_to_a_page_of_this_site(client, target):
    answer = client.post(reverse("accessibility"), {"enabled": "1", "next": target})
    assert answer["Location"] == reverse("accessibility")


@pytest.mark.parametrize(
    "cookie",
    ["", "1", "1.huge", "2.large.black-on-white.1", "1.large.pink.1", "1.<script>.x.1", "1.large.blue.yes"],
)
def test_a_broken_cookie_is_ignored_or_read_only_as_far_as_it_is_valid(client, cookie):
    client.cookies[COOKIE_NAME] = cookie
    classes = html_classes(client.get(reverse("login")))
    assert classes <= {"a11y", "a11y-size-large", "a11y-scheme-black-on-white", "a11y-scheme-blue"}
    assert "<script>" not in client.get(reverse("login")).content.decode().split("<body")[0]


def test_preferences_read_back_what_they_wrote():
    chosen = Preferences(enabled=True, size="huge", scheme="blue", images=False)
    assert Preferences.from_cookie(chosen.to_cookie()) == chosen
    assert Preferences.from_dict(chosen.as_dict()) == chosen
    assert Preferences.from_dict("not a dict") == Preferences()
    assert chosen.html_classes == "a11y a11y-size-huge a11y-scheme-blue a11y-no-images"
    assert Preferences(enabled=False, size="huge").html_classes == ""
