"""Production security: `check --deploy`, HTTPS, the Content-Security-Policy, Argon2, the session
timeout, login throttling with django-axes, and no inline scripts or styles in the pages."""

import os
import re
import runpy
import secrets
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from monitoring.charts import bar_chart, column_chart
from tests.accounts.factories import TEST_PASSWORD
from tests.mentoring.factories import ParticipantFactory

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "mentoring" / "settings.py"
# Variables the settings read; the production runs below start from none of them.
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_TLS_PROXY",
    "SESSION_COOKIE_AGE",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "DJANGO_SETTINGS_MODULE",
    # Set by the browser tests' conftest for this process; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)
ONE_YEAR = 365 * 24 * 60 * 60
EIGHT_HOURS = 8 * 60 * 60


def production_environment(**extra: str) -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items() if name not in SETTINGS_VARIABLES}
    environment.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50)[:50], ALLOWED_HOSTS="mentoring.example.ru")
    environment.update(extra)
    return environment


@pytest.fixture
def production_settings(monkeypatch):
    """The settings module run afresh with the production environment (DEBUG off)."""

    def load(**extra: str) -> dict:
        for name in SETTINGS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in production_environment(**extra).items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


# --- check --deploy and the production settings ---------------------------------------------------


def test_check_deploy_reports_nothing_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**production_environment(), "DJANGO_SETTINGS_MODULE": "mentoring.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in output and "ERROR" not in output


def test_production_uses_https_everywhere(production_settings):
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] == ONE_YEAR
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and values["SECURE_HSTS_PRELOAD"] is True
    assert "SECURE_PROXY_SSL_HEADER" not in values


