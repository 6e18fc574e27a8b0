"""Every role's pages fit the screen: a 1366-pixel laptop and a 390-pixel phone.

The demo (``seed_demo``: three organizations of a municipality with their registries, pairs and
groups in every status, roadmaps, questionnaires and indicators) is loaded into the live server's
database, and each role walks the pages of its navbar and the main detail pages (a pair, a group,
the roadmap, the director's approval list, the coordinator's dashboard). On each page, at both widths:

- the page itself never scrolls sideways (``scrollWidth`` of the document within the window);
- a table either fits its container, or scrolls inside a wrapper (``overflow-x: auto``) while its
  first column stays in place (``position: sticky``): a table cut off by its container, or one that
  scrolls away with the names of its rows, fails.

At 1366 pixels the two tables the issue named must fit outright, without scrolling: the director's
approval list (its «Вернуть на доработку» buttons) and the coordinator's dashboard (its last columns).

The last test is the one date input of every form in an English browser: typed as dd.mm.yyyy with the
dots coming by themselves, a date that does not exist refused next to its field, a date picked in the
calendar (static/js/datepicker.js).
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Membership, Organization, Role, User
from mentoring.models import Consent, MentoringUnit, Participant, UnitMentee
from roadmap.models import Roadmap
from tests.accounts.factories import TEST_PASSWORD
from tests.e2e.accessibility import AccessibilityWatch
from tests.e2e.helpers import dotted, log_in, today, years_ago
from tests.mentoring.factories import ParticipantFactory

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# Tables that must be seen whole on a laptop: the two complaints.
WHOLE_ON_LAPTOP = {"approval-table", "dashboard-table"}

# What is wrong with the layout of the page as it is shown now: a list of sentences, empty if nothing.
LAYOUT_PROBLEMS = """(wholeTables) => {
  const problems = [];
  const width = window.innerWidth;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) {
    problems.push(`the page scrolls sideways: ${pageWidth} px in a window of ${width}`);
  }
  document.querySelectorAll("main table").forEach((table, index) => {
    const box = table.getBoundingClientRect();
    if (!box.width) {
      return;  // not shown (a closed <details>, a layout for the other width)
    }
    const name = table.dataset.testid || `table ${index + 1}`;
    let wrapper = table.parentElement;
    while (wrapper !== document.body && getComputedStyle(wrapper).overflowX === "visible") {
      wrapper = wrapper.parentElement;
    }
    if (wrapper === document.body) {
      if (box.right > width) {
        problems.push(`${name} is ${Math.round(box.right - width)} px wider than the window, without a wrapper`);
      }
      return;
    }
    const area = wrapper.getBoundingClientRect();
    const hidden = wrapper.scrollWidth - wrapper.clientWidth;
    const fits = hidden <= 1 && box.right <= area.left + wrapper.clientWidth + 1;
    if (fits) {
      return;
    }
    if (wholeTables.includes(name)) {
      problems.push(`${name} does not fit: ${hidden} px of it are hidden sideways`);
      return;
    }
    if (!["auto", "scroll"].includes(getComputedStyle(wrapper).overflowX)) {
      problems.push(`${name} is cut off by its container by ${hidden} px`);
      return;
    }
    // A row of one spanning cell (an empty list's message) has no name to keep in place.
    const firstCell = table.querySelector("tbody > tr > :first-child:not(:last-child)");
    if (firstCell && getComputedStyle(firstCell).position !== "sticky") {
      problems.push(`${name} scrolls sideways (${hidden} px) without a sticky first column`);
    }
  });
  return problems;
}"""


def demo_mentee(organization: Organization) -> User:
    """The demo has no mentee's account: a young teacher in a working pair gets one, as an invitation would."""
    membership = (
        UnitMentee.objects.filter(
            unit__program__organization=organization,
            unit__status=MentoringUnit.Status.ACTIVE,
            mentee__category=Participant.Category.STAFF,
            mentee__user__isnull=True,
            left_on__isnull=True,
        )
        .select_related("mentee")
        .order_by("pk")
        .first()
    )
    mentee = membership.mentee
    user = User.objects.create_user(
        username="school.mentee", password=TEST_PASSWORD, last_name=mentee.last_name, first_name=mentee.first_name
    )
    Membership.objects.create(user=user, role=Role.MENTEE, organization=organization)
    mentee.user = user
    mentee.save(update_fields=["user"])
    return user


def unit_pages(units) -> list[str]:
    """A pair and a group among the units (the first of each kind), and the meeting log and a
    development plan of a working one."""
    pages = []
    for kind in MentoringUnit.Kind:
        unit = units.filter(kind=kind).order_by("pk").first()
        if unit:
            pages.append(reverse("unit_detail", args=[unit.pk]))
    working = units.filter(status=MentoringUnit.Status.ACTIVE).order_by("pk").first()
    if working:
        pages.append(reverse("meeting_list", kwargs={"unit_pk": working.pk}))
        pages.append(reverse("plan_detail", args=[working.mentees.order_by("pk").first().pk]))
    return pages


def detail_pages(role: Role, user: User) -> list[str]:
    """The main pages beyond the navbar that the role opens."""
    membership = user.memberships.get()
    if role == Role.COORDINATOR:
        roadmap = Roadmap.objects.filter(municipality=membership.municipality, organization=None, is_template=False)
        organization = Organization.objects.filter(municipality=membership.municipality).order_by("pk").first()
        return [
            reverse("monitoring_dashboard"),
            reverse("monitoring_dashboard_organization", args=[organization.pk]),
            reverse("roadmap_detail", args=[roadmap.get().pk]),
            reverse("roadmap_audit"),
        ]
    organization = membership.organization
    units = MentoringUnit.objects.filter(program__organization=organization)
    if role == Role.MENTEE:
        return unit_pages(units.filter(mentees__mentee__user=user))
    roadmap = Roadmap.objects.get(organization=organization, is_template=False)
    pages = [reverse("roadmap_detail", args=[roadmap.pk])]
    if role == Role.MENTOR:
        return [*pages, *unit_pages(units.filter(mentor__user=user))]
    pages += [reverse("roadmap_timeline", args=[roadmap.pk]), *unit_pages(units)]
    pages.append(reverse("participant_detail", args=[units.order_by("pk").first().mentor.pk]))
    if role == Role.DIRECTOR:
        pages.append(reverse("units_for_approval"))
    return pages


