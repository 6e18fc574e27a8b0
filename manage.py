#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reading it loads the settings module)
    except ImproperlyConfigured as error:
        # Django's command line swallows a settings error and fails later with an unrelated one
        # (AppRegistryNotReady from makemigrations): say what is wrong instead.
        sys.exit(f"Settings: {error}\nFor development, DEBUG=1 needs nothing else (make run sets it).")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
