"""Typography of the pages: where the browser may break a long Russian word.

Browsers hyphenate only with a dictionary of the language, which Chromium on Linux and Windows does
not ship; the narrow headers of a wide table (the monitoring dashboard) would then either widen
their columns to the longest word or break it at any letter. Soft hyphens placed by Pyphen (the
hyphenation dictionaries of LibreOffice, already used by WeasyPrint for the PDFs) let every browser
break such a word at a syllable and show the hyphen only there.
"""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Words long enough to need a break; a syllable of one letter is never left on a line alone.
LONG_WORD = re.compile(r"\w{8,}")


@cache
def dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="ru_RU", left=2, right=2)


@register.filter(is_safe=True)
def soft_hyphens(text) -> str:
    """``{{ indicator.short_name|soft_hyphens }}``: the text, escaped, with soft hyphens in its long words."""
    escaped = str(conditional_escape(text))
    return mark_safe(LONG_WORD.sub(lambda match: dictionary().inserted(match.group(), hyphen=SOFT_HYPHEN), escaped))
