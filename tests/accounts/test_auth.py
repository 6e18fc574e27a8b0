"""Login by username or e-mail, logout, password change and reset, in Russian."""

import re

from django.core import mail
from django.urls import reverse

from accounts.models import Role
from tests.accounts.factories import TEST_PASSWORD, UserFactory


def test_login_page_is_russian(client, db):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Вход" in content
    assert "Логин или e-mail" in content
    assert "Забыли пароль?" in content


def test_login_by_username_leads_home(client, world):
    response = client.post(
        reverse("login"), {"username": world.a.users[Role.CURATOR].username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_login_by_email_ignores_case(client, world):
    user = world.a.users[Role.MENTOR]
    response = client.post(reverse("login"), {"username": user.email.upper(), "password": TEST_PASSWORD}, follow=True)
    assert response.context["user"] == user


def test_wrong_password_says_so_and_logs_nobody_in(client, world):
    response = client.post(reverse("login"), {"username": world.a.users[Role.MENTOR].username, "password": "wrong"})
    assert response.status_code == 200
    assert "Неверный логин, e-mail или пароль" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in(client, db):
    user = UserFactory(is_active=False)
    client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change(client, world):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "Nastavnik-2026!", "new_password2": "Nastavnik-2026!"},
        follow=True,
    )
    assert "Пароль изменён" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Nastavnik-2026!")


def test_password_change_with_wrong_old_password_changes_nothing(client, world):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "Nastavnik-2026!", "new_password2": "Nastavnik-2026!"},
    )
    assert response.status_code == 200
    assert "Ваш старый пароль введен неправильно" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_password_reset_by_email_end_to_end(client, world):
    user = world.a.users[Role.CURATOR]
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [user.email]
    assert "новый пароль" in letter.subject.lower() or "нового пароля" in letter.subject.lower()
    assert user.username in letter.body
    link = re.search(r"https?://[^/]+(/\S+)", letter.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Новый пароль" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "Kurator-Novyi-1", "new_password2": "Kurator-Novyi-1"},
        follow=True,
    )
    assert "Пароль установлен" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Kurator-Novyi-1")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.test"}, follow=True)
    assert "Проверьте почту" in response.content.decode()
    assert mail.outbox == []


def test_bad_reset_link_gets_a_clear_page(client, db):
    response = client.get(reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"}))
    assert "Ссылка не работает" in response.content.decode()
