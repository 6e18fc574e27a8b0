import os

from django.core.wsgi import get_wsgi_application

from mentoring.env import require_secret_key
from mentoring.static_manifest import require_collected_static

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")

application = get_wsgi_application()
# A server does not start without its signing key; commands that sign nothing do not need it.
require_secret_key()
# Nor without the collected static files its pages name (DEBUG off); collectstatic does not need them.
require_collected_static()
