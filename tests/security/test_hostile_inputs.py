"""Hostile input against every form and import of the project: never a 500; refused input shows a
message and saves nothing.

Every URL that takes a POST is found from the URLconf (as tests/test_permission_matrix.py does) and
requested as the first role allowed to use it, at organization A's object. The fields come from the
forms and formsets the page renders, plus the names the view reads from ``request.POST`` itself;
hypothesis fills a random subset of them with text from a hostile alphabet (control characters, NUL,
right-to-left marks, astral characters, SQL/HTML/formula-looking strings, very long strings) and
keeps the page's own values in the rest. Examples per URL: HOSTILE_EXAMPLES (default 3).
"""

import inspect
import io
import os
import re
import sys
import zipfile
from collections.abc import Callable

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import ERROR
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms.formsets import BaseFormSet
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from accounts.models import Role
from accounts.permissions import Action, role_can
from mentoring.models import MatchingExclusion, MatchingRun, MenteeEntry, MentorEntry, Participant
from mentoring.registry import importing
from roadmap.models import Roadmap
from tests.conftest import World
from tests.indicators.factories import period_of
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, StaffFactory
from tests.test_permission_matrix import OUT_OF_REACH, ROLE_OBJECT_URL_KWARGS, URLS, build_url, view_class

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "3"))
HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Tables that change on any request, valid or not: the session, login throttling, the export log.
# Tables a page writes by itself: sessions, login attempts, and the kept computations of the matching
# (the page a refused form goes back to computes its suggestions when it has none: a cache, not data).
VOLATILE_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "mentoring_matchingrun",
}
ALLOWED_STATUSES = {200, 302, 400, 403, 404, 405, 410}
ROLE_ORDER = (Role.CURATOR, Role.DIRECTOR, Role.COORDINATOR, Role.MENTOR, Role.MENTEE)
PROJECT_PACKAGES = {"accounts", "mentoring", "monitoring", "reports", "roadmap"}
POST_NAMES = re.compile(r"""POST(?:\.get|\.getlist)?[\[(]\s*["']([\w-]+)["']""")
ERROR_MARKERS = ("invalid-feedback", "errorlist", "alert-danger", "is-invalid")

NASTY = [
    "'; DROP TABLE mentoring_participant; --",
    "' OR '1'='1",
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","x")',
    "+7(900)000-00-00",
    "@SUM(1+1)",
    "{{ request.user.password }}{% debug %}",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "\x00",
    "a\x00b",
    "\u202eевил\u202c",
    "𝕴𝖛𝖆𝖓 🧑‍🏫",
    "Ё̈й̆",
    "\r\n\t\x0b\x0c\x1b[31m",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "31.02.2026",
    "0001-01-01",
    " ",
]
# Any code point but surrogates (the test client cannot encode them, and neither can a browser).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
CONTROL_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=10)
LONG_TEXT = st.builds(
    lambda piece, times: piece * times, st.sampled_from(["я", "A", "<b>", "\x00"]), st.integers(1000, 100_000)
)
HOSTILE_TEXT = st.one_of(st.sampled_from(NASTY), ANY_TEXT, CONTROL_TEXT, LONG_TEXT)


def counted_tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy and model._meta.db_table not in VOLATILE_TABLES
        }
    )


def row_counts() -> dict[str, int]:
    """The rows of every table, in one query (a form is posted hundreds of times)."""
    tables = counted_tables()
    quote = connection.ops.quote_name
    query = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def field_values(form: forms.BaseForm) -> dict[str, object]:
    """What the browser would send back for the form as rendered (its own values)."""
    data = {}
    for bound in form:
        widget = bound.field.widget
        value = bound.value()
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
            continue
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif value is not None:
            formatted = widget.format_value(value)
            data[bound.html_name] = "" if formatted is None else str(formatted)
    return data


def context_forms(context):
    """The forms a page renders, those of its formsets included."""
    for key in context.keys():  # noqa: SIM118 (a ContextList iterates its contexts, not its keys)
        value = context[key]
        if isinstance(value, BaseFormSet):
            yield value.management_form
            yield from value.forms
        elif isinstance(value, forms.BaseForm):
            yield value


def page_fields(context) -> dict[str, object]:
    data = {}
    for form in context_forms(context):
        data |= field_values(form)
    return data


