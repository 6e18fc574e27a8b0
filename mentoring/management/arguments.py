"""Arguments of the project's management commands."""

import argparse
import datetime

from django.utils.translation import gettext as _

DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


def parse_day(value: str) -> datetime.date:
    """A day given on the command line, as dd.mm.yyyy or yyyy-mm-dd (argparse's ``type``)."""
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(_("Enter the date as dd.mm.yyyy or yyyy-mm-dd: %(value)s") % {"value": value})
