"""Settings of the mentoring project, read from environment variables (see README.md)."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from mentoring.env import env_bool, env_database, env_int, env_list, env_str, env_time_zone

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

# The development key is public; it is only ever used with DEBUG on.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY == _DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is the public development key; set a real one in production.")
# Without a key in production the settings still load: commands that sign nothing (migrate,
# makemigrations, collectstatic, backup) run, while the servers refuse to start (mentoring/wsgi.py)
# and Django refuses to sign anything with an empty key.
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "mentoring",
    "ops",
    "roadmap",
    "monitoring",
    "monitoring.indicators",
    "reports",
]

MIDDLEWARE = [
    # First, so that every answer has it: static files and HTTPS redirects included.
    "mentoring.headers.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mentoring.headers.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.TenantMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentoring.urls"
WSGI_APPLICATION = "mentoring.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.tenant",
                "accounts.context_processors.accessibility",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default_sqlite=BASE_DIR / "db.sqlite3")}
# Persistent connections, one per gunicorn worker thread; the health check before a request's first
# query replaces a connection that died (PostgreSQL restarted) instead of failing the request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Per process. What is cached is keyed by versions kept in the database (the dashboard's live
# counts: monitoring/indicators/live_cache.py), so several servers need no shared cache. An entry
# is one organization's counts on one date (under 1 KB): a region of 1,000 organizations over the
# dashboard's 8 quarters is 8,000 entries, and Django's default of 300 would evict a district's.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", default=20_000)},
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: our queries are short and many, and PostgreSQL's cost estimates of their
    # correlated subqueries pass jit_above_cost easily, so it spent up to 3 s compiling a 0.1 s
    # dashboard query (make bench). PostgreSQL's own advice for OLTP workloads.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite behind a threaded server and the db_worker (`make run`): one writer at a time, so
    # writers queue instead of failing with «database is locked». A write transaction takes the
    # write lock at BEGIN (a deferred one that read first and then found the lock taken failed at
    # once, without waiting); a writer waits up to 20 s for it; WAL lets pages read while a long
    # import writes; synchronous=NORMAL is durable enough in WAL and spares an fsync per commit.
    # Django turns foreign keys on for every connection itself.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses locked-out logins before the password is even checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.UsernameOrEmailBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Our own format module pins dates to dd.mm.yyyy instead of Django's «1 января 2026 г.».
FORMAT_MODULE_PATH = ["mentoring.formats"]
USE_TZ = True
TIME_ZONE = env_time_zone("TIME_ZONE", default="Europe/Moscow")

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded and generated files (consent scans, imports, orders' PDFs, exports): the local disk by
# default; STORAGE_BACKEND=s3 puts them on S3-compatible storage so that several app servers share
# them. They are always served through views that check permissions, so the bucket stays private.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local").lower()
if STORAGE_BACKEND == "local":
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    if not env_str("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs AWS_STORAGE_BUCKET_NAME, the bucket of the files.")
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
            # Unset keys, region and endpoint fall back to boto3's own chain (instance role, ~/.aws).
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Path-style addressing for MinIO and similar servers without per-bucket host names.
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            "location": env_str("AWS_LOCATION"),
            "default_acl": None,
            # Like the local disk: a second file of the same name gets a new name, never replaces the first.
            "file_overwrite": False,
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND={STORAGE_BACKEND!r} is unknown: use local or s3.")
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background jobs (django-tasks): exports of a whole municipality are queued in the database and
# run by `manage.py db_worker` (started by `make run`).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on.")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@mentoring.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS. With DEBUG off every request is redirected to HTTPS, cookies travel over HTTPS only and
# browsers are told to remember that for a year (HSTS). Plain-HTTP runs on loopback (load tests)
# set SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# nginx (or another proxy) terminates TLS and says so in X-Forwarded-Proto; without this the
# redirect to HTTPS would loop. Only set it when the proxy always overwrites that header.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Session timeout: a session ends SESSION_COOKIE_AGE seconds after the login (8 hours by default, a
# working day), and when the browser closes (school computers are shared). Not an idle timeout:
# SESSION_SAVE_EVERY_REQUEST would write the session on every request.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Argon2 for new and changed passwords; the others stay so that older hashes still verify (and are
# re-hashed with Argon2 at the next login).
PASSWORD_HASHERS = [
    "accounts.hashers.SchoolArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Content-Security-Policy: everything from our own host, no inline scripts or styles anywhere
# (templates keep them in static/css/app.css and static/js/app.js), data: images only for
# Bootstrap's CSS icons, and no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Permissions-Policy: the browser features the product never uses, denied to every page and frame
# (mentoring/headers.py). browsing-topics replaced FLoC's interest-cohort, which browsers no longer
# know and would report on the console as an unrecognized feature.
PERMISSIONS_POLICY_DENIED = (
    "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "gamepad", "geolocation", "gyroscope", "hid", "idle-detection", "local-fonts",
    "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking",
)  # fmt: skip

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins the account is locked for
# the address they came from, for AXES_COOLOFF_MINUTES; a correct password is refused meanwhile.
# Locking the pair (account, address) and not the address alone keeps a whole school behind one NAT
# working when one teacher mistypes; locking the account alone would let anyone lock out a director.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Without the banner axes prints at every start of every manage.py command; lockouts are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# The login field takes a username or an e-mail in any letter case: count them as one account.
AXES_USERNAME_CALLABLE = "accounts.lockout.canonical_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