DEMO_LOGINS = {
    Role.COORDINATOR: "coordinator",
    Role.DIRECTOR: "school.director",
    Role.CURATOR: "school.curator",
    Role.MENTOR: "school.mentor1",
}


@pytest.fixture
def viewport() -> dict[str, int]:
    return LAPTOP


@pytest.fixture
def demo(reference_data) -> None:
    call_command("seed_demo", stdout=StringIO())


def demo_user(role: Role) -> User:
    if role == Role.MENTEE:
        school = User.objects.get(username=DEMO_LOGINS[Role.CURATOR]).memberships.get().organization
        return demo_mentee(school)
    user = User.objects.get(username=DEMO_LOGINS[role])
    # The demo's password is slow to hash; the tests' one is what log_in types.
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    return user


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_every_page_of_the_role_fits_a_laptop_and_a_phone(page, screenshot, live_server, demo, role):
    user = demo_user(role)
    log_in(page, user)
    navbar = page.eval_on_selector_all(
        "nav.navbar a.nav-link[href^='/'], nav.navbar a.dropdown-item[href^='/']",
        "links => links.map(link => link.getAttribute('href'))",
    )
    pages = list(dict.fromkeys([reverse("home"), *navbar, *detail_pages(role, user)]))
    shots = {reverse("monitoring_dashboard"): "dashboard", reverse("units_for_approval"): "approval"}
    problems = []
    for path in pages:
        page.set_viewport_size(LAPTOP)
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        expect(page.locator("main")).to_be_visible()
        for width, viewport in (("1366", LAPTOP), ("390", PHONE)):
            page.set_viewport_size(viewport)
            found = page.evaluate(LAYOUT_PROBLEMS, sorted(WHOLE_ON_LAPTOP) if viewport == LAPTOP else [])
            problems += [f"{path} at {width} px: {problem}" for problem in found]
            if path in shots:
                screenshot(f"{shots[path]}-{width}")
    assert len(pages) > len(navbar), "no detail page was walked"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_a_date_is_typed_dotted_and_picked_in_the_calendar_in_an_english_browser(
    browser, live_server, artifacts_dir, reference_data, world, viewport
):
    # Not the page fixture: its context speaks Russian, and the point is a browser that does not.
    context = browser.new_context(viewport=viewport, locale="en-US", base_url=live_server.url)
    accessibility = AccessibilityWatch(context, live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    pupil = ParticipantFactory(organization=world.a.organization, birth_date=years_ago(12))
    log_in(page, world.a.users[Role.CURATOR])
    page.goto(reverse("consent_create", kwargs={"pk": pupil.pk}))
    page.locator("#id_representative_name").fill("Иванова Ольга Петровна")
    page.locator("#id_representative_document").fill("свидетельство о рождении")
    page.locator("#id_signed_by").select_option("representative")

    # A date that does not exist: refused next to its field, what was typed kept, nothing saved.
    signed = page.locator("#id_signed_on")
    expect(signed).to_have_attribute("placeholder", "дд.мм.гггг")
    expect(signed).to_have_value(dotted(today()))
    signed.fill("")
    signed.press_sequentially("31022026")
    expect(signed).to_have_value("31.02.2026")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator("#div_id_signed_on .invalid-feedback")).to_have_text(
        "Такой даты нет: 31.02.2026. Проверьте день и месяц."
    )
    expect(page.locator("#id_signed_on")).to_have_value("31.02.2026")
    assert not Consent.objects.exists()
    page.screenshot(path=artifacts_dir / "01-no-such-date.png", full_page=True)

    # Typed as digits: the dots come by themselves.
    signed_on = today() - datetime.timedelta(days=30)
    page.locator("#id_signed_on").fill("")
    page.locator("#id_signed_on").press_sequentially(dotted(signed_on).replace(".", ""))
    expect(page.locator("#id_signed_on")).to_have_value(dotted(signed_on))

    # Picked: the calendar opens at this month in Russian, Monday first; two months on, the 15th.
    page.locator("#div_id_valid_until .date-input-toggle").click()
    calendar = page.get_by_role("dialog", name="Выбрать дату в календаре")
    expect(calendar).to_be_visible()
    month = datetime.date(today().year, today().month, 1)
    expect(calendar.locator(".datepicker-weekday").first).to_have_text("пн")
    page.screenshot(path=artifacts_dir / "02-calendar.png", full_page=True)
    calendar.get_by_role("button", name="Следующий месяц").click()
    calendar.get_by_role("button", name="Следующий месяц").click()
    calendar.locator(".datepicker-day:not(.is-outside)", has_text="15").first.click()
    expect(calendar).to_be_hidden()
    picked = (month + datetime.timedelta(days=62)).replace(day=15)
    expect(page.locator("#id_valid_until")).to_have_value(dotted(picked))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".alert-success")).to_be_visible()
    consent = Consent.objects.get()
    assert (consent.signed_on, consent.valid_until) == (signed_on, picked)
    page.screenshot(path=artifacts_dir / "03-saved.png", full_page=True)
    accessibility.wait(page)
    context.close()
    assert not errors, errors
    assert not accessibility.problems(), accessibility.problems()
