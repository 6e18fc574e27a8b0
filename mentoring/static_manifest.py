"""The collected static files a server needs before it serves.

With DEBUG off every page names the hashed copies of its CSS and scripts that `collectstatic` lists
in its manifest (whitenoise's manifest storage); a page naming a file missing from the manifest
fails with an error 500. Without the manifest that is every page, and after an update that brought
a new file, the pages using it.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured

COLLECTSTATIC = "python manage.py collectstatic --noinput"
# What collectstatic leaves out by default (its --no-default-ignore).
IGNORED = ["CVS", ".*", "*~"]
NAMED = 5


def uncollected_files() -> list[str]:
    """The static files of the code that the manifest does not list, in order; none without a manifest storage."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    collected, _hash = staticfiles_storage.load_manifest()
    found = {path for finder in finders.get_finders() for path, _storage in finder.list(IGNORED)}
    return sorted(found - set(collected))


def require_collected_static() -> None:
    """What a server calls before serving: refuses to start rather than answer pages with 500."""
    missing = uncollected_files()
    if not missing:
        return
    named = ", ".join(missing[:NAMED]) + (f" and {len(missing) - NAMED} more" if len(missing) > NAMED else "")
    raise ImproperlyConfigured(
        f"Static files are not collected into {settings.STATIC_ROOT} ({len(missing)} missing: {named}); "
        f"with DEBUG off every page that uses them would fail with an error 500. "
        f"Run `{COLLECTSTATIC}` before starting the server, and after every update."
    )
