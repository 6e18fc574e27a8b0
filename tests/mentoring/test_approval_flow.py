"""The way of drafts to the director's order, through the pages: a return for revision with its
reason that the curator sees, the history in Russian, all drafts sent in one go, the chosen or all
units approved, and the order's PDF of a large batch made in the background."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Role
from mentoring.models import Consent, MentoringUnit, RoleModel
from mentoring.pairs import services as pairs
from reports.api import PDF_IN_BACKGROUND_ABOVE
from reports.models import Order, PdfStatus
from reports.services import make_order_pdf
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, consented, make_unit

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization, title="Успешный старт")


@pytest.fixture
def as_role(client, world):
    def login(role: Role):
        client.force_login(world.a.users[role])
        return client

    return login


def text(response) -> str:
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r" ([:.,;)])", r"\1", " ".join(body.split()))


def visible(html: str) -> str:
    """Text of a piece of a page with collapsed whitespace, as it reads."""
    return re.sub(r" ([:.,;)])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", html).split()))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def pupil(program, **kwargs):
    return consented(ParticipantFactory(organization=program.organization, **kwargs))


@pytest.fixture
def quick_pdf(monkeypatch):
    """For the tests where the PDF's content does not matter: registration only needs some bytes."""
    monkeypatch.setattr("reports.services.order_pdf", lambda order: b"%PDF-1.4 test")


# Return for revision ---------------------------------------------------------------------------------


