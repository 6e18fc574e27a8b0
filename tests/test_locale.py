"""The Russian translation is complete and compiled; dates are dd.mm.yyyy."""

import datetime
import gettext
from pathlib import Path

import polib
from django.template import Context, Template
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "ru" / "LC_MESSAGES"


def test_catalogue_is_complete():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert not catalogue.untranslated_entries()
    assert not catalogue.fuzzy_entries()


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    with (LOCALE / "django.mo").open("rb") as compiled_file:
        compiled = gettext.GNUTranslations(compiled_file)
    stale = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if (
            [compiled.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2, 5)]
            != [entry.msgstr_plural[form] for form in (0, 1, 2)]
            if entry.msgid_plural
            else compiled.gettext(entry.msgid) != entry.msgstr
        )
    ]
    assert not stale, f"run 'make messages': django.mo is stale for {stale[:5]}"


def test_dates_are_day_month_year():
    with translation.override("ru"):
        rendered = Template("{{ day|date }} {{ day|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"day": datetime.date(2026, 9, 1)})
        )
    assert rendered == "01.09.2026 01.09.2026"
