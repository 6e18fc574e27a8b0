"""Pages of the work of a pair or group: the meeting log, development plans, completion.

Every unit is found through ``units_visible``: a mentor or mentee reaches only the units he or she
is in (another one answers 404), the curator and the director every unit of the organization.
Writing needs UNIT_WORK (the mentor, the curator) and a unit that is approved or working.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from accounts.collation import name_order
from accounts.mixins import TenantPermissionMixin, call_service
from accounts.models import Role
from accounts.permissions import Action
from mentoring.academic_year import academic_year_label
from mentoring.models import DevelopmentPlan, Meeting, MentoringUnit, Participant, PlanItem, UnitMentee
from mentoring.pairs.selectors import units_visible
from mentoring.work import selectors, services
from mentoring.work.forms import (
    MeetingForm,
    PlanForm,
    PlanItemDoneForm,
    PlanItemFormSet,
    PlanTemplateApplyForm,
    PlanTemplateSaveForm,
    UnitCompleteForm,
    plan_item_initial,
)
from reports.exporters import PDF_CONTENT_TYPE, safe_filename
from reports.pdf import render_pdf
from reports.responses import file_response

# With its approval order: the start by the order (services.unit_approved_start) is read from it.
UNIT_RELATED = ("program", "form", "role_model", "mentor", "approval_order")


def visible_units(request):
    return units_visible(request.tenant, request.user).select_related(*UNIT_RELATED)


def works_in(request, unit: MentoringUnit) -> bool:
    """Whether the user may keep this unit's plans and log: the curator in any unit, a mentor only
    where he is the mentor (units_visible also shows him units where he is a mentee)."""
    tenant = request.tenant
    if not tenant.can(Action.UNIT_WORK):
        return False
    return tenant.role != Role.MENTOR or unit.mentor.user_id == request.user.pk


def require_work(request, unit: MentoringUnit) -> None:
    if not works_in(request, unit):
        raise PermissionDenied


def memberships_prefetch() -> Prefetch:
    return Prefetch(
        "mentees", queryset=UnitMentee.objects.select_related("mentee").order_by(*name_order("mentee__"), "pk")
    )


def unit_header(unit: MentoringUnit) -> dict:
    """What every page and document of a unit shows about it (needs the mentees prefetched)."""
    memberships = list(unit.mentees.all())
    return {
        "unit": unit,
        "memberships": memberships,
        "current_memberships": [membership for membership in memberships if membership.left_on is None],
        "academic_year": academic_year_label(unit.program.academic_year),
        "approved_start": services.unit_approved_start(unit) if unit.status == MentoringUnit.Status.APPROVED else None,
    }


def pdf_response(template_name: str, context: dict, filename: str, request):
    content = render_pdf(template_name, context, request=request)
    return file_response((safe_filename(filename) + ".pdf", PDF_CONTENT_TYPE, content), as_attachment=False)


class UnitMixin:
    """A page about one unit (``unit_pk`` in the URL) the user may see."""

    unit_kwarg = "unit_pk"

    @cached_property
    def unit(self) -> MentoringUnit:
        units = visible_units(self.request).prefetch_related(memberships_prefetch())
        return get_object_or_404(units, pk=self.kwargs[self.unit_kwarg])

    def can_work(self) -> bool:
        return works_in(self.request, self.unit) and self.unit.status in services.WORK_STATUSES

    def closed_redirect(self):
        messages.error(
            self.request,
            _("Plans and meetings are kept only in approved or working pairs and groups; this one is «%(status)s».")
            % {"status": self.unit.get_status_display()},
        )
        return redirect("meeting_list", unit_pk=self.unit.pk)


# Meetings ---------------------------------------------------------------------------------------


class MeetingListView(TenantPermissionMixin, UnitMixin, TemplateView):
    """The journal of a unit with the expected order of meetings and where it is left."""

    permission_action = Action.UNIT_VIEW
    template_name = "mentoring/work/meeting_list.html"

    def get_context_data(self, **kwargs):
        unit = self.unit
        meetings = list(
            unit.meetings.prefetch_related(
                Prefetch("attendees", queryset=Participant.objects.order_by(*name_order(), "pk"))
            )
        )
        plans = {
            plan.membership_id: plan
            for plan in DevelopmentPlan.objects.filter(membership__unit=unit).prefetch_related("items")
        }
        header = unit_header(unit)
        for membership in header["memberships"]:
            membership.plan_loaded = plans.get(membership.pk)
            membership.progress = services.plan_progress(membership.plan_loaded)
        return super().get_context_data(
            **header,
            meetings=meetings,
            steps=services.meeting_steps(meetings),
            warnings=services.meeting_sequence_warnings(unit, meetings),
            has_final=any(meeting.type == Meeting.Type.FINAL for meeting in meetings),
            can_work=self.can_work(),
            can_complete=self.can_work() and unit.status == MentoringUnit.Status.ACTIVE,
            **kwargs,
        )


class MeetingFormMixin(UnitMixin):
    form_class = MeetingForm
    template_name = "mentoring/work/meeting_form.html"

    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        require_work(request, self.unit)
        if self.unit.status not in services.WORK_STATUSES:
            return self.closed_redirect()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        unit = self.unit
        people = [unit.mentor, *(membership.mentee for membership in unit.mentees.all())]
        present = [unit.mentor, *(membership.mentee for membership in unit.mentees.all() if membership.left_on is None)]
        kwargs = super().get_form_kwargs()
        initial = kwargs.setdefault("initial", {})
        if self.request.GET.get("type") in Meeting.Type.values:
            initial["type"] = self.request.GET["type"]
        return {
            **kwargs,
            "people": people,
            "present": present,
            "next_type": services.next_meeting_type(unit.meetings.only("type")),
            "approved_start": services.unit_approved_start(unit),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**unit_header(self.unit), **kwargs)


class MeetingCreateView(TenantPermissionMixin, MeetingFormMixin, FormView):
    permission_action = Action.UNIT_WORK

    def form_valid(self, form):
        was_approved = self.unit.status == MentoringUnit.Status.APPROVED
        meeting = call_service(
            form, services.meeting_log, unit=self.unit, by=self.request.user, **form.service_kwargs()
        )
        if meeting is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is logged."))
        if was_approved:
            # The start by the order, as the pair's page shows it: not the day of this meeting.
            started_on = MentoringUnit.objects.values_list("started_on", flat=True).get(pk=self.unit.pk)
            messages.info(
                self.request,
                _("The pair or group has started working on %(date)s.") % {"date": f"{started_on:%d.%m.%Y}"},
            )
        return redirect("meeting_list", unit_pk=self.unit.pk)


class MeetingUpdateView(TenantPermissionMixin, MeetingFormMixin, FormView):
    permission_action = Action.UNIT_WORK

    @cached_property
    def meeting(self) -> Meeting:
        meetings = Meeting.objects.filter(unit__in=units_visible(self.request.tenant, self.request.user))
        return get_object_or_404(meetings.prefetch_related("attendees"), pk=self.kwargs["pk"])

    @cached_property
    def unit(self) -> MentoringUnit:
        units = visible_units(self.request).prefetch_related(memberships_prefetch())
        return get_object_or_404(units, pk=self.meeting.unit_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.meeting}

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def form_valid(self, form):
        meeting = call_service(
            form, services.meeting_update, meeting=self.meeting, by=self.request.user, **form.service_kwargs()
        )
        if meeting is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect("meeting_list", unit_pk=self.unit.pk)


class MeetingJournalPdfView(TenantPermissionMixin, UnitMixin, View):
    """«Журнал встреч наставника» to print and sign."""

    permission_action = Action.UNIT_VIEW

    def get(self, request, unit_pk):
        unit = self.unit
        meetings = list(unit.meetings.all())
        header = unit_header(unit)
        context = {**header, "meetings": meetings, "organization": request.tenant.organization}
        name = f"Журнал встреч {unit.mentor.short_name}"
        return pdf_response("mentoring/work/journal_pdf.html", context, name, request)


# Plans ------------------------------------------------------------------------------------------


class MembershipMixin:
    """A page about one mentee's plan (the UnitMentee's pk in the URL)."""

    @cached_property
    def membership(self) -> UnitMentee:
        memberships = UnitMentee.objects.filter(
            unit__in=units_visible(self.request.tenant, self.request.user)
        ).select_related("mentee", *(f"unit__{name}" for name in UNIT_RELATED))
        return get_object_or_404(memberships, pk=self.kwargs["pk"])

    @cached_property
    def unit(self) -> MentoringUnit:
        return self.membership.unit

    @cached_property
    def plan(self) -> DevelopmentPlan | None:
        return DevelopmentPlan.objects.filter(membership=self.membership).prefetch_related("items").first()

    def can_work(self) -> bool:
        return (
            works_in(self.request, self.unit)
            and self.unit.status in services.WORK_STATUSES
            and self.membership.left_on is None
        )

    def plan_context(self) -> dict:
        unit = self.unit
        items = list(self.plan.items.all()) if self.plan else []
        return {
            "unit": unit,
            "membership": self.membership,
            "mentee": self.membership.mentee,
            "plan": self.plan,
            "items": items,
            "done_count": sum(1 for item in items if item.done_on is not None),
            "progress": services.plan_progress(self.plan),
            "academic_year": academic_year_label(unit.program.academic_year),
        }


class PlanDetailView(TenantPermissionMixin, MembershipMixin, TemplateView):
    permission_action = Action.UNIT_VIEW
    template_name = "mentoring/work/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = self.plan_context()
        can_work = self.can_work()
        today = timezone.localdate()
        for item in context["items"]:
            item.done_form = (
                PlanItemDoneForm(initial={"done_on": item.done_on or today, "mentor_mark": item.mentor_mark})
                if can_work
                else None
            )
            item.overdue = item.done_on is None and item.due_on is not None and item.due_on < today
        return super().get_context_data(
            **context, can_work=can_work, can_save_template=works_in(self.request, self.unit), **kwargs
        )


class PlanWriteMixin(MembershipMixin):
    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        require_work(request, self.unit)
        if not self.can_work():
            messages.error(
                request,
                _("Plans are written only for current mentees of approved or working pairs and groups."),
            )
            return redirect("plan_detail", pk=self.membership.pk)
        return super().dispatch(request, *args, **kwargs)


class PlanUpdateView(TenantPermissionMixin, PlanWriteMixin, TemplateView):
    permission_action = Action.UNIT_WORK
    template_name = "mentoring/work/plan_form.html"

    def forms(self, data=None):
        items = list(self.plan.items.all()) if self.plan else []
        return (
            PlanForm(data, instance=self.plan or DevelopmentPlan(membership=self.membership)),
            PlanItemFormSet(data, initial=plan_item_initial(items), prefix="items"),
        )

    def get(self, request, pk):
        form, formset = self.forms()
        return self.render_forms(form, formset)

    def render_forms(self, form, formset):
        return self.render_to_response(self.get_context_data(**self.plan_context(), form=form, formset=formset))

    def post(self, request, pk):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            plan = call_service(
                form,
                services.plan_save,
                membership=self.membership,
                by=request.user,
                goal=form.cleaned_data["goal"],
                tasks=form.cleaned_data["tasks"],
                items=formset.rows(),
            )
            if plan is not None:
                messages.success(request, _("The plan is saved."))
                return redirect("plan_detail", pk=self.membership.pk)
        return self.render_forms(form, formset)


class PlanItemDoneView(TenantPermissionMixin, View):
    """The mentor's mark on a row of the plan (a small form in the plan's table)."""

    permission_action = Action.UNIT_WORK
    http_method_names = ["post"]

    def post(self, request, pk):
        items = PlanItem.objects.filter(
            plan__membership__unit__in=units_visible(request.tenant, request.user)
        ).select_related("plan__membership__unit__mentor")
        item = get_object_or_404(items, pk=pk)
        require_work(request, item.plan.membership.unit)
        form = PlanItemDoneForm(request.POST)
        back = redirect(reverse("plan_detail", kwargs={"pk": item.plan.membership_id}) + f"#item-{item.pk}")
        if not form.is_valid():
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
            return back
        try:
            services.plan_item_mark_done(
                item=item,
                by=request.user,
                done_on=None if form.undo else form.cleaned_data["done_on"],
                mentor_mark=form.cleaned_data["mentor_mark"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return back
        if form.undo:
            messages.success(request, _("The mark is removed."))
        else:
            messages.success(request, _("The activity is marked done."))
        return back


class PlanPdfView(TenantPermissionMixin, MembershipMixin, View):
    """«Индивидуальный план развития наставляемого»; without a plan yet, a blank one to fill in by hand."""

    permission_action = Action.UNIT_VIEW

    def get(self, request, pk):
        context = {**self.plan_context(), "organization": request.tenant.organization}
        name = f"План развития {self.membership.mentee.short_name}"
        return pdf_response("mentoring/work/plan_pdf.html", context, name, request)


# Plan templates ---------------------------------------------------------------------------------


class PlanTemplateListView(TenantPermissionMixin, TemplateView):
    """The templates the user may write plans from, with their rows; the ones he may delete."""

    permission_action = Action.UNIT_WORK
    template_name = "mentoring/work/plan_template_list.html"

    def get_context_data(self, **kwargs):
        tenant, user = self.request.tenant, self.request.user
        templates = list(
            selectors.plan_templates_visible(tenant, user).select_related("owner").prefetch_related("items")
        )
        for template in templates:
            template.deletable = selectors.may_delete_template(tenant, user, template)
        return super().get_context_data(templates=templates, is_curator=tenant.role == Role.CURATOR, **kwargs)


class PlanTemplateSaveMixin(MembershipMixin):
    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action. A finished
        # pair's plan is a good template too: only who may keep the unit's plans matters, not its status.
        require_work(request, self.unit)
        if self.plan is None:
            messages.error(request, _("Write the plan first: a template is made from a written plan."))
            return redirect("plan_detail", pk=self.membership.pk)
        return super().dispatch(request, *args, **kwargs)


class PlanTemplateSaveView(TenantPermissionMixin, PlanTemplateSaveMixin, FormView):
    permission_action = Action.UNIT_WORK
    form_class = PlanTemplateSaveForm
    template_name = "mentoring/work/plan_template_save.html"

    def get_initial(self):
        return {"name": " ".join(self.plan.goal.split())[:200]}

    def get_context_data(self, **kwargs):
        is_curator = self.request.tenant.role == Role.CURATOR
        return super().get_context_data(**self.plan_context(), is_curator=is_curator, **kwargs)

    def form_valid(self, form):
        template = call_service(
            form,
            services.plan_template_save,
            plan=self.plan,
            by=self.request.user,
            name=form.cleaned_data["name"],
            owner=selectors.template_owner_for(self.request.tenant, self.request.user),
        )
        if template is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The template «%(name)s» is saved.") % {"name": template.name})
        return redirect("plan_template_list")


class PlanTemplateApplyMixin(UnitMixin):
    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        require_work(request, self.unit)
        if self.unit.status not in services.WORK_STATUSES:
            return self.closed_redirect()
        return super().dispatch(request, *args, **kwargs)


class PlanTemplateApplyView(TenantPermissionMixin, PlanTemplateApplyMixin, FormView):
    """Plans of every current mentee of a pair or group written from one template in one step."""

    permission_action = Action.UNIT_WORK
    form_class = PlanTemplateApplyForm
    template_name = "mentoring/work/plan_template_apply.html"

    @cached_property
    def header(self) -> dict:
        header = unit_header(self.unit)
        with_plan = set(
            DevelopmentPlan.objects.filter(membership__unit=self.unit).values_list("membership_id", flat=True)
        )
        for membership in header["current_memberships"]:
            membership.has_plan = membership.pk in with_plan
        return header

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "templates": selectors.plan_templates_visible(self.request.tenant, self.request.user).select_related(
                "owner"
            ),
            "with_plan": [m.mentee.full_name for m in self.header["current_memberships"] if m.has_plan],
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**self.header, **kwargs)
        context["has_templates"] = bool(context["form"].fields["template"].queryset)
        return context

    def form_valid(self, form):
        applied = call_service(
            form,
            services.plan_template_apply,
            template=form.cleaned_data["template"],
            unit=self.unit,
            by=self.request.user,
            replace=form.cleaned_data.get("replace", False),
        )
        if applied is None:
            return self.form_invalid(form)
        if not applied.written and not applied.replaced:
            form.add_error(
                "replace",
                _("Every mentee has a plan already: tick the box to write them anew, or leave them as they are."),
            )
            return self.form_invalid(form)
        name = form.cleaned_data["template"].name
        if applied.written:
            messages.success(
                self.request,
                _("The plan is written from the template «%(template)s» for: %(names)s.")
                % {"template": name, "names": ", ".join(applied.written)},
            )
        if applied.replaced:
            messages.success(
                self.request,
                _("The plan is written anew from the template «%(template)s» for: %(names)s.")
                % {"template": name, "names": ", ".join(applied.replaced)},
            )
        if applied.kept:
            messages.warning(
                self.request,
                _("The plans already written are left as they are: %(names)s.") % {"names": ", ".join(applied.kept)},
            )
        return redirect("meeting_list", unit_pk=self.unit.pk)


class PlanTemplateDeleteView(TenantPermissionMixin, View):
    permission_action = Action.UNIT_WORK
    http_method_names = ["post"]

    def post(self, request, pk):
        template = get_object_or_404(selectors.plan_templates_visible(request.tenant, request.user), pk=pk)
        if not selectors.may_delete_template(request.tenant, request.user, template):
            messages.error(request, _("Only the curator deletes the templates of the organization."))
        else:
            services.plan_template_delete(template=template, by=request.user)
            messages.success(request, _("The template «%(name)s» is deleted.") % {"name": template.name})
        return redirect("plan_template_list")


# Completion -------------------------------------------------------------------------------------


class UnitWorkMixin(UnitMixin):
    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        require_work(request, self.unit)
        return super().dispatch(request, *args, **kwargs)


class UnitCompleteView(TenantPermissionMixin, UnitWorkMixin, FormView):
    """Completion after the final meeting: results, the published case, the full-cycle marks."""

    permission_action = Action.UNIT_WORK
    form_class = UnitCompleteForm
    template_name = "mentoring/work/unit_complete.html"

    @cached_property
    def final_meeting(self) -> Meeting | None:
        return self.unit.meetings.filter(type=Meeting.Type.FINAL).order_by("-held_on", "-pk").first()

    def ready(self) -> bool:
        return self.unit.status == MentoringUnit.Status.ACTIVE and self.final_meeting is not None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["initial"] = {
            "finished_on": self.final_meeting.held_on if self.final_meeting else timezone.localdate(),
            "results": self.unit.results,
            "case_url": self.unit.case_url,
        }
        return {**kwargs, "memberships": unit_header(self.unit)["current_memberships"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **unit_header(self.unit), final_meeting=self.final_meeting, ready=self.ready(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not self.ready():
            return render(request, self.template_name, self.get_context_data(form=None))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        unit = call_service(
            form,
            services.unit_finish,
            unit=self.unit,
            by=self.request.user,
            on=form.cleaned_data["finished_on"],
            results=form.cleaned_data["results"],
            case_url=form.cleaned_data["case_url"],
            full_cycle=form.full_cycle(),
        )
        if unit is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The pair or group is completed; the registries show it."))
        return redirect("meeting_list", unit_pk=unit.pk)