def bound_forms_with_errors(context) -> bool:
    if context is None:
        return False
    for key in context.keys():  # noqa: SIM118 (a ContextList iterates its contexts, not its keys)
        value = context[key]
        if isinstance(value, BaseFormSet) and value.is_bound and not value.is_valid():
            return True
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return True
    return False


def post_names(view) -> set[str]:
    """Names a view (or the classes it is made of) reads from request.POST itself."""
    names = set()
    for klass in inspect.getmro(view):
        if klass.__module__.split(".")[0] in PROJECT_PACKAGES:
            names |= set(POST_NAMES.findall(inspect.getsource(klass)))
    return names


def posting_urls() -> list[str]:
    found = []
    for name, pattern in URLS:
        view = view_class(pattern)
        if "post" in getattr(view, "http_method_names", ()) and hasattr(view, "post"):
            found.append(name)
    return sorted(found)


def acting_role(name: str, view) -> Role | None:
    """The first role allowed to use the page on A's object; None for a public page."""
    if view.permission_action in (Action.PUBLIC, Action.AUTHENTICATED):
        return None if view.permission_action == Action.PUBLIC else Role.CURATOR
    for role in ROLE_ORDER:
        if role_can(role, view.permission_action) and role not in OUT_OF_REACH.get(name, ()):
            return role
    raise AssertionError(f"no role may use {name}")


def assert_refused_or_accepted(response, before: dict, label: str) -> None:
    assert response.status_code in ALLOWED_STATUSES, f"{label}: {response.status_code}"
    after = row_counts()
    context = response.context
    stored_messages = list(context["messages"]) if context is not None and "messages" in context else []
    refused = bound_forms_with_errors(context) or any(message.level == ERROR for message in stored_messages)
    if response.status_code >= 400 or refused:
        changed = {table: (before[table], after[table]) for table in before if before[table] != after.get(table)}
        assert not changed, f"{label}: refused input saved rows {changed}"
    if bound_forms_with_errors(context):
        page = response.content.decode()
        assert any(marker in page for marker in ERROR_MARKERS), f"{label}: the errors are not shown"


FORM_URLS = posting_urls()


@pytest.mark.parametrize("name", FORM_URLS)
def test_hostile_text_in_every_field_never_breaks_a_form(name, world, client):
    view = view_class(dict(URLS)[name])
    role = acting_role(name, view)
    url = build_url(name, world, role)[0] if name in ROLE_OBJECT_URL_KWARGS.get(role, {}) else build_url(name, world)[0]
    if role is not None:
        client.force_login(world.a.users[role])
    baseline = {}
    if "get" in view.http_method_names:
        page = client.get(url)
        assert page.status_code in ALLOWED_STATUSES
        if page.status_code == 200 and page.context is not None:
            baseline = page_fields(page.context)
    names = sorted(set(baseline) | post_names(view))

    @HYPOTHESIS
    @given(data=st.data())
    def attack(data):
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True), label="fields") if names else []
        post = dict(baseline)
        for field in chosen:
            post[field] = data.draw(HOSTILE_TEXT, label=field)
        before = row_counts()
        response = client.post(url, post)
        assert_refused_or_accepted(response, before, f"{name} {sorted(chosen)}")

    attack()


def test_every_form_page_is_attacked():
    """The discovery finds the forms: a refactoring that hides them from it fails here."""
    for expected in (
        "participant_create",
        "consent_create",
        "meeting_create",
        "order_create",
        "registry_import",
        "roadmap_import",
        "questionnaire_create",
        "login",
    ):
        assert expected in FORM_URLS, expected
    assert len(FORM_URLS) >= 40


# Ids ------------------------------------------------------------------------------------------

BIG = "99999999999999999999"  # beyond 64 bits: SQLite cannot bind it (OverflowError)
HOSTILE_IDS = (
    BIG,
    "9223372036854775808",  # one past the largest id of SQLite and of PostgreSQL's bigint
    "-1",
    "0",
    "abc",
    "²",  # a digit to str.isdigit(), not to int()
    "1\x00",
    "1" * 5000,  # more digits than int() reads
    f"{BIG}:75",  # the matching page's "mentee id:mentor id"
    f"75:{BIG}",
)
POSTED_FORM = re.compile(r"(\w+)\(\s*(?:self\.)?request\.POST")


