"""Two directors at the same moment: one order per approval, distinct numbers, no duplicates."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mentoring.models import MentoringUnit
from mentoring.pairs import services as pairs
from reports import services
from reports.models import Order
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.mentoring.factories import ProgramFactory, make_unit

Status = MentoringUnit.Status


@pytest.fixture
def slow_pdf(monkeypatch):
    """Widens the window between reading the units or the last number and writing the order."""

    def render(order):
        threading.Event().wait(0.2)
        return b"%PDF-1.7 " + order.number.encode()

    monkeypatch.setattr(services, "order_pdf", render)


def at_once(calls) -> tuple[list, list[Exception]]:
    """Runs the calls in threads released together; returns their results and their exceptions."""
    barrier = threading.Barrier(len(calls))
    results, errors = [], []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:  # collected for the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_double_approval_of_the_same_units_gives_one_order(postgresql, slow_pdf):
    program = ProgramFactory(organization=OrganizationFactory())
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(2)]
    directors = [UserFactory(), UserFactory()]

    results, errors = at_once([lambda by=by: pairs.units_approve(units=units, by=by) for by in directors])

    assert len(results) == 1
    # The second director waited for the first one's lock and then found the units approved.
    [refusal] = errors
    assert isinstance(refusal, ValidationError)
    assert refusal.messages == ["С парой или группой в статусе «утверждена» этого сделать нельзя."]
    [order] = Order.objects.all()
    assert order == results[0] and order.number == "1-ОД"
    assert set(MentoringUnit.objects.values_list("status", "approval_order")) == {(Status.APPROVED, order.pk)}


def test_parallel_approvals_of_other_units_get_distinct_numbers(postgresql, slow_pdf):
    program = ProgramFactory(organization=OrganizationFactory())
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(4)]
    by = UserFactory()

    results, errors = at_once([lambda unit=unit: pairs.units_approve(units=[unit], by=by) for unit in units])

    assert errors == []
    numbers = sorted(Order.objects.values_list("number", flat=True))
    assert numbers == ["1-ОД", "2-ОД", "3-ОД", "4-ОД"]
    approvals = dict(MentoringUnit.objects.values_list("pk", "approval_order"))
    assert sorted(approvals.values()) == sorted(order.pk for order in results)


def test_concurrent_registrations_in_two_registers_do_not_block_each_other(postgresql, slow_pdf):
    """The lock is per register: two schools register at once and each gets its own first number."""
    schools = [OrganizationFactory(), OrganizationFactory()]
    drafts = [
        services.order_draft(kind=services.kinds_for(organization=school).get(code="model-introduction"),
                             by=UserFactory(), organization=school)
        for school in schools
        for _ in range(2)
    ]  # fmt: skip
    by = UserFactory()

    _results, errors = at_once([lambda order=order: services.order_register(order=order, by=by) for order in drafts])

    assert errors == []
    numbers = sorted(Order.objects.values_list("organization", "number"))
    assert numbers == sorted((school.pk, number) for school in schools for number in ("1-ОД", "2-ОД"))
