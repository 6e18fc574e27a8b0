"""Pages of the «Школа наставников»: programs, their sessions, enrolment, the attendance grid,
completions with certificates, the order «Об организации «Школы наставников»», a mentor's own trainings."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from mentoring.declension import Person
from mentoring.training import services
from mentoring.training.forms import CompleteForm, EnrolForm, ProgramForm, SessionForm, WithdrawForm
from mentoring.training.selectors import (
    completions,
    completions_by_organization,
    enrolment_candidates,
    enrolments_visible,
    own_trainings,
    program_enrolments,
    program_list,
    program_sessions,
    programs_managed,
    programs_visible,
)
from mentoring.uploads import SCAN_TYPES, attachment
from reports.api import mentor_school_order_draft


class ProgramListView(TenantPermissionMixin, ListView):
    permission_action = Action.TRAINING_VIEW
    template_name = "mentoring/training/program_list.html"
    context_object_name = "programs"
    paginate_by = 50

    def get_queryset(self):
        return program_list(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.request.tenant.can(Action.TRAINING_CHANGE), **kwargs)


class ProgramFormView(FormView):
    form_class = ProgramForm
    template_name = "mentoring/training/program_form.html"
    program = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.program}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("program", self.program)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in services.PROGRAM_FIELDS}
        if self.program is None:
            tenant = self.request.tenant
            owner = (
                {"municipality": tenant.municipality} if tenant.is_municipal else {"organization": tenant.organization}
            )
            program = call_service(form, services.training_program_create, **owner, **fields)
        else:
            program = call_service(form, services.training_program_update, program=self.program, **fields)
        if program is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The training program is saved."))
        return redirect("training_program_detail", pk=program.pk)


class ProgramDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.TRAINING_VIEW
    template_name = "mentoring/training/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return programs_visible(self.request.tenant)

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        program = self.object
        sessions = list(program_sessions(program))
        enrolments = list(program_enrolments(tenant, program))
        manages = tenant.can(Action.TRAINING_CHANGE) and programs_managed(tenant).filter(pk=program.pk).exists()
        for enrolment in enrolments:
            ticked = {mark.session_id for mark in enrolment.attendance.all()}
            enrolment.cells = [(session, session.pk in ticked) for session in sessions]
            enrolment.attended = len(ticked)
        return super().get_context_data(
            sessions=sessions,
            enrolments=enrolments,
            manages=manages,
            can_enrol=tenant.can(Action.TRAINING_CHANGE) and not tenant.is_municipal,
            can_withdraw=tenant.can(Action.TRAINING_CHANGE) and (manages or not tenant.is_municipal),
            can_draft_order=manages and not program.is_municipal and tenant.can(Action.ORDER_DRAFT),
            **kwargs,
        )


class ManagedProgramMixin:
    """Pages that change a program the tenant keeps (its own): another's program answers 404. Stands
    after TenantPermissionMixin, which has checked the action."""

    def programs(self):
        return programs_managed(self.request.tenant)

    def dispatch(self, request, *args, **kwargs):
        self.program = get_object_or_404(self.programs(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("program", self.program)
        return super().get_context_data(**kwargs)


class VisibleProgramMixin(ManagedProgramMixin):
    """Pages about a program the tenant sees (its own, or its municipality's)."""

    def programs(self):
        return programs_visible(self.request.tenant)


class ProgramCreateView(TenantPermissionMixin, ProgramFormView):
    permission_action = Action.TRAINING_CHANGE


class ProgramUpdateView(TenantPermissionMixin, ManagedProgramMixin, ProgramFormView):
    permission_action = Action.TRAINING_CHANGE


class SessionCreateView(TenantPermissionMixin, ManagedProgramMixin, FormView):
    permission_action = Action.TRAINING_CHANGE
    form_class = SessionForm
    template_name = "mentoring/training/session_form.html"

    def form_valid(self, form):
        session = call_service(form, services.training_session_add, program=self.program, **form.cleaned_data)
        if session is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The session is added."))
        return redirect("training_program_detail", pk=self.program.pk)


class SessionDeleteView(TenantPermissionMixin, View):
    permission_action = Action.TRAINING_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        from mentoring.training.models import TrainingSession

        session = get_object_or_404(TrainingSession.objects.filter(program__in=programs_managed(request.tenant)), pk=pk)
        try:
            services.training_session_delete(session=session)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The session is deleted."))
        return redirect("training_program_detail", pk=session.program_id)


class EnrolView(TenantPermissionMixin, VisibleProgramMixin, FormView):
    """A school's curator enrols the school's staff: in its own program or a municipal one."""

    permission_action = Action.TRAINING_CHANGE
    form_class = EnrolForm
    template_name = "mentoring/training/enrol_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": enrolment_candidates(self.request.tenant, self.program)}

    def get_initial(self):
        return {"enrolled_on": timezone.localdate()}

    def form_valid(self, form):
        enrolment = call_service(form, services.training_enrol, program=self.program, **form.cleaned_data)
        if enrolment is None:
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is enrolled.") % {"name": enrolment.participant.full_name})
        return redirect("training_program_detail", pk=self.program.pk)


TICKED_BOX = re.compile(r"(?P<session>[0-9]{1,18})-(?P<enrolment>[0-9]{1,18})")