def matching_ids(*names: str) -> Callable[[World], dict[str, str]]:
    def ids(world: World) -> dict[str, str]:
        program = ProgramFactory(organization=world.a.organization)
        mentee, mentor = (
            ParticipantFactory(organization=world.a.organization),
            StaffFactory(organization=world.a.organization),
        )
        # A finished computation that suggests the pair: what «accept» refers to.
        run = MatchingRun.objects.create(
            program=program,
            key="k",
            language="ru",
            status="done",
            result={"suggestions": [[mentee.pk, mentor.pk, 1, []]]},
        )
        exclusion = MatchingExclusion.objects.create(
            organization=world.a.organization, mentee=mentee, mentor=mentor, reason="не сложилось общение"
        )
        valid = {
            "program": program.pk,
            "mentee": mentee.pk,
            "mentor": mentor.pk,
            "run": run.pk,
            "mentees": mentee.pk,
            "scope": "selected",
            "exclusion": exclusion.pk,
        }
        return {name: str(valid[name]) for name in names}

    return ids


# POST-only views that read ids: valid ids of A's objects for them (for the acting role), so that a
# hostile value in one of them gets past the others to its own check.
POSTED_IDS: dict[str, Callable[[World], dict[str, str]]] = {
    "matching_accept": matching_ids("program", "mentee", "mentor"),
    "matching_reject": matching_ids("program", "mentee", "mentor"),
    "matching_accept_all": matching_ids("program", "run", "mentees", "scope"),
    "matching_restore": matching_ids("program", "exclusion"),
    "matching_weights": matching_ids("program"),
    "matching_compute": matching_ids("program"),
    "context_switch": lambda w: {"membership": str(w.a.membership(Role.CURATOR).pk)},
    "quarterly_export_start": lambda w: {"period": str(period_of(w.a).pk)},
}
# POST-only views whose own fields are no ids (a direction, a year, texts and dates).
POSTED_NO_IDS = {
    "activity_comment",
    "activity_move",
    "analytical_note_start",
    "annual_reports_export_start",
    "participant_invite",
    "periods_quarterly",
    "plan_item_done",
    # Boxes «session-enrolment» kept when they are the program's own; nothing is looked up by them.
    "training_attendance",
    # An item's key is text compared with the keys its source offers; nothing is looked up by it.
    "publication_toggle",
    "remark_create",
    "remark_reply",
    "remark_resolve",
    "unmatched_mark",
}


def posted_forms(view) -> set[type[forms.BaseForm]]:
    """Forms a view (or the classes it is made of) builds from request.POST, rendered or not."""
    found = set()
    for klass in inspect.getmro(view):
        if klass.__module__.split(".")[0] in PROJECT_PACKAGES:
            module = vars(sys.modules[klass.__module__])
            for name in POSTED_FORM.findall(inspect.getsource(klass)):
                candidate = module.get(name)
                if isinstance(candidate, type) and issubclass(candidate, forms.BaseForm):
                    found.add(candidate)
    return found


def is_id_field(field: forms.Field) -> bool:
    return isinstance(field, forms.ModelChoiceField)


def id_names(view, context) -> set[str]:
    """Names that carry ids of rows: model choices of the page's and the posted forms."""
    names = set()
    if context is not None:
        names |= {bound.html_name for form in context_forms(context) for bound in form if is_id_field(bound.field)}
    for form_class in posted_forms(view):
        names |= {name for name, field in form_class.base_fields.items() if is_id_field(field)}
    return names


def refused(response) -> bool:
    context = response.context
    stored = list(context["messages"]) if context is not None and "messages" in context else []
    return (
        response.status_code >= 400
        or bound_forms_with_errors(context)
        or any(message.level == ERROR for message in stored)
    )


def id_attack(name: str, world: World, client) -> tuple[str, dict, set[str], set[str]]:
    """The URL as the acting role (logged in), the page's own values, the names that carry ids of
    rows (model choices of the page's and the posted forms, the ids of POSTED_IDS) and the other
    names the view or its posted forms read."""
    view = view_class(dict(URLS)[name])
    role = acting_role(name, view)
    url = build_url(name, world, role)[0] if name in ROLE_OBJECT_URL_KWARGS.get(role, {}) else build_url(name, world)[0]
    if role is not None:
        client.force_login(world.a.users[role])
    baseline, context = {}, None
    if "get" in view.http_method_names:
        page = client.get(url)
        if page.status_code == 200 and page.context is not None:
            baseline, context = page_fields(page.context), page.context
    posted_ids = POSTED_IDS.get(name, lambda w: {})(world)
    ids = id_names(view, context) | set(posted_ids)
    others = post_names(view) | {field for form in posted_forms(view) for field in form.base_fields}
    return url, baseline | posted_ids, ids, others - ids


