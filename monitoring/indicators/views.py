"""Pages of the indicators: an organization's values of a period against the targets, its
contingent and submissions; the coordinator's targets and reporting periods.

Periods are found among the tenant's municipality's, submissions among the tenant's organization's
(or, for the coordinator, the municipality's organizations'): another one answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from accounts.mixins import TenantPermissionMixin
from accounts.models import Organization
from accounts.permissions import Action
from mentoring.academic_year import academic_year_choices, academic_year_label, academic_year_of
from monitoring.indicators import services
from monitoring.indicators.explanation import (
    counted_in_numerator,
    indicator_of,
    municipal_explanation,
    organization_explanation,
)
from monitoring.indicators.forms import ContingentForm, PeriodForm, QuarterlyForm, SubmitForm, TargetTableForm
from monitoring.indicators.models import CONTINGENT_FIELDS, ContingentFigures, ReportingPeriod, Submission
from monitoring.indicators.selectors import (
    contingent_of,
    current_period,
    frozen_values,
    indicators_for,
    numerator_entries,
    organization_values,
    periods_of,
    previous_contingent,
    submissions_of,
    target_table,
    targets_of,
)

TARGET_YEARS_SHOWN = 4


def service_errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def contingent_rows(figures: dict | None) -> list[tuple[str, int | None]]:
    """(label, number) of each contingent figure, for tables of entered or submitted figures."""
    figures = figures or {}
    return [(ContingentFigures._meta.get_field(name).verbose_name, figures.get(name)) for name in CONTINGENT_FIELDS]


class PeriodChoiceMixin:
    """The period in question: ``?period=<pk>`` among the municipality's, else the current one."""

    @cached_property
    def periods(self):
        return list(periods_of(self.request.tenant.municipality))

    @cached_property
    def period(self) -> ReportingPeriod | None:
        chosen = self.request.GET.get("period")
        if chosen:
            for period in self.periods:
                if str(period.pk) == chosen:
                    return period
            raise Http404
        return current_period(self.request.tenant.municipality)


