from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Accepts either the username or the e-mail address in the login field."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        field = "email__iexact" if "@" in username else "username__iexact"
        user = user_model._default_manager.filter(**{field: username.strip()}).first()
        if user is None:
            # Hash anyway so that timing does not reveal which logins exist.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
