"""Pages of programs and of pairs and groups: the list, forming, the way to the director's
approval, termination, and the mentees left without a pair.

Every unit is found through ``units_visible``: a mentor or a mentee reaches only the units he or
she is in, another one answers 404. The rules and transitions live in mentoring/pairs.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView, View
from django_filters.views import FilterView

from accounts.ids import parse_id
from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.academic_year import academic_year_choices, academic_year_label, academic_year_of
from mentoring.declension import agreed_with
from mentoring.models import MentoringUnit, Program
from mentoring.pairs import services as pairs
from mentoring.pairs.forms import (
    WEIGHT_LABELS,
    ApprovalForm,
    MenteeLeaveForm,
    ProgramChoiceForm,
    ProgramForm,
    UnitFilter,
    UnitForm,
    UnitReturnForm,
    UnitTerminateForm,
    UnmatchedMarkForm,
    weight_field,
)
from mentoring.pairs.selectors import (
    IDLE_DAYS,
    PERSONAL_ROLES,
    approval_problems,
    draft_count,
    mentee_entries_of,
    program_list,
    program_status_counts,
    program_training,
    programs_of,
    unit_detail,
    unit_history,
    unit_list,
    units_for_approval,
    units_visible,
    unmatched_mentees,
)

Status = MentoringUnit.Status


def service_errors_to_form(form, error: ValidationError) -> None:
    """A service's refusal: field errors next to their fields, rule messages above the form."""
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def report_refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def reverse_or_none(name: str, **kwargs) -> str | None:
    """URLs of pages other parts of the product provide; a page without them still works."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def is_idle(unit: MentoringUnit, today) -> bool:
    """The same test as unit_selectors.idle_units, for a unit already loaded with its last meeting."""
    last = unit.last_meeting or unit.started_on
    return unit.status == Status.ACTIVE and (last is None or (today - last).days >= IDLE_DAYS)


# Programs


class ProgramListView(TenantPermissionMixin, ListView):
    permission_action = Action.PROGRAM_VIEW
    template_name = "mentoring/units/program_list.html"
    context_object_name = "programs"
    paginate_by = 50

    def get_queryset(self):
        return program_list(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.request.tenant.can(Action.PROGRAM_CHANGE), **kwargs)


class ProgramFormMixin:
    form_class = ProgramForm
    template_name = "mentoring/units/program_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organization": self.request.tenant.organization,
            "today": timezone.localdate(),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["weight_fields"] = [context["form"][weight_field(name)] for name in WEIGHT_LABELS]
        return context


class ProgramCreateView(TenantPermissionMixin, ProgramFormMixin, CreateView):
    permission_action = Action.PROGRAM_CHANGE

    def form_valid(self, form):
        form.instance.organization = self.request.tenant.organization
        program = form.save()
        messages.success(self.request, _("The program «%(title)s» is created.") % {"title": program.title})
        return redirect("program_detail", pk=program.pk)


class ProgramUpdateView(TenantPermissionMixin, ProgramFormMixin, UpdateView):
    permission_action = Action.PROGRAM_CHANGE
    context_object_name = "program"

    def get_queryset(self):
        return programs_of(self.request.tenant)

    def form_valid(self, form):
        program = form.save()
        messages.success(self.request, _("The changes are saved."))
        return redirect("program_detail", pk=program.pk)


class ProgramDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.PROGRAM_VIEW
    template_name = "mentoring/units/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return programs_of(self.request.tenant).select_related("form", "curator")

    def get_context_data(self, **kwargs):
        program = self.object
        tenant = self.request.tenant
        weights = program.matching_weights or {}
        return super().get_context_data(
            academic_year=academic_year_label(program.academic_year),
            status_counts=program_status_counts(program),
            training=program_training(program),
            weights=[(label, weights.get(name, 0)) for name, label in WEIGHT_LABELS.items()],
            can_change=tenant.can(Action.PROGRAM_CHANGE),
            can_change_units=tenant.can(Action.UNIT_CHANGE),
            **kwargs,
        )


# Units


class UnitListView(TenantPermissionMixin, FilterView):
    permission_action = Action.UNIT_VIEW
    filterset_class = UnitFilter
    template_name = "mentoring/units/unit_list.html"
    context_object_name = "units"
    paginate_by = 25

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_queryset(self):
        return unit_list(self.request.tenant, self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        visible = units_visible(self.request.tenant, self.request.user)
        programs = programs_of(self.request.tenant).filter(pk__in=visible.values("program"))
        kwargs.update(data=kwargs["data"] or QueryDict(), programs=programs, today=self.today)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for unit in context["units"]:
            unit.days_since_meeting = (self.today - unit.last_meeting).days if unit.last_meeting else None
            unit.idle = is_idle(unit, self.today)
        tenant = self.request.tenant
        can_change = tenant.can(Action.UNIT_CHANGE)
        context.update(
            can_change=can_change,
            drafts_count=draft_count(tenant) if can_change else 0,
            can_approve=tenant.can(Action.UNIT_APPROVE),
            personal=tenant.role in PERSONAL_ROLES,
        )
        return context


class UnitMixin:
    """A page about one unit the user may see; runs after TenantPermissionMixin checked the action."""

    def dispatch(self, request, *args, **kwargs):
        self.unit = get_object_or_404(
            units_visible(request.tenant, request.user).select_related("program__form", "mentor"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def refuse_unless(self, *statuses):
        """None when the unit is in one of the statuses, else a redirect to it with the reason."""
        if self.unit.status in statuses:
            return None
        messages.error(
            self.request,
            _("This cannot be done with a unit in the status «%(status)s».")
            % {"status": self.unit.get_status_display()},
        )
        return redirect("unit_detail", pk=self.unit.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)


class UnitCreateView(TenantPermissionMixin, FormView):
    """Two steps without scripts: choose the program (GET ?program=), then the people it allows."""

    permission_action = Action.UNIT_CHANGE
    template_name = "mentoring/units/unit_form.html"

    @cached_property
    def program(self) -> Program | None:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        chosen = parse_id(source.get("program"), Program)
        if chosen is None:
            return None
        return programs_of(self.request.tenant).select_related("form", "organization").filter(pk=chosen).first()

    def get_form_class(self):
        return UnitForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.program}

    def get(self, request, *args, **kwargs):
        if self.program is None:
            return self.render_to_response(self.get_context_data(choice_form=self.choice_form()))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.program is None:
            messages.error(request, _("Choose a program."))
            return redirect("unit_create")
        return super().post(request, *args, **kwargs)

    def choice_form(self) -> ProgramChoiceForm:
        programs = programs_of(self.request.tenant).filter(ends_on__gte=timezone.localdate())
        bound = self.request.GET if "program" in self.request.GET else None
        return ProgramChoiceForm(bound, programs=programs)

    def get_context_data(self, **kwargs):
        if "choice_form" in kwargs:
            kwargs["form"] = None  # the first step has no unit form yet
        return super().get_context_data(program=self.program, **kwargs)

    def form_valid(self, form):
        try:
            unit = pairs.unit_create(program=self.program, by=self.request.user, **form.service_kwargs())
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft is saved. Send it for approval when it is ready."))
        return redirect("unit_detail", pk=unit.pk)


class UnitUpdateView(TenantPermissionMixin, UnitMixin, FormView):
    permission_action = Action.UNIT_CHANGE
    template_name = "mentoring/units/unit_form.html"
    form_class = UnitForm

    def get(self, request, *args, **kwargs):
        return self.refuse_unless(Status.DRAFT) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_unless(Status.DRAFT) or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.unit.program, "unit": self.unit}

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.unit.program, **kwargs)

    def form_valid(self, form):
        try:
            pairs.unit_update(unit=self.unit, by=self.request.user, **form.service_kwargs())
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect("unit_detail", pk=self.unit.pk)


class UnitDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.UNIT_VIEW
    template_name = "mentoring/units/unit_detail.html"
    context_object_name = "unit"

    def get_queryset(self):
        return unit_detail(self.request.tenant, self.request.user)

    def get_context_data(self, **kwargs):
        unit = self.object
        tenant = self.request.tenant
        today = timezone.localdate()
        memberships = list(unit.mentees.all())
        for membership in memberships:
            membership.has_plan = hasattr(membership, "plan")
        current = [membership for membership in memberships if membership.left_on is None]
        can_change = tenant.can(Action.UNIT_CHANGE)
        working = unit.status in (Status.APPROVED, Status.ACTIVE)
        return super().get_context_data(
            memberships=memberships,
            current_count=len(current),
            academic_year=academic_year_label(unit.program.academic_year),
            days_since_meeting=(today - unit.last_meeting).days if unit.last_meeting else None,
            idle=is_idle(unit, today),
            idle_days=IDLE_DAYS,
            can_change_draft=can_change and unit.status == Status.DRAFT,
            can_return=tenant.can(Action.PROGRAM_VIEW) and unit.status == Status.SUBMITTED,
            can_approve=tenant.can(Action.UNIT_APPROVE) and unit.status == Status.SUBMITTED,
            can_terminate=can_change and working,
            can_leave=can_change and working and len(current) > 1,
            can_complete=tenant.can(Action.UNIT_WORK) and unit.status == Status.ACTIVE,
            work_started=unit.status not in (Status.DRAFT, Status.SUBMITTED),
            can_view_programs=tenant.can(Action.PROGRAM_VIEW),
            can_view_people=tenant.can(Action.PARTICIPANT_VIEW),
            can_view_orders=tenant.can(Action.ORDER_VIEW),
            returned=unit.status == Status.DRAFT and unit.returned_at is not None,
            history=unit_history(unit),
            **kwargs,
        )


class UnitDeleteView(TenantPermissionMixin, UnitMixin, TemplateView):
    permission_action = Action.UNIT_CHANGE
    template_name = "mentoring/units/unit_confirm_delete.html"

    def get(self, request, *args, **kwargs):
        return self.refuse_unless(Status.DRAFT) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            pairs.unit_delete_draft(unit=self.unit)
        except ValidationError as error:
            report_refusal(request, error)
            return redirect("unit_detail", pk=self.unit.pk)
        messages.success(request, _("The draft is deleted."))
        return redirect("unit_list")


class UnitSubmitView(TenantPermissionMixin, UnitMixin, View):
    """The curator sends a draft to the director; the rules are checked again today."""

    permission_action = Action.UNIT_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            pairs.unit_submit(unit=self.unit, by=request.user)
        except ValidationError as error:
            report_refusal(request, error)
        else:
            messages.success(request, _("Sent to the director for approval."))
        return redirect("unit_detail", pk=self.unit.pk)


class UnitReturnView(TenantPermissionMixin, UnitMixin, FormView):
    """A submitted unit goes back to the curator for revision, with the reason the curator will read.
    Both the curator and the director may do it: the one action exactly these two roles hold is
    PROGRAM_VIEW."""

    permission_action = Action.PROGRAM_VIEW
    form_class = UnitReturnForm
    template_name = "mentoring/units/unit_return.html"

    def get(self, request, *args, **kwargs):
        return self.refuse_unless(Status.SUBMITTED) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_unless(Status.SUBMITTED) or super().post(request, *args, **kwargs)

    def next_url(self) -> str | None:
        """Where the user came from (the approval page), when it is a page of this site."""
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        target = source.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()}):
            return target
        return None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            next_url=self.next_url(),
            cancel_url=self.next_url() or reverse("unit_detail", kwargs={"pk": self.unit.pk}),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            pairs.unit_return_to_draft(unit=self.unit, by=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Returned to the curator for revision."))
        # Never redirect(): it takes text that is not a URL for a view name, and a 500.
        return HttpResponseRedirect(self.next_url() or reverse("unit_detail", kwargs={"pk": self.unit.pk}))


class UnitsSubmitAllView(TenantPermissionMixin, View):
    """The curator sends every draft that meets the rules today to the director in one go; the page
    says how many went and, for each draft that stayed, why."""

    permission_action = Action.UNIT_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        result = pairs.units_submit_all(organization=request.tenant.organization, by=request.user)
        if not result.sent and not result.refused:
            messages.info(request, _("There are no drafts to send."))
            return redirect("unit_list")
        if result.sent:
            messages.success(
                request,
                ngettext(
                    "%(count)s draft is sent to the director for approval.",
                    "%(count)s drafts are sent to the director for approval.",
                    len(result.sent),
                )
                % {"count": len(result.sent)},
            )
        if result.refused:
            messages.warning(
                request,
                ngettext(
                    "%(count)s draft is not sent: it breaks the rules below; correct it and send it again.",
                    "%(count)s drafts are not sent: they break the rules below; correct them and send them again.",
                    len(result.refused),
                )
                % {"count": len(result.refused)},
            )
            for unit, problems in result.refused:
                messages.error(
                    request,
                    format_html(
                        '<a href="{}">{}</a>: {}',
                        reverse("unit_detail", kwargs={"pk": unit.pk}),
                        unit.mentor.full_name,
                        " ".join(problems),
                    ),
                )
        return redirect(f"{reverse('unit_list')}?status={Status.SUBMITTED if result.sent else Status.DRAFT}")


class UnitTerminateView(TenantPermissionMixin, UnitMixin, FormView):
    permission_action = Action.UNIT_CHANGE
    form_class = UnitTerminateForm
    template_name = "mentoring/units/unit_terminate.html"

    def get(self, request, *args, **kwargs):
        return self.refuse_unless(Status.APPROVED, Status.ACTIVE) or super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit, "today": timezone.localdate()}

    def form_valid(self, form):
        try:
            pairs.unit_terminate(
                unit=self.unit,
                by=self.request.user,
                on=form.cleaned_data["finished_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The work is terminated."))
        return redirect("unit_detail", pk=self.unit.pk)


class UnitMenteeLeaveView(TenantPermissionMixin, UnitMixin, FormView):
    """A mentee leaves an approved or working group; the last one leaving ends the unit."""

    permission_action = Action.UNIT_CHANGE
    form_class = MenteeLeaveForm
    template_name = "mentoring/units/unit_leave.html"

    def get(self, request, *args, **kwargs):
        return self.refuse_unless(Status.APPROVED, Status.ACTIVE) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refuse_unless(Status.APPROVED, Status.ACTIVE) or super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit, "today": timezone.localdate()}

    def form_valid(self, form):
        mentee = form.cleaned_data["mentee"]
        try:
            pairs.mentee_leave(
                unit=self.unit,
                mentee=mentee,
                on=form.cleaned_data["left_on"],
                reason=form.cleaned_data["reason"],
                by=self.request.user,
            )
        except ValidationError as error:
            service_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, agreed_with(_("%(name)s has left the group."), mentee) % {"name": mentee.full_name}
        )
        return redirect("unit_detail", pk=self.unit.pk)


# The director's approval


# The name of the button «Approve all» of the approval page.
APPROVE_ALL = "approve_all"


class UnitsForApprovalView(TenantPermissionMixin, TemplateView):
    """Submitted units with their rule check today; the chosen ones are approved by one order."""

    permission_action = Action.UNIT_APPROVE
    template_name = "mentoring/units/units_for_approval.html"

    def units(self) -> QuerySet[MentoringUnit]:
        return units_for_approval(self.request.tenant)

    def get_context_data(self, **kwargs):
        units = list(self.units())
        problems = approval_problems(units, timezone.localdate())
        for unit in units:
            unit.problems = problems[unit.pk]
        return super().get_context_data(
            units=units,
            ready_count=sum(1 for unit in units if not unit.problems),
            approve_all=APPROVE_ALL,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if APPROVE_ALL in request.POST:
            # «Approve all»: every submitted unit that meets the rules today, as the page showed them.
            units = list(self.units())
            problems = approval_problems(units, timezone.localdate())
            units = [unit for unit in units if not problems[unit.pk]]
        else:
            form = ApprovalForm(request.POST, units=self.units())
            if not form.is_valid():
                for message in form.errors["units"]:
                    messages.error(request, message)
                return redirect("units_for_approval")
            units = list(form.cleaned_data["units"])
        try:
            order = pairs.units_approve(units=units, by=request.user)
        except ValidationError as error:
            report_refusal(request, error)
            return redirect("units_for_approval")
        text = _("Pairs and groups approved: %(count)s. The order of %(date)s No. %(number)s is registered.") % {
            "count": len(units),
            "date": f"{order.date:%d.%m.%Y}",
            "number": order.number,
        }
        pdf_url = reverse_or_none("order_pdf", pk=order.pk)
        if order.pdf_pending:
            # Not inside an f-string: xgettext would not find the text there.
            pending = _("Its PDF is being made: the link appears on the order page.")
            messages.success(request, f"{text} {pending}")
        elif pdf_url:
            messages.success(request, format_html('{} <a href="{}">{}</a>', text, pdf_url, _("The order (PDF)")))
        else:
            messages.success(request, text)
        return redirect(reverse_or_none("order_detail", pk=order.pk) or reverse("units_for_approval"))


# Mentees left without a pair (stage 5 of the cycle)


class UnmatchedMenteesView(TenantPermissionMixin, ListView):
    permission_action = Action.PROGRAM_VIEW
    template_name = "mentoring/units/unmatched_mentees.html"
    context_object_name = "entries"
    paginate_by = 50

    @cached_property
    def year_choices(self):
        return academic_year_choices(timezone.localdate())

    @cached_property
    def year(self) -> int:
        requested = self.request.GET.get("year", "")
        allowed = {str(year) for year, _label in self.year_choices}
        return int(requested) if requested in allowed else academic_year_of(timezone.localdate())

    def get_queryset(self):
        return unmatched_mentees(self.request.tenant, self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_mark = self.request.tenant.can(Action.PARTICIPANT_CHANGE)
        for entry in context["entries"]:
            entry.mark_form = (
                UnmatchedMarkForm(
                    initial={
                        "continue_search": entry.continue_search,
                        "psychologist_support": entry.psychologist_support,
                    },
                    prefix=f"entry{entry.pk}",
                )
                if can_mark
                else None
            )
        context.update(
            year=self.year,
            year_label=academic_year_label(self.year),
            year_choices=self.year_choices,
            can_mark=can_mark,
            can_change_units=self.request.tenant.can(Action.UNIT_CHANGE),
        )
        return context


class UnmatchedMarkView(TenantPermissionMixin, View):
    """The curator's two marks for a mentee left without a pair, one row at a time."""

    permission_action = Action.PARTICIPANT_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        entry = get_object_or_404(mentee_entries_of(request.tenant), pk=pk)
        form = UnmatchedMarkForm(request.POST, prefix=f"entry{entry.pk}")
        if form.is_valid():
            entry.continue_search = form.cleaned_data["continue_search"]
            entry.psychologist_support = form.cleaned_data["psychologist_support"]
            entry.save()
            messages.success(request, _("The marks of %(name)s are saved.") % {"name": entry.participant.full_name})
        return redirect(f"{reverse('unmatched_mentees')}?year={entry.academic_year}#entry-{entry.pk}")
