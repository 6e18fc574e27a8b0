"""Settings of the app servers that test_two_servers starts: the production settings as they are,
except that static files are served from the app's folders (the test does not run collectstatic
into the work tree) and that the test's users, hashed fast by the test settings, can log in."""

from mentoring.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = [*globals().get("PASSWORD_HASHERS", []), "django.contrib.auth.hashers.MD5PasswordHasher"]