class AttendanceView(TenantPermissionMixin, ManagedProgramMixin, View):
    """The attendance grid saved at once: every box of the program's people, ticked or not."""

    permission_action = Action.TRAINING_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        # «session-enrolment» of each ticked box, ASCII digits only (str.isdigit takes «²», int() not);
        # the service keeps those of the program's own sessions and people.
        present = {
            (int(match["session"]), int(match["enrolment"]))
            for value in request.POST.getlist("present")
            if (match := TICKED_BOX.fullmatch(value))
        }
        enrolments = list(program_enrolments(request.tenant, self.program))
        services.training_attendance_set(program=self.program, enrolments=enrolments, present=present)
        messages.success(request, _("The attendance is saved."))
        return redirect("training_program_detail", pk=self.program.pk)


class OrderDraftView(TenantPermissionMixin, ManagedProgramMixin, View):
    """Drafts the order «Об организации «Школы наставников»» from the program and its sessions."""

    permission_action = Action.TRAINING_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        program = self.program
        if program.is_municipal or not request.tenant.can(Action.ORDER_DRAFT):
            messages.error(request, _("The order is drafted by the organization that runs the program."))
            return redirect("training_program_detail", pk=program.pk)
        rows = [
            [
                str(number),
                session.topic,
                session.held_on.strftime("%d.%m.%Y") + (f", {session.starts_at:%H:%M}" if session.starts_at else ""),
                session.place,
                session.leader,
            ]
            for number, session in enumerate(program_sessions(program), start=1)
        ]
        people = [
            enrolment.participant
            for enrolment in program_enrolments(request.tenant, program)
            if not enrolment.withdrawn_on
        ]
        trainees = [Person(person.full_name, person.gender, person.position) for person in people]
        try:
            order = mentor_school_order_draft(
                organization=program.organization,
                by=request.user,
                program_name=program.name,
                hours=program.hours,
                provider="" if program.provider_kind == program.Provider.SCHOOL else program.provider_label,
                schedule_rows=rows,
                trainees=trainees,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("training_program_detail", pk=program.pk)
        messages.success(request, _("The draft order is made: check it and register it."))
        return redirect("order_detail", pk=order.pk)


class EnrolmentMixin:
    """Pages about one enrolment of a program the tenant keeps, among the people it sees."""

    def enrolments(self):
        tenant = self.request.tenant
        return enrolments_visible(tenant).filter(program__in=programs_managed(tenant))

    def dispatch(self, request, *args, **kwargs):
        # After TenantPermissionMixin in the MRO: the action is checked first.
        self.enrolment = get_object_or_404(self.enrolments().select_related("participant", "program"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrolment=self.enrolment, program=self.enrolment.program, **kwargs)


class CompleteView(TenantPermissionMixin, EnrolmentMixin, FormView):
    permission_action = Action.TRAINING_CHANGE
    form_class = CompleteForm
    template_name = "mentoring/training/complete_form.html"

    def get_initial(self):
        enrolment = self.enrolment
        return {
            "completed_on": enrolment.completed_on or timezone.localdate(),
            "certificate_number": enrolment.certificate_number,
            "certificate_date": enrolment.certificate_date,
        }

    def form_valid(self, form):
        enrolment = call_service(form, services.training_complete, enrolment=self.enrolment, **form.cleaned_data)
        if enrolment is None:
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(name)s has completed the training.") % {"name": self.enrolment.participant.full_name}
        )
        return redirect("training_program_detail", pk=enrolment.program_id)


class WithdrawView(TenantPermissionMixin, EnrolmentMixin, FormView):
    """The program's keeper, or the curator of the person's organization, records a withdrawal."""

    permission_action = Action.TRAINING_CHANGE
    form_class = WithdrawForm
    template_name = "mentoring/training/withdraw_form.html"

    def enrolments(self):
        tenant = self.request.tenant
        visible = enrolments_visible(tenant)
        if tenant.is_municipal:
            return visible.filter(program__in=programs_managed(tenant))
        return visible.filter(Q(program__in=programs_managed(tenant)) | Q(organization=tenant.organization))

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def form_valid(self, form):
        enrolment = call_service(
            form, services.training_withdraw, enrolment=self.enrolment, on=form.cleaned_data["withdrawn_on"]
        )
        if enrolment is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The withdrawal is recorded."))
        return redirect("training_program_detail", pk=enrolment.program_id)


class CertificateView(TenantPermissionMixin, View):
    """The certificate's scan, served only through this check: it names the person."""

    permission_action = Action.TRAINING_VIEW

    def get(self, request, pk):
        enrolment = get_object_or_404(enrolments_visible(request.tenant), pk=pk)
        if not enrolment.certificate:
            raise Http404
        return attachment(
            enrolment.certificate, SCAN_TYPES, name=_("Certificate %(number)s") % {"number": enrolment.pk}
        )


class OwnCertificateView(TenantPermissionMixin, View):
    permission_action = Action.TRAINING_OWN

    def get(self, request, pk):
        enrolment = get_object_or_404(own_trainings(request.tenant, request.user), pk=pk)
        if not enrolment.certificate:
            raise Http404
        return attachment(
            enrolment.certificate, SCAN_TYPES, name=_("Certificate %(number)s") % {"number": enrolment.pk}
        )


class OwnTrainingsView(TenantPermissionMixin, TemplateView):
    permission_action = Action.TRAINING_OWN
    template_name = "mentoring/training/mine.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrolments=own_trainings(self.request.tenant, self.request.user), **kwargs)


class CompletionsView(TenantPermissionMixin, ListView):
    """Completed trainings: a school's staff, or every organization's of the municipality, with the
    number of staff trained per organization as of today (what the indicator counts)."""

    permission_action = Action.TRAINING_VIEW
    template_name = "mentoring/training/completions.html"
    context_object_name = "completions"
    paginate_by = 50

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_queryset(self):
        return completions(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            today=self.today, by_organization=completions_by_organization(self.request.tenant, self.today), **kwargs
        )
