"""Test settings: the project's one settings module, with the environment a test run needs.

Only variables that are not already set are filled in, so CI's DATABASE_URL is kept.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from mentoring.settings import *  # noqa: F403

# Tests render templates without collectstatic, so no manifest storage.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fast hashing: tests create many users, and a strong hash is not what they check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client and the live server speak plain HTTP. HSTS, the CSP and django-axes stay as in
# production, so tests see them (HSTS is only sent on requests marked secure).
SECURE_SSL_REDIRECT = False
SECURE_COOKIES = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# Uploaded files of the tests go to a throw-away folder, never into the work tree.
MEDIA_ROOT = __import__("pathlib").Path(__import__("tempfile").mkdtemp(prefix="mentoring-test-media-"))
# Background jobs run inline, so a test sees a job's file as soon as it is queued.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