def test_the_director_returns_a_pair_with_a_reason_and_the_curator_sees_it(as_role, program, world):
    unit = make_unit(program, status=Status.SUBMITTED)
    director = as_role(Role.DIRECTOR)
    approval = director.get(reverse("units_for_approval")).content.decode()
    return_url = f"{reverse('unit_return', args=[unit.pk])}?next={reverse('units_for_approval')}"
    assert return_url in approval

    page = director.get(return_url)
    assert page.status_code == 200
    assert 'data-confirm="Вернуть пару или группу на доработку?"' in page.content.decode()
    assert unit.mentor.full_name in text(page)

    refused = director.post(return_url, {"next": reverse("units_for_approval"), "reason": "  "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"] == ["Напишите, что нужно доработать."]
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED

    done = director.post(
        return_url, {"next": reverse("units_for_approval"), "reason": "Наставник ведёт уже три пары"}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("units_for_approval")
    assert "Возвращено куратору на доработку." in messages_of(done)

    curator = as_role(Role.CURATOR)
    listed = curator.get(reverse("unit_list") + "?status=draft&returned=yes")
    assert [u.pk for u in listed.context["units"]] == [unit.pk]
    assert "Возвращена на доработку" in text(listed)
    assert 'data-testid="panel-returned">1<' in curator.get(reverse("home")).content.decode()

    detail = curator.get(reverse("unit_detail", args=[unit.pk]))
    alert = text(detail).split("Возвращена на доработку", 1)[1]
    director_name = world.a.users[Role.DIRECTOR].get_full_name()
    assert alert.startswith(" ") and director_name in alert.split("Причина")[0]
    assert "Причина: Наставник ведёт уже три пары" in alert
    log_text = visible(detail.content.decode().split('data-testid="unit-log"')[1])
    assert f"{director_name}: Возвращена на доработку. Причина: Наставник ведёт уже три пары" in log_text

    # Sent again: the mark goes, the history keeps the return.
    curator.post(reverse("unit_submit", args=[unit.pk]))
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED and unit.returned_at is None
    again = curator.get(reverse("unit_detail", args=[unit.pk]))
    assert 'data-testid="unit-returned"' not in again.content.decode()
    assert "Причина: Наставник ведёт уже три пары" in again.content.decode().split('data-testid="unit-log"')[1]


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE])
def test_only_the_curator_and_the_director_return(as_role, program, role):
    unit = make_unit(program, status=Status.SUBMITTED)
    client = as_role(role)
    assert client.get(reverse("unit_return", args=[unit.pk])).status_code == 403
    assert client.post(reverse("unit_return", args=[unit.pk]), {"reason": "x"}).status_code == 403


def test_a_foreign_unit_is_not_returned(client, world):
    foreign = make_unit(ProgramFactory(organization=world.b.organization), status=Status.SUBMITTED)
    client.force_login(world.a.users[Role.DIRECTOR])
    assert client.post(reverse("unit_return", args=[foreign.pk]), {"reason": "x"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Status.SUBMITTED


def test_an_offsite_next_is_not_followed(as_role, program):
    unit = make_unit(program, status=Status.SUBMITTED)
    response = as_role(Role.DIRECTOR).post(
        reverse("unit_return", args=[unit.pk]), {"next": "https://evil.example/", "reason": "Уточните срок"}
    )
    assert response["Location"] == reverse("unit_detail", args=[unit.pk])


# The history reads in Russian --------------------------------------------------------------------------


def test_the_unit_history_names_fields_values_people_and_dates(as_role, program, world):
    mentor, mentee = pupil(program, class_name="10А"), pupil(program)
    curator_user = world.a.users[Role.CURATOR]
    unit = pairs.unit_create(program=program, mentor=mentor, mentees=[mentee], by=curator_user)
    role_model = RoleModel.objects.get(form=program.form, name="равный – равному")
    pairs.unit_update(
        unit=unit,
        by=curator_user,
        mentor=mentor,
        mentees=[mentee],
        role_model=role_model,
        teacher_format=None,
        planned_from=datetime.date(2026, 9, 15),
        planned_to=unit.planned_to,
    )
    page = as_role(Role.CURATOR).get(reverse("unit_detail", args=[unit.pk]))
    log = visible(page.content.decode().split('data-testid="unit-log"')[1])
    assert "Черновик создан" in log
    assert "Ролевая модель: — → равный – равному" in log
    assert f"Срок с: {unit.planned_from:%d.%m.%Y} → 15.09.2026" in log
    assert "True" not in log and "False" not in log and "None" not in log
    assert not re.search(r"→ \d+\b(?!\.)", log)  # no bare number of a foreign key


def test_the_participant_history_shows_names_yes_no_and_dates(as_role, world):
    from mentoring.registry import services as registry
    from tests.mentoring.factories import PartnerFactory, StaffFactory

    curator_user = world.a.users[Role.CURATOR]
    partner = PartnerFactory(organization=world.a.organization, name="ООО «Вектор»")
    person = StaffFactory(
        organization=world.a.organization, last_name="Учителева", birth_date=datetime.date(1985, 6, 1)
    )
    registry.participant_update(
        participant=person,
        by=curator_user,
        partner=partner,
        has_disability=True,
        birth_date=datetime.date(1986, 7, 2),
    )
    page = as_role(Role.CURATOR).get(reverse("participant_detail", args=[person.pk]))
    history = visible(page.content.decode().split('data-testid="history"')[1])
    assert "Организация-партнёр: — → ООО «Вектор»" in history
    assert "ОВЗ: нет → да" in history
    assert "Дата рождения: 01.06.1985 → 02.07.1986" in history
    assert "True" not in history and f"→ {partner.pk}" not in history and "1985-06-01" not in history


# All drafts in one go ---------------------------------------------------------------------------------------


def test_the_curator_sends_all_drafts_and_reads_which_stayed_and_why(as_role, program):
    ready = [make_unit(program) for _ in range(2)]
    broken = make_unit(program)
    broken.mentor.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    submitted = make_unit(program, status=Status.SUBMITTED)
    client = as_role(Role.CURATOR)
    listed = client.get(reverse("unit_list"))
    assert 'data-testid="submit-all"' in listed.content.decode()
    assert "Отправить все черновики на утверждение (3)" in text(listed)

    response = client.post(reverse("units_submit_all"), follow=True)
    shown = messages_of(response)
    assert shown[0] == "Отправлено директору на утверждение черновиков: 2."
    assert shown[1].startswith("Не отправлено черновиков: 1.")
    assert broken.mentor.full_name in shown[2] and "нет действующего согласия" in shown[2]
    assert reverse("unit_detail", args=[broken.pk]) in shown[2]
    statuses = dict(MentoringUnit.objects.values_list("pk", "status"))
    assert [statuses[u.pk] for u in ready] == [Status.SUBMITTED] * 2
    assert statuses[broken.pk] == Status.DRAFT and statuses[submitted.pk] == Status.SUBMITTED
    assert all(MentoringUnit.objects.get(pk=u.pk).submitted_at for u in ready)

    nothing = client.post(reverse("units_submit_all"), follow=True)
    assert messages_of(nothing)[0].startswith("Не отправлено черновиков: 1.")


def test_sending_all_drafts_takes_as_many_queries_for_more_drafts(program, world):
    curator = world.a.users[Role.CURATOR]

    def queries(count: int) -> int:
        for _ in range(count):
            make_unit(program, mentees=[pupil(program), pupil(program)])
        with CaptureQueriesContext(connection) as context:
            result = pairs.units_submit_all(organization=program.organization, by=curator)
        assert len(result.sent) == count
        return len(context.captured_queries)

    assert queries(2) == queries(7)


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.MENTOR])
def test_only_the_curator_sends_all_drafts(as_role, program, role):
    draft = make_unit(program)
    assert as_role(role).post(reverse("units_submit_all")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_another_organization_s_drafts_are_not_sent(as_role, world):
    foreign = make_unit(ProgramFactory(organization=world.b.organization))
    as_role(Role.CURATOR).post(reverse("units_submit_all"))
    foreign.refresh_from_db()
    assert foreign.status == Status.DRAFT


# Approve the chosen ones or all ------------------------------------------------------------------------------


def test_approve_all_takes_every_unit_that_meets_the_rules(as_role, program, quick_pdf):
    ready = [make_unit(program, status=Status.SUBMITTED) for _ in range(2)]
    broken = make_unit(program, status=Status.SUBMITTED)
    broken.mentees.get().mentee.consents.update(signed_by=Consent.Signer.SELF)
    client = as_role(Role.DIRECTOR)
    page = client.get(reverse("units_for_approval")).content.decode()
    assert 'name="approve_all"' in page and "Утвердить все" in page
    assert 'data-confirm="Утвердить одним приказом все пары и группы, соблюдающие правила (2)?"' in page

    response = client.post(reverse("units_for_approval"), {"approve_all": "1"})
    order = Order.objects.get()
    assert response["Location"] == reverse("order_detail", args=[order.pk])
    assert set(order.approved_units.all()) == set(ready)
    broken.refresh_from_db()
    assert broken.status == Status.SUBMITTED


def test_approve_all_with_nothing_ready_is_refused(as_role, program):
    broken = make_unit(program, status=Status.SUBMITTED)
    broken.mentor.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    response = as_role(Role.DIRECTOR).post(reverse("units_for_approval"), {"approve_all": "1"}, follow=True)
    assert "Выберите пары и группы для утверждения." in messages_of(response)
    assert not Order.objects.exists()


def test_chosen_ids_that_cannot_be_ids_are_refused_without_a_query_error(as_role, program):
    make_unit(program, status=Status.SUBMITTED)
    response = as_role(Role.DIRECTOR).post(reverse("units_for_approval"), {"units": ["9" * 30, "²", "-1"]}, follow=True)
    assert response.status_code == 200
    assert any("нет среди допустимых значений" in message for message in messages_of(response))
    assert not Order.objects.exists()


# The order's PDF in the background ------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of every page, a word WeasyPrint hyphenated at a line's end («Алё‐ на») joined again."""
    pages = (page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(re.sub(r"\u2010\s+", "", text) for text in pages)


def test_approving_eight_pairs_gives_the_order_at_once_and_its_pdf_after_the_task(
    as_role, program, django_capture_on_commit_callbacks
):
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(8)]
    assert len(units) > PDF_IN_BACKGROUND_ABOVE
    client = as_role(Role.DIRECTOR)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("units_for_approval"), {"units": [u.pk for u in units]}, follow=True)

    # At once: the registered order with its number and date, the units approved, no PDF yet.
    order = Order.objects.get()
    assert (order.status, order.number, order.pdf_status) == (Order.Status.REGISTERED, "1-ОД", PdfStatus.QUEUED)
    assert not order.pdf
    assert set(MentoringUnit.objects.values_list("status", flat=True)) == {Status.APPROVED}
    assert response.redirect_chain[-1][0] == reverse("order_detail", args=[order.pk])
    shown = messages_of(response)[0]
    assert f"Утверждено пар и групп: 8. Зарегистрирован приказ от {order.date:%d.%m.%Y} № 1-ОД." in shown
    assert "PDF приказа формируется" in shown
    page = response.content.decode()
    status = page.split('data-testid="order-pdf-status"')[1].split("</div>")[0]
    assert 'data-status="queued"' in status and "hx-trigger" in status
    assert "ждёт своей очереди" in status
    assert f'href="{reverse("order_pdf", args=[order.pk])}"' not in page
    polled = client.get(reverse("order_pdf_status", args=[order.pk])).content.decode()
    assert 'data-status="queued"' in polled

    # The worker runs the task (the test settings' immediate backend runs it when it is queued).
    for callback in callbacks:
        callback()
    order.refresh_from_db()
    assert order.pdf and order.pdf_status == ""
    polled = client.get(reverse("order_pdf_status", args=[order.pk])).content.decode()
    assert 'data-status="ready"' in polled and "hx-trigger" not in polled
    assert reverse("order_pdf", args=[order.pk]) in polled
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert 'data-testid="order-pdf-status"' not in page and f'href="{reverse("order_pdf", args=[order.pk])}"' in page

    download = client.get(reverse("order_pdf", args=[order.pk]))
    with order.pdf.open("rb") as stored:
        assert download.content == stored.read()  # the stored file, not a new rendering
    content = pdf_text(download.content)
    assert "Об утверждении наставнических пар" in content and "№ 1-ОД" in content
    flat = " ".join(content.split())
    for unit in MentoringUnit.objects.select_related("mentor").prefetch_related("mentees__mentee"):
        assert unit.mentor.full_name in flat
        assert unit.mentees.get().mentee.full_name in flat


def test_a_small_batch_has_its_pdf_at_once(as_role, program, quick_pdf, django_capture_on_commit_callbacks):
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(PDF_IN_BACKGROUND_ABOVE)]
    with django_capture_on_commit_callbacks(execute=False):
        as_role(Role.DIRECTOR).post(reverse("units_for_approval"), {"units": [u.pk for u in units]})
    order = Order.objects.get()
    assert order.pdf and order.pdf_status == ""