class IndicatorOverviewView(TenantPermissionMixin, PeriodChoiceMixin, TemplateView):
    """An organization: its values of a period against the targets, the contingent and the
    submission. The coordinator: the municipality's indicators, how they are counted, the targets."""

    permission_action = Action.INDICATOR_VIEW

    def get_template_names(self):
        if self.request.tenant.is_municipal:
            return ["indicators/municipal_overview.html"]
        return ["indicators/overview.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tenant = self.request.tenant
        if tenant.is_municipal:
            return context | self.municipal_context()
        context |= {"periods": self.periods, "period": self.period, "today": timezone.localdate()}
        if self.period is None:
            return context
        values = organization_values(organization=tenant.organization, period=self.period)
        contingent = contingent_of(organization=tenant.organization, period=self.period)
        submitted_figures = values.submission.contingent if values.submission else None
        context |= {
            "values": values,
            "rows": list(values.values.values()),
            "contingent": contingent,
            "contingent_rows": contingent_rows(
                submitted_figures if values.frozen else (contingent.as_dict() if contingent else None)
            ),
            "figures_from": values.contingent.period if values.contingent and not contingent else None,
            "can_change_contingent": tenant.can(Action.CONTINGENT_CHANGE),
            "can_submit": tenant.can(Action.PERIOD_SUBMIT),
            "period_statuses": self.period_statuses(),
            # The values of the period link to their explanations (not those of past submissions).
            "explain_period": self.period,
        }
        return context

    def period_statuses(self):
        """(period, its current submission or None) for the list of periods."""
        current = {
            submission.period_id: submission
            for submission in submissions_of(organization=self.request.tenant.organization).filter(is_current=True)
        }
        return [(period, current.get(period.pk)) for period in self.periods]

    def municipal_context(self) -> dict:
        municipality = self.request.tenant.municipality
        period = self.period
        year = period.target_year if period else timezone.localdate().year
        targets = targets_of(municipality, year)
        return {
            "indicators": [(indicator, targets.get(indicator.pk)) for indicator in indicators_for(municipality)],
            "target_year": year,
            "periods": self.periods,
            "period": period,
            "can_change_targets": self.request.tenant.can(Action.TARGET_CHANGE),
        }


class ContingentView(TenantPermissionMixin, PeriodChoiceMixin, FormView):
    permission_action = Action.CONTINGENT_CHANGE
    template_name = "indicators/contingent_form.html"
    form_class = ContingentForm

    @cached_property
    def existing(self) -> ContingentFigures | None:
        if self.period is None:
            return None
        return contingent_of(organization=self.request.tenant.organization, period=self.period)

    @cached_property
    def previous(self) -> ContingentFigures | None:
        if self.period is None:
            return None
        return previous_contingent(organization=self.request.tenant.organization, period=self.period)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.existing
        if self.existing is None and self.previous is not None:
            kwargs["initial"] = self.previous.as_dict()
        return kwargs

    def post(self, request, *args, **kwargs):
        if self.period is None:
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.contingent_save(
                organization=self.request.tenant.organization,
                period=self.period,
                figures=form.figures(),
                by=self.request.user,
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The contingent as of %(date)s is saved.") % {"date": date_format(self.period.reporting_date, "d.m.Y")},
        )
        return redirect(f"{reverse('indicator_overview')}?period={self.period.pk}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = None
        if self.period is not None:
            submission = submissions_of(organization=self.request.tenant.organization, period=self.period).filter(
                is_current=True
            )
            submission = submission.first()
        return context | {
            "period": self.period,
            "periods": self.periods,
            "existing": self.existing,
            "previous": self.previous if self.existing is None else None,
            "submission": submission,
        }


class PeriodSubmitView(TenantPermissionMixin, TemplateView):
    """Confirmation (GET) and the submission (POST) of the organization's values of a period."""

    permission_action = Action.PERIOD_SUBMIT
    template_name = "indicators/submit_confirm.html"

    @cached_property
    def period(self) -> ReportingPeriod:
        return get_object_or_404(periods_of(self.request.tenant.municipality), pk=self.kwargs["period_pk"])

    def get_context_data(self, **kwargs):
        organization = self.request.tenant.organization
        values = organization_values(organization=organization, period=self.period)
        contingent = contingent_of(organization=organization, period=self.period)
        return super().get_context_data(**kwargs) | {
            "period": self.period,
            "values": values,
            "rows": list(values.values.values()),
            "contingent": contingent,
            "form": kwargs.get("form") or SubmitForm(),
            "not_yet": self.period.reporting_date > timezone.localdate(),
            "late": timezone.localdate() > self.period.due_on,
        }

    def post(self, request, *args, **kwargs):
        form = SubmitForm(request.POST)
        form.is_valid()  # a box: always valid
        try:
            submission = services.period_submit(
                organization=request.tenant.organization,
                period=self.period,
                by=request.user,
                confirm_exceeding=form.cleaned_data["confirm_exceeding"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                # Next to the box, on the page with the values it is about.
                service_errors_to_form(form, error)
                return self.render_to_response(self.get_context_data(form=form))
            for message in error.messages:
                messages.error(request, message)
            return redirect("period_submit", period_pk=self.period.pk)
        messages.success(
            request,
            _("The values as of %(date)s are submitted to the municipality.")
            % {"date": date_format(submission.period.reporting_date, "d.m.Y")},
        )
        return redirect(f"{reverse('indicator_overview')}?period={self.period.pk}")


def visible_submissions(tenant):
    """The organization's submissions; for the coordinator, those of the municipality's organizations."""
    submissions = Submission.objects.select_related("period", "organization", "submitted_by")
    if tenant.is_municipal:
        return submissions.filter(organization__municipality=tenant.municipality)
    return submissions.filter(organization=tenant.organization)


class SubmissionListView(TenantPermissionMixin, ListView):
    permission_action = Action.INDICATOR_VIEW
    template_name = "indicators/submission_list.html"
    context_object_name = "submissions"
    paginate_by = 50

    def get_queryset(self):
        return visible_submissions(self.request.tenant).order_by(
            "-period__reporting_date", "organization__short_name", "-submitted_at"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_municipal=self.request.tenant.is_municipal, **kwargs)


class SubmissionDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.INDICATOR_VIEW
    template_name = "indicators/submission_detail.html"
    context_object_name = "submission"

    def get_queryset(self):
        return visible_submissions(self.request.tenant)

    def get_context_data(self, **kwargs):
        submission = self.object
        indicators = indicators_for(submission.period.municipality)
        targets = targets_of(submission.period.municipality, submission.period.target_year)
        return super().get_context_data(**kwargs) | {
            "rows": list(frozen_values(submission, indicators, targets).values()),
            "contingent_rows": contingent_rows(submission.contingent),
            "history": submissions_of(organization=submission.organization, period=submission.period),
        }


class TargetTableView(TenantPermissionMixin, FormView):
    """The coordinator's targets: indicators by rows, four years by columns, paged by ``?from=``."""

    permission_action = Action.TARGET_CHANGE
    template_name = "indicators/target_table.html"
    form_class = TargetTableForm

    @cached_property
    def years(self) -> list[int]:
        try:
            first = int(self.request.GET.get("from", ""))
        except ValueError:
            first = timezone.localdate().year - 2
        first = min(max(first, 2019), 2100 - TARGET_YEARS_SHOWN + 1)
        return list(range(first, first + TARGET_YEARS_SHOWN))

    @cached_property
    def indicators(self):
        return indicators_for(self.request.tenant.municipality)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"indicators": self.indicators, "years": self.years}
        table = target_table(self.request.tenant.municipality, self.years)
        kwargs["initial"] = {
            f"{indicator.code}-{year}": table[(indicator.pk, year)]
            for indicator in self.indicators
            for year in self.years
            if (indicator.pk, year) in table
        }
        return kwargs

    def form_valid(self, form):
        try:
            services.targets_save(
                municipality=self.request.tenant.municipality, values=form.values(), by=self.request.user
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The targets are saved."))
        return redirect(f"{reverse('target_table')}?from={self.years[0]}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "years": self.years,
            "earlier": self.years[0] - TARGET_YEARS_SHOWN,
            "later": self.years[0] + TARGET_YEARS_SHOWN,
        }


class PeriodListView(TenantPermissionMixin, TemplateView):
    """The coordinator's reporting periods, with forms to add one and the four quarters of a year."""

    permission_action = Action.TARGET_CHANGE
    template_name = "indicators/period_list.html"

    def year_choices(self):
        return [(year, label) for year, label in academic_year_choices(timezone.localdate(), back=1, ahead=1)]

    def get_context_data(self, **kwargs):
        municipality = self.request.tenant.municipality
        periods = periods_of(municipality).annotate(
            submitted=Count("submissions", filter=Q(submissions__is_current=True), distinct=True),
            entered=Count("contingent_figures", distinct=True),
        )
        organizations = municipality.organizations.count()
        rows = [(period, period.submitted, period.submitted or period.entered) for period in periods]
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PeriodForm())
        context.setdefault(
            "quarterly_form",
            QuarterlyForm(
                year_choices=self.year_choices(), initial={"academic_year": academic_year_of(timezone.localdate())}
            ),
        )
        return context | {"rows": rows, "organizations": organizations}

    def post(self, request, *args, **kwargs):
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                period = services.period_save(
                    municipality=request.tenant.municipality,
                    reporting_date=form.cleaned_data["reporting_date"],
                    due_on=form.cleaned_data["due_on"],
                    by=request.user,
                )
            except ValidationError as error:
                service_errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("The period as of %(date)s is added.") % {"date": date_format(period.reporting_date, "d.m.Y")},
                )
                return redirect("period_list")
        return self.render_to_response(self.get_context_data(form=form))


class PeriodsQuarterlyView(TenantPermissionMixin, View):
    permission_action = Action.TARGET_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        choices = [(year, label) for year, label in academic_year_choices(timezone.localdate(), back=1, ahead=1)]
        form = QuarterlyForm(request.POST, year_choices=choices)
        if not form.is_valid():
            messages.error(request, _("Choose the academic year."))
            return redirect("period_list")
        year = form.cleaned_data["academic_year"]
        created = services.periods_create_quarterly(
            municipality=request.tenant.municipality, academic_year=year, by=request.user
        )
        if created:
            messages.success(
                request,
                _("Periods added for %(year)s: %(dates)s.")
                % {
                    "year": academic_year_label(year),
                    "dates": ", ".join(date_format(period.reporting_date, "d.m.Y") for period in created),
                },
            )
        else:
            messages.info(
                request,
                _("All four quarterly periods of %(year)s already exist.") % {"year": academic_year_label(year)},
            )
        return redirect("period_list")


class MunicipalPeriodMixin:
    @cached_property
    def period(self) -> ReportingPeriod:
        return get_object_or_404(periods_of(self.request.tenant.municipality), pk=self.kwargs["pk"])


class PeriodUpdateView(TenantPermissionMixin, MunicipalPeriodMixin, FormView):
    permission_action = Action.TARGET_CHANGE
    template_name = "indicators/period_form.html"
    form_class = PeriodForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.period}

    def form_valid(self, form):
        try:
            services.period_save(
                municipality=self.request.tenant.municipality,
                reporting_date=form.cleaned_data["reporting_date"],
                due_on=form.cleaned_data["due_on"],
                period=self.period,
                by=self.request.user,
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The period is saved."))
        return redirect("period_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"period": self.period}


class PeriodDeleteView(TenantPermissionMixin, MunicipalPeriodMixin, TemplateView):
    permission_action = Action.TARGET_CHANGE
    template_name = "indicators/period_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"period": self.period}

    def post(self, request, *args, **kwargs):
        try:
            services.period_delete(period=self.period, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("period_list")
        messages.success(
            request,
            _("The period as of %(date)s is deleted.") % {"date": date_format(self.period.reporting_date, "d.m.Y")},
        )
        return redirect("period_list")


class ExplainedPeriodMixin:
    """The period of the URL among the municipality's (404 otherwise)."""

    @cached_property
    def period(self) -> ReportingPeriod:
        return get_object_or_404(periods_of(self.request.tenant.municipality), pk=self.kwargs["period_pk"])


class IndicatorExplainView(TenantPermissionMixin, ExplainedPeriodMixin, TemplateView):
    """How a value is made. An organization's users: their organization's value. The coordinator:
    an organization of the municipality (``?organization=<pk>``) or, without it, the municipality's
    total with each organization's part; counts only."""

    permission_action = Action.INDICATOR_VIEW
    template_name = "indicators/explain.html"

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        code = self.kwargs["code"]
        if not tenant.is_municipal:
            explanation = organization_explanation(organization=tenant.organization, period=self.period, code=code)
        elif organization := self.chosen_organization():
            explanation = organization_explanation(organization=organization, period=self.period, code=code)
        else:
            explanation = municipal_explanation(municipality=tenant.municipality, period=self.period, code=code)
        people = not tenant.is_municipal and tenant.can(Action.PARTICIPANT_VIEW) and explanation.counts_people
        return super().get_context_data(explanation=explanation, can_see_people=people, **kwargs)

    def chosen_organization(self) -> Organization | None:
        """The coordinator's ``?organization=<pk>``: one of the municipality's, else 404."""
        chosen = self.request.GET.get("organization", "")
        if not chosen:
            return None
        if not chosen.isdigit():
            raise Http404
        return get_object_or_404(Organization.objects.filter(municipality=self.request.tenant.municipality), pk=chosen)


class NumeratorPeopleView(TenantPermissionMixin, ExplainedPeriodMixin, TemplateView):
    """The people behind the organization's numerator, for its own users: names never leave the
    organization (the coordinator has no PARTICIPANT_VIEW)."""

    permission_action = Action.PARTICIPANT_VIEW
    template_name = "indicators/numerator_people.html"

    def get_context_data(self, **kwargs):
        organization = self.request.tenant.organization
        indicator = indicator_of(organization.municipality, self.kwargs["code"])
        entries = numerator_entries(organization=organization, indicator=indicator, on_date=self.period.reporting_date)
        if entries is None:
            raise Http404
        explanation = organization_explanation(organization=organization, period=self.period, code=indicator.code)
        entries = list(entries)
        return super().get_context_data(
            explanation=explanation,
            entries=entries,
            partners=indicator.source == indicator.Source.PARTNERS,
            counted=counted_in_numerator(entries, indicator),
            **kwargs,
        )