def test_plain_http_loopback_runs_switch_redirect_and_secure_cookies_off(production_settings):
    values = production_settings(SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", BEHIND_TLS_PROXY="1")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_debug_has_no_https_redirect_and_no_hsts(production_settings):
    values = production_settings(DEBUG="1")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_production_hashes_passwords_with_argon2(production_settings):
    hashers = production_settings()["PASSWORD_HASHERS"]
    assert hashers[0] == "accounts.hashers.SchoolArgon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=hashers):
        encoded = make_password("Пароль-учителя-2026")
        assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert identify_hasher(encoded).algorithm == "argon2"
        assert check_password("Пароль-учителя-2026", encoded)
        assert not check_password("пароль-учителя-2026", encoded)
        # Hashes made before Argon2 still verify (and Django re-hashes them at the next login).
        with override_settings(PASSWORD_HASHERS=hashers[1:]):
            old = make_password("старый-пароль")
        assert check_password("старый-пароль", old)


def test_production_session_times_out_after_eight_hours_or_when_the_browser_closes(production_settings):
    values = production_settings()
    assert values["SESSION_COOKIE_AGE"] == EIGHT_HOURS
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production_settings(SESSION_COOKIE_AGE="1800")["SESSION_COOKIE_AGE"] == 1800


# --- headers and cookies of real responses --------------------------------------------------------


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    for url in (reverse("login"), reverse("home")):
        header = client.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
        policy = directives(header)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["form-action"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_hsts_and_other_security_headers_on_https(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    # A browser only honours HSTS over HTTPS, and Django sends it only there.
    assert "Strict-Transport-Security" not in client.get(reverse("login"))


def denied_features(response) -> set[str]:
    return {part.removesuffix("=()") for part in response["Permissions-Policy"].split(", ") if part.endswith("=()")}


UNUSED_FEATURES = {"camera", "microphone", "geolocation", "payment", "usb", "serial", "browsing-topics"}


@pytest.mark.django_db
def test_every_answer_denies_the_browser_features_the_product_does_not_use(client, world):
    anonymous = [client.get(reverse("login")), client.get("/no-such-page/")]
    with override_settings(SECURE_SSL_REDIRECT=True):
        redirected = Client().get(reverse("login"))
    client.force_login(world.a.users[Role.MENTOR])
    signed_in = [client.get(reverse("home")), client.get(reverse("participant_list"))]
    assert [response.status_code for response in [*anonymous, redirected, *signed_in]] == [200, 404, 301, 200, 403]
    for response in [*anonymous, redirected, *signed_in]:
        assert denied_features(response) >= UNUSED_FEATURES, response.request["PATH_INFO"]


@pytest.mark.django_db
def test_no_copy_is_kept_of_what_a_signed_in_user_sees(client, world):
    pupil = ParticipantFactory(organization=world.a.organization, last_name="Кузнецова", first_name="Вера")
    for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTOR, Role.COORDINATOR):
        client.force_login(world.a.users[role])
        home = client.get(reverse("home"))
        assert home.status_code == 200
        assert {"private", "no-store"} <= set(home["Cache-Control"].split(", ")), role
    client.force_login(world.a.users[Role.CURATOR])
    card = client.get(reverse("participant_detail", args=[pupil.pk]))
    assert card.status_code == 200 and "Кузнецова" in card.content.decode()
    assert card["Cache-Control"] == "private, no-store"
    # The same on a refusal and on a redirect after a saved form: Back must not show the last page.
    assert client.get(reverse("participant_detail", args=[pupil.pk + 1000]))["Cache-Control"] == "private, no-store"
    saved = client.post(reverse("partner_create"), {"name": "ООО «Вектор»", "kind": "enterprise"})
    assert saved.status_code == 302 and saved["Cache-Control"] == "private, no-store"
    # The login page is not kept either (Django's never_cache), nor is the public questionnaire
    # link, which greets the pupil by name (tests/monitoring/test_answer.py).
    client.logout()
    assert "no-store" in client.get(reverse("login"))["Cache-Control"]


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https(client):
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"] == "https://testserver" + reverse("login")


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_and_the_session_cookie_is_http_only(client, world):
    page = client.get(reverse("login"), secure=True)
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        reverse("login"), {"username": world.a.users[Role.MENTOR].username, "password": TEST_PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] is True and session_cookie["httponly"] is True
    # A browser-session cookie: closing the browser ends the session.
    assert session_cookie["max-age"] == "" and session_cookie["expires"] == ""


@pytest.mark.django_db
def test_a_session_ends_eight_hours_after_the_login(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    session = Session.objects.get()
    expected_end = timezone.now() + timedelta(seconds=EIGHT_HOURS)
    assert abs(session.expire_date - expected_end) < timedelta(minutes=1)
    assert client.get(reverse("home")).status_code == 200
    # Past its end the session is gone: back to the login page.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- login throttling -----------------------------------------------------------------------------


def log_in(client, login: str, password: str, address: str = "10.0.0.7"):
    return client.post(reverse("login"), {"username": login, "password": password}, REMOTE_ADDR=address)


LOCKED = "Слишком много неудачных попыток входа. Вход в эту учётную запись с вашего адреса заблокирован на 15 минут."


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(client, world):
    user = world.a.users[Role.DIRECTOR]
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    # Username and e-mail in any letter case count against the same account.
    spellings = [user.username, user.username.upper(), user.email, user.email.upper()]
    for attempt in range(limit - 1):
        response = log_in(client, spellings[attempt % len(spellings)], "wrong-password")
        assert response.status_code == 200
        assert "Неверный логин, e-mail или пароль" in response.content.decode()

    locked = log_in(client, user.email, "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Вход заблокирован" in page and LOCKED in page

    refused = log_in(client, user.username, TEST_PASSWORD)
    assert refused.status_code == 429 and LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # Another account from the same address (a school behind one NAT) and the same account from
    # another address still log in.
    assert log_in(client, world.a.users[Role.CURATOR].username, TEST_PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, user.username, TEST_PASSWORD, address="10.0.0.8").status_code == 302
    client.logout()

    # After the cool-off the right password works again, and resets the count.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    welcome = log_in(client, user.email, TEST_PASSWORD)
    assert welcome.status_code == 302 and welcome["Location"] == reverse("home")
    assert not AccessAttempt.objects.filter(username=user.username, ip_address="10.0.0.7").exists()


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_count(client, world):
    user = world.a.users[Role.MENTOR]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, user.username, "wrong-password")
    assert log_in(client, user.email, TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, user.username, "wrong-password").status_code == 200
    assert log_in(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.django_db
def test_unknown_logins_are_throttled_too(client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "no.such.user", "whatever").status_code == 200
    assert log_in(client, "NO.SUCH.USER", "whatever").status_code == 429


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_the_client_is_the_address_the_proxy_added():
    from accounts.lockout import client_ip

    request = SimpleNamespace(META={"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 192.0.2.10"})
    assert client_ip(request) == "192.0.2.10"
    assert client_ip(SimpleNamespace(META={"REMOTE_ADDR": "127.0.0.1"})) == "127.0.0.1"
    with override_settings(BEHIND_TLS_PROXY=False):
        assert client_ip(request) == "127.0.0.1"


# --- no inline scripts or styles ------------------------------------------------------------------

# Templates rendered only into PDFs by WeasyPrint (never served as pages, so the CSP does not apply
# to them) and plain-text e-mails.
NOT_PAGES = [
    "reports/document_base.html",
    "reports/order.html",
    "reports/letter.html",
    "reports/_order_*.html",
    "reports/annual/report.html",
    "reports/annual/_value.html",
    "reports/note/*.html",
    "mentoring/pdf/*.html",
    "mentoring/work/_pdf_style.html",
    "mentoring/work/journal_pdf.html",
    "mentoring/work/plan_pdf.html",
    "monitoring/pdf/*.html",
    "*/email/*",
]
INLINE = re.compile(
    r"<style\b|<script(?![^>]*\bsrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def page_templates() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("*/*/templates")]
    found = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            name = path.relative_to(folder)
            if not any(name.match(pattern) for pattern in NOT_PAGES):
                found.append(path)
    return found


def test_the_pdf_templates_left_out_exist_and_are_not_pages():
    left_out = [path for path in (ROOT / "templates").rglob("*.html") if path not in page_templates()]
    names = {str(path.relative_to(ROOT / "templates")) for path in left_out}
    assert {"reports/order.html", "reports/annual/report.html", "mentoring/work/plan_pdf.html"} <= names
    # None of them is a page: they never extend the site's base template.
    for path in left_out:
        assert '{% extends "base.html" %}' not in path.read_text()


def test_no_page_template_has_inline_scripts_styles_or_handlers():
    templates = page_templates()
    assert len(templates) > 100
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in templates
        for match in INLINE.finditer(path.read_text())
    ]
    assert not offenders, "Move these into static/css/app.css or static/js/app.js:\n" + "\n".join(offenders)


def test_the_svg_charts_use_presentation_attributes_only():
    bars = [
        SimpleNamespace(label="Полностью удовлетворён", count=7, percent=Decimal("70")),
        SimpleNamespace(label="10", count=3, percent=Decimal("30")),
    ]
    for chart in (bar_chart(bars), column_chart(bars)):
        assert "style" not in chart
        assert 'class="results-chart"' in chart


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_rendered_home_pages_have_no_inline_code(client, world, role):
    client.force_login(world.a.users[role])
    html = client.get(reverse("home")).content.decode()
    assert not INLINE.findall(html)
    # The site's scripts are loaded from static files, deferred.
    for script in ("bootstrap/js/bootstrap.bundle.min.js", "django_htmx/htmx-2.min.js", "js/app.js"):
        assert re.search(rf'<script src="[^"]*{re.escape(script)}" defer></script>', html)
    assert '"includeIndicatorStyles": false' in html