def test_the_pdf_task_runs_once_and_a_failure_leaves_the_order_downloadable(
    as_role, program, monkeypatch, django_capture_on_commit_callbacks
):
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(PDF_IN_BACKGROUND_ABOVE + 1)]
    client = as_role(Role.DIRECTOR)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("units_for_approval"), {"units": [u.pk for u in units]})
    order = Order.objects.get()

    def broken(order):
        raise OSError("WeasyPrint ran out of memory")

    monkeypatch.setattr("reports.services.order_pdf", broken)
    for callback in callbacks:
        callback()
    order.refresh_from_db()
    assert order.pdf_status == PdfStatus.FAILED and not order.pdf
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert 'data-status="failed"' in page and "PDF не удалось сформировать в фоне" in page
    # Its download renders the registered text.
    assert pdf_text(client.get(reverse("order_pdf", args=[order.pk])).content).count("№ 1-ОД")

    # A task delivered again finds nothing queued and changes nothing.
    make_order_pdf.call(order.pk)
    order.refresh_from_db()
    assert order.pdf_status == PdfStatus.FAILED and not order.pdf


def test_the_pdf_status_of_another_organization_s_order_is_not_found(client, world, program):
    from tests.reports.factories import registered_order

    foreign = registered_order(world.b.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    assert client.get(reverse("order_pdf_status", args=[foreign.pk])).status_code == 404