@pytest.mark.parametrize("name", FORM_URLS)
def test_hostile_ids_are_refused_by_every_form(name, world, client):
    """Values that cannot be ids in every id and every field the view reads itself: never a 500;
    where the name is an id, the input is refused (a message) and nothing is saved."""
    url, baseline, ids, others = id_attack(name, world, client)
    for field in sorted(ids | others):
        for value in HOSTILE_IDS:
            label = f"{name} {field}={value[:30]!r}"
            before = row_counts()
            response = client.post(url, {**baseline, field: value}, follow=True)
            assert_refused_or_accepted(response, before, label)
            if field in ids:
                assert refused(response), f"{label}: accepted"
                assert row_counts() == before, f"{label}: saved"


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("participant_create", "parents"),
        ("unit_update", "mentees"),
        ("meeting_create", "attendees"),
        ("activity_create", "responsible_users"),
        ("matching_accept_all", "mentees"),
        ("matching_accept", "mentor"),
        ("units_for_approval", "units"),
        ("context_switch", "membership"),
        ("quarterly_export_start", "period"),
    ],
)
def test_the_discovery_finds_the_ids(name, field, world, client):
    """The ids the outside probes broke are among those attacked: a refactoring that hides them fails here."""
    assert field in id_attack(name, world, client)[2]


def test_every_posted_id_is_attacked():
    """A POST-only view that reads fields of its own says whether they are ids (POSTED_IDS) or not."""
    for name in FORM_URLS:
        view = view_class(dict(URLS)[name])
        if "get" in view.http_method_names:
            continue
        reads = post_names(view) | {field for form in posted_forms(view) for field in form.base_fields}
        if reads - {"next", "as_groups"}:
            assert name in POSTED_IDS or name in POSTED_NO_IDS, f"{name} reads {sorted(reads)}: add it to POSTED_IDS"


# Imports --------------------------------------------------------------------------------------


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return output.getvalue()


# Text a cell can hold: openpyxl (and Excel) refuse the control characters of XML 1.0.
CELL_TEXT = st.one_of(st.sampled_from(NASTY), ANY_TEXT).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text))
CELL = st.one_of(CELL_TEXT, st.integers(), st.floats(), st.none(), st.dates())
HEADERS = [column.header for column in importing.COLUMNS]
IMPORT_FILES = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
    st.binary(max_size=200).map(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail),
    st.dictionaries(
        st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]), st.binary(max_size=300)
    ).map(zip_of),
    st.lists(st.lists(CELL, max_size=len(HEADERS) + 2), max_size=6).map(lambda rows: workbook_bytes([HEADERS, *rows])),
    st.lists(st.lists(CELL, max_size=8), max_size=6).map(workbook_bytes),
)


def test_hostile_files_never_break_the_participant_import(world, client):
    client.force_login(world.a.users[Role.CURATOR])

    @settings(HYPOTHESIS, max_examples=EXAMPLES * 3)
    @given(content=IMPORT_FILES, filename=st.sampled_from(["класс.xlsx", "x.xls", "../../evil.xlsx", "a\x00.xlsx"]))
    def attack(content, filename):
        before = row_counts()
        upload = SimpleUploadedFile(filename, content)
        response = client.post(reverse("registry_import"), {"file": upload}, follow=True)
        assert response.status_code == 200
        page = response.content.decode()
        # Either the file is refused with a message, or its rows are previewed with their problems.
        assert any(marker in page for marker in ERROR_MARKERS) or 'data-testid="import-summary"' in page
        assert row_counts() == before
        assert (
            not Participant.objects.exists() and not MenteeEntry.objects.exists() and not MentorEntry.objects.exists()
        )

    attack()


def test_hostile_files_never_break_the_roadmap_import(world, client):
    client.force_login(world.a.users[Role.CURATOR])

    @settings(HYPOTHESIS, max_examples=EXAMPLES * 4)
    @given(content=IMPORT_FILES)
    def attack(content):
        before = row_counts()
        upload = SimpleUploadedFile("карта.xlsx", content)
        response = client.post(reverse("roadmap_import"), {"file": upload, "academic_year": "2026"})
        assert response.status_code == 200
        page = response.content.decode()
        assert any(marker in page for marker in ERROR_MARKERS) or 'data-testid="import-preview"' in page
        assert row_counts() == before
        assert not Roadmap.objects.filter(is_template=False).exists()

    attack()
