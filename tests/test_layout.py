"""What keeps every table of the pages within the screen (static/css/app.css, «Tables»).

A page's table (Bootstrap's ``.table``) sits directly in a ``.table-responsive`` wrapper: the
stylesheet lets it scroll there with its first column in place, and the browser check
(tests/e2e/test_layout_journey.py) walks the pages of every role at 1366 and 390 pixels. This test
finds a new template whose table has no wrapper before any browser runs. Tables of the PDF documents
(``grid``, ``signature``…) are laid out on A4 by WeasyPrint and are not pages.
"""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PAGE_TABLE = re.compile(r"""<table\b[^>]*\bclass="(?:[^"]*\s)?table(?:\s[^"]*)?"[^>]*>""")
# The wrapper opened right before the table (only whitespace between them).
WRAPPER_BEFORE = re.compile(r"""<div\b[^>]*\bclass="(?:[^"]*\s)?table-responsive(?:\s[^"]*)?"[^>]*>\s*$""")


def unwrapped_tables(text: str) -> list[int]:
    """Line numbers of the page tables that do not open right inside a .table-responsive wrapper."""
    return [
        text.count("\n", 0, match.start()) + 1
        for match in PAGE_TABLE.finditer(text)
        if not WRAPPER_BEFORE.search(text[: match.start()])
    ]


def test_every_table_of_a_page_is_in_a_scrolling_wrapper():
    found = [
        f"{path.relative_to(TEMPLATES)}:{line}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for line in unwrapped_tables(path.read_text())
    ]
    assert not found, f'wrap these tables in <div class="table-responsive">: {found}'


def test_the_check_finds_a_bare_table_and_accepts_a_wrapped_one():
    assert unwrapped_tables('<p>x</p>\n<table class="table table-sm">') == [2]
    assert unwrapped_tables('<div class="table-responsive mb-4">\n  <table class="table">') == []
    assert unwrapped_tables('<div class="table-responsive"><table class="grid">') == []
    assert unwrapped_tables('<table class="grid appendix-table">') == []
    assert unwrapped_tables('<div class="card"><table class="table-stack table">') == [1]
