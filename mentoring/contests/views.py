"""The pages of the contests: thin views over mentoring.contests.services and selectors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from mentoring.contests import candidates as award_candidates
from mentoring.contests import services
from mentoring.contests.forms import ApplicationForm, ContestForm, CriterionForm, NominationForm, ScoreForm
from mentoring.contests.models import Application, Contest
from mentoring.contests.selectors import (
    applications_to_score,
    applications_visible,
    contests_managed,
    contests_visible,
    frozen_results,
    jury_progress,
    missing_scores,
    scores_visible,
    units_to_apply,
)
from mentoring.registry.models import Participant
from mentoring.uploads import DOCUMENT_TYPES, attachment
from reports.exporters import get_exporter
from reports.responses import file_response


class ContestListView(TenantPermissionMixin, ListView):
    permission_action = Action.CONTEST_VIEW
    template_name = "mentoring/contests/contest_list.html"
    context_object_name = "contests"
    paginate_by = 50

    def get_queryset(self):
        return (
            contests_visible(self.request.tenant)
            .select_related("organization", "municipality")
            .annotate(
                application_count=Count("applications", filter=Q(applications__status=Application.Status.SUBMITTED))
            )
            .order_by("-applications_from", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.request.tenant.can(Action.CONTEST_CHANGE), **kwargs)


class ContestFormMixin(TenantPermissionMixin):
    permission_action = Action.CONTEST_CHANGE
    template_name = "mentoring/contests/contest_form.html"

    def form_valid(self, form):
        contest = call_service(
            form,
            services.contest_save,
            contest=form.instance,
            jury=list(form.cleaned_data["jury"]),
            by=self.request.user,
        )
        if contest is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The contest is saved."))
        return redirect("contest_detail", pk=contest.pk)


class ContestCreateView(ContestFormMixin, FormView):
    form_class = ContestForm

    def get_form_kwargs(self):
        tenant = self.request.tenant
        owner = {"municipality": tenant.municipality} if tenant.is_municipal else {"organization": tenant.organization}
        return {**super().get_form_kwargs(), "instance": Contest(**owner)}


class ContestUpdateView(ContestFormMixin, FormView):
    form_class = ContestForm

    @cached_property
    def contest(self) -> Contest:
        return get_object_or_404(contests_managed(self.request.tenant), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.contest}

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest=self.contest, **kwargs)


class ContestDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.CONTEST_VIEW
    template_name = "mentoring/contests/contest_detail.html"
    context_object_name = "contest"

    def get_queryset(self):
        return contests_visible(self.request.tenant).select_related("organization", "municipality", "results_order")

    def get_context_data(self, **kwargs):
        contest = self.object
        tenant, user = self.request.tenant, self.request.user
        manages = tenant.can(Action.CONTEST_CHANGE) and contests_managed(tenant).filter(pk=contest.pk).exists()
        is_juror = contest.jury.filter(pk=user.pk).exists()
        applications = (
            applications_visible(tenant, user)
            .filter(contest=contest)
            .select_related("nomination", "organization", "unit__mentor", "mentor")
            .order_by("nomination__position", "nomination_id", "pk")
        )
        own_totals = {}
        if is_juror:
            for application_id, value in (
                scores_visible(contest=contest, user=user).filter(juror=user).values_list("application", "value")
            ):
                own_totals[application_id] = own_totals.get(application_id, 0) + value
        can_apply = (
            tenant.can(Action.CONTEST_APPLY)
            and contest.status == Contest.Status.ACCEPTING
            and (contest.is_municipal or manages)
        )
        return super().get_context_data(
            manages=manages,
            is_juror=is_juror and contest.status == Contest.Status.JUDGING,
            can_apply=can_apply,
            applications=applications,
            own_totals=own_totals,
            nominations=contest.nominations.all(),
            criteria=contest.criteria.all(),
            jury=contest.jury.order_by("last_name", "first_name", "pk"),
            progress=jury_progress(contest) if manages and contest.status == Contest.Status.JUDGING else [],
            missing=missing_scores(contest) if manages and contest.status == Contest.Status.JUDGING else 0,
            results=frozen_results(contest) if contest.is_closed else [],
            nomination_form=NominationForm(),
            criterion_form=CriterionForm(),
            can_draft_order=tenant.can(Action.ORDER_DRAFT),
            **kwargs,
        )


class ContestPartView(TenantPermissionMixin, View):
    """Adds a nomination or a criterion from the contest page (POST)."""

    permission_action = Action.CONTEST_CHANGE
    http_method_names = ["post"]
    form_class = NominationForm
    service = staticmethod(services.nomination_add)

    def post(self, request, pk):
        contest = get_object_or_404(contests_managed(request.tenant), pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid() and call_service(form, self.service, contest=contest, by=request.user, **form.cleaned_data):
            messages.success(request, _("Added."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect("contest_detail", pk=contest.pk)


class NominationAddView(ContestPartView):
    pass


class CriterionAddView(ContestPartView):
    form_class = CriterionForm
    service = staticmethod(services.criterion_add)


class ContestActionView(TenantPermissionMixin, View):
    """A step of the contest from its page (POST): open applications, start judging, close, draft
    the documents."""

    permission_action = Action.CONTEST_CHANGE
    http_method_names = ["post"]
    step = "advance"

    def post(self, request, pk):
        contest = get_object_or_404(contests_managed(request.tenant), pk=pk)
        try:
            if self.step == "advance":
                services.contest_advance(contest=contest, by=request.user)
                messages.success(request, _("The contest has moved on."))
            elif self.step == "close":
                services.contest_close(contest=contest, by=request.user)
                messages.success(request, _("The contest is closed; its results are frozen."))
            elif self.step == "order":
                order = services.contest_results_order_draft(contest=contest, by=request.user)
                messages.success(request, _("The draft of the results order is made: check it and register it."))
                return redirect("order_detail", pk=order.pk)
            elif self.step == "letters":
                letters = services.contest_thanks_letters_draft(contest=contest, by=request.user)
                messages.success(
                    request, _("%(count)s thank-you letters are drafted in the register.") % {"count": len(letters)}
                )
                return redirect(reverse("order_list"))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("contest_detail", pk=contest.pk)


class ApplicationCreateView(TenantPermissionMixin, FormView):
    permission_action = Action.CONTEST_APPLY
    template_name = "mentoring/contests/application_form.html"
    form_class = ApplicationForm

    @cached_property
    def contest(self) -> Contest:
        return get_object_or_404(contests_visible(self.request.tenant), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        organization = self.request.tenant.organization
        return {
            **super().get_form_kwargs(),
            "contest": self.contest,
            "units": units_to_apply(self.request.tenant),
            "mentors": Participant.objects.filter(
                organization=organization, category=Participant.Category.STAFF, depersonalized_at__isnull=True
            ).order_by("last_name", "first_name", "pk"),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest=self.contest, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        application = call_service(
            form,
            services.application_submit,
            contest=self.contest,
            nomination=data["nomination"],
            organization=self.request.tenant.organization,
            unit=data.get("unit"),
            mentor=data.get("mentor"),
            text=data["text"],
            files=data["file"],
            by=self.request.user,
        )
        if application is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The application is submitted."))
        return redirect("contest_detail", pk=self.contest.pk)


class ApplicationDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.CONTEST_VIEW
    template_name = "mentoring/contests/application_detail.html"
    context_object_name = "application"

    def get_queryset(self):
        return applications_visible(self.request.tenant, self.request.user).select_related(
            "contest", "nomination", "organization", "unit__mentor", "mentor"
        )

    def get_context_data(self, **kwargs):
        application = self.object
        tenant = self.request.tenant
        return super().get_context_data(
            contest=application.contest,
            can_withdraw=tenant.can(Action.CONTEST_APPLY)
            and application.organization_id == tenant.organization.pk
            and application.status == Application.Status.SUBMITTED
            and application.contest.status == Contest.Status.ACCEPTING,
            files=application.files.all(),
            result=getattr(application, "result", None) if application.contest.is_closed else None,
            **kwargs,
        )


class ApplicationWithdrawView(TenantPermissionMixin, View):
    """The curator of the organization that submitted it takes it back (POST)."""

    permission_action = Action.CONTEST_APPLY
    http_method_names = ["post"]

    def post(self, request, pk):
        application = get_object_or_404(
            applications_visible(request.tenant, request.user).filter(organization=request.tenant.organization),
            pk=pk,
        )
        try:
            services.application_withdraw(application=application, by=request.user)
            messages.success(request, _("The application is withdrawn."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("contest_application_detail", pk=application.pk)


class ApplicationFileView(TenantPermissionMixin, View):
    permission_action = Action.CONTEST_VIEW

    def get(self, request, pk):
        application = get_object_or_404(applications_visible(request.tenant, request.user), files__pk=pk)
        material = application.files.get(pk=pk)
        return attachment(material.file, DOCUMENT_TYPES, name=_("material-%(pk)s") % {"pk": material.pk})


class ApplicationScoreView(TenantPermissionMixin, FormView):
    """A juror's scores of one application: he sees and changes only his own while judging."""

    permission_action = Action.CONTEST_SCORE
    template_name = "mentoring/contests/application_score.html"
    form_class = ScoreForm

    @cached_property
    def application(self) -> Application:
        return get_object_or_404(
            applications_to_score(self.request.tenant, self.request.user).select_related(
                "contest", "nomination", "unit__mentor", "mentor", "organization"
            ),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        contest = self.application.contest
        own = dict(
            scores_visible(contest=contest, user=self.request.user)
            .filter(application=self.application, juror=self.request.user)
            .values_list("criterion", "value")
        )
        return {**super().get_form_kwargs(), "criteria": contest.criteria.all(), "initial_scores": own}

    def get_context_data(self, **kwargs):
        contest = self.application.contest
        return super().get_context_data(
            application=self.application,
            contest=contest,
            files=self.application.files.all(),
            judging=contest.status == Contest.Status.JUDGING,
            **kwargs,
        )

    def form_valid(self, form):
        saved = call_service(
            form, services.scores_save, application=self.application, juror=self.request.user, values=form.values()
        )
        if saved is None:
            return self.form_invalid(form)
        messages.success(self.request, _("Your scores are saved."))
        return redirect("contest_detail", pk=self.application.contest_id)


class AwardCandidatesView(TenantPermissionMixin, TemplateView):
    """Candidates for awards (seed 004, 6.2): mentors with their achievements from the registry."""

    permission_action = Action.AWARD_CANDIDATES
    template_name = "mentoring/contests/candidates.html"

    def get_context_data(self, **kwargs):
        filters = award_candidates.CandidateFilters.from_query(self.request.GET)
        rows = award_candidates.candidates_for(self.request.tenant, filters, today=timezone.localdate())
        return super().get_context_data(rows=rows, filters=filters, query=self.request.GET.urlencode(), **kwargs)


class AwardCandidatesExportView(TenantPermissionMixin, View):
    permission_action = Action.AWARD_CANDIDATES

    def get(self, request):
        filters = award_candidates.CandidateFilters.from_query(request.GET)
        exporter = get_exporter(award_candidates.EXPORTER_KEY)
        rendered = exporter.render({"tenant": request.tenant, "filters": filters, "today": timezone.localdate()})
        return file_response(rendered, rows=exporter.rows_written)
