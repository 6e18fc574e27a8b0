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
        # (AppRegistryNotReady from makemigrations): say what is wrong instead. Exit status 2, as
        # 1 means "changes detected" to makemigrations --check.
        print(f"Settings: {error}", file=sys.stderr)
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
