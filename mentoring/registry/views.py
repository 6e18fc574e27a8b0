"""Pages of the registries: participants, their registry entries and consents, partners."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView, View
from django_filters.views import FilterView

from accounts.collation import name_order
from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from mentoring.academic_year import academic_year_choices, academic_year_label, academic_year_of
from mentoring.declension import agreed_with
from mentoring.models import Consent, PartnerOrganization
from mentoring.pairs.selectors import open_units_of
from mentoring.registry import services
from mentoring.registry.consents import consent_state, consent_status
from mentoring.registry.filters import ParticipantFilter
from mentoring.registry.forms import (
    ConsentForm,
    ConsentWithdrawForm,
    InviteForm,
    MenteeEntryForm,
    MentorEntryForm,
    ParticipantForm,
    PartnerForm,
)
from mentoring.registry.invitations import awaiting_answer
from mentoring.registry.selectors import (
    class_names,
    participant_detail,
    participant_history,
    participant_list,
    participants_of,
    partners_of,
)
from mentoring.training.selectors import trainings_of
from mentoring.uploads import SCAN_TYPES, attachment


class ParticipantListView(TenantPermissionMixin, FilterView):
    permission_action = Action.PARTICIPANT_VIEW
    filterset_class = ParticipantFilter
    template_name = "mentoring/participant_list.html"
    context_object_name = "participants"
    paginate_by = 25

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def year_choices(self):
        return academic_year_choices(self.today)

    @cached_property
    def year(self) -> int:
        requested = self.request.GET.get("year", "")
        allowed = {str(year) for year, _ in self.year_choices}
        return int(requested) if requested in allowed else academic_year_of(self.today)

    def get_queryset(self):
        return participant_list(self.request.tenant, academic_year=self.year, on_date=self.today)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = (kwargs["data"] or QueryDict()).copy()
        data.setdefault("year", str(self.year))
        kwargs.update(data=data, class_names=class_names(self.request.tenant), year_choices=self.year_choices)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for participant in context["participants"]:
            # Read from the row's annotations: no query per row.
            participant.processing_status = consent_status(participant, Consent.Kind.PROCESSING, self.today)
        context.update(
            year=self.year,
            year_label=academic_year_label(self.year),
            can_change=self.request.tenant.can(Action.PARTICIPANT_CHANGE),
            can_import=self.request.tenant.can(Action.REGISTRY_IMPORT),
            can_export=self.request.tenant.can(Action.REGISTRY_EXPORT),
        )
        return context


class ParticipantFormMixin:
    form_class = ParticipantForm
    template_name = "mentoring/participant_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.tenant.organization}

    def fields_of(self, form) -> dict:
        return {name: value for name, value in form.cleaned_data.items() if name != "parents"}


class ParticipantCreateView(TenantPermissionMixin, ParticipantFormMixin, CreateView):
    permission_action = Action.PARTICIPANT_CHANGE

    def form_valid(self, form):
        participant = call_service(
            form,
            services.participant_create,
            organization=self.request.tenant.organization,
            by=self.request.user,
            parents=form.cleaned_data["parents"],
            **self.fields_of(form),
        )
        if participant is None:
            return self.form_invalid(form)
        added = agreed_with(_("%(name)s is added."), participant)
        messages.success(self.request, added % {"name": participant.full_name})
        return redirect("participant_detail", pk=participant.pk)


class ParticipantUpdateView(TenantPermissionMixin, ParticipantFormMixin, UpdateView):
    permission_action = Action.PARTICIPANT_CHANGE
    context_object_name = "participant"

    def get_queryset(self):
        return participants_of(self.request.tenant)

    def form_valid(self, form):
        participant = call_service(
            form,
            services.participant_update,
            participant=self.object,
            by=self.request.user,
            parents=form.cleaned_data["parents"],
            **self.fields_of(form),
        )
        if participant is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect("participant_detail", pk=participant.pk)


class ParticipantDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.PARTICIPANT_VIEW
    template_name = "mentoring/participant_detail.html"
    context_object_name = "participant"

    def get_queryset(self):
        return participant_detail(self.request.tenant)

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        participant = self.object
        tenant = self.request.tenant
        return super().get_context_data(
            today=today,
            age=participant.age_on(today),
            experience=participant.experience_years_on(today),
            young_specialist=participant.is_young_specialist_on(today),
            processing_status=consent_status(participant, Consent.Kind.PROCESSING, today),
            distribution_status=consent_status(participant, Consent.Kind.DISTRIBUTION, today),
            consents=[(consent, consent_state(consent, today)) for consent in participant.consents.all()],
            history=participant_history(participant),
            trainings=trainings_of(participant),
            can_view_trainings=tenant.can(Action.TRAINING_VIEW),
            invite_form=InviteForm(),
            can_change=tenant.can(Action.PARTICIPANT_CHANGE),
            can_consent=tenant.can(Action.CONSENT_CHANGE),
            can_view_scan=tenant.can(Action.CONSENT_SCAN_VIEW),
            can_invite=tenant.can(Action.PARTICIPANT_INVITE),
            awaiting_answer=awaiting_answer(participant) if tenant.can(Action.PARTICIPANT_INVITE) else (),
            **kwargs,
        )


class ParticipantChildMixin:
    """Pages that add something to one participant of the current organization."""

    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        self.participant = get_object_or_404(participants_of(request.tenant), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(participant=self.participant, **kwargs)

    def get_success_url(self):
        return reverse("participant_detail", kwargs={"pk": self.participant.pk})


class RegistryEntryFormMixin:
    template_name = "mentoring/entry_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "today": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(registry_title=self.form_class._meta.model._meta.verbose_name, **kwargs)

    def form_valid(self, form):
        if call_service(form, services.registry_entry_save, entry=form.instance, by=self.request.user) is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The registry entry is saved."))
        return redirect("participant_detail", pk=form.instance.participant_id)


class RegistryEntryCreateView(TenantPermissionMixin, ParticipantChildMixin, RegistryEntryFormMixin, CreateView):
    permission_action = Action.PARTICIPANT_CHANGE

    def form_valid(self, form):
        form.instance.participant = self.participant
        return super().form_valid(form)


class MentorEntryCreateView(RegistryEntryCreateView):
    form_class = MentorEntryForm


class MenteeEntryCreateView(RegistryEntryCreateView):
    form_class = MenteeEntryForm


class RegistryEntryUpdateView(TenantPermissionMixin, RegistryEntryFormMixin, UpdateView):
    permission_action = Action.PARTICIPANT_CHANGE
    context_object_name = "entry"

    def get_queryset(self):
        model = self.form_class._meta.model
        return model.objects.filter(organization=self.request.tenant.organization).select_related("participant")

    def get_context_data(self, **kwargs):
        return super().get_context_data(participant=self.object.participant, **kwargs)


class MentorEntryUpdateView(RegistryEntryUpdateView):
    form_class = MentorEntryForm


class MenteeEntryUpdateView(RegistryEntryUpdateView):
    form_class = MenteeEntryForm


class ConsentCreateView(TenantPermissionMixin, ParticipantChildMixin, FormView):
    permission_action = Action.CONSENT_CHANGE
    form_class = ConsentForm
    template_name = "mentoring/consent_form.html"

    def get_initial(self):
        today = timezone.localdate()
        minor = self.participant.is_minor_on(today)
        return {
            "kind": self.request.GET.get("kind", Consent.Kind.PROCESSING),
            "signed_on": today,
            "signed_by": Consent.Signer.REPRESENTATIVE if minor else Consent.Signer.SELF,
            "representative_name": self.participant.guardian_name if minor else "",
            # What proves a parent's authority in nearly every case; a guardian changes it.
            "representative_document": _("birth certificate") if minor else "",
        }

    def form_valid(self, form):
        fields = {name: value for name, value in form.cleaned_data.items() if name != "scan"}
        consent = call_service(
            form,
            services.consent_record,
            participant=self.participant,
            by=self.request.user,
            scan=form.cleaned_data["scan"] or "",
            **fields,
        )
        if consent is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The consent is recorded."))
        return redirect(self.get_success_url())


def consents_of(tenant):
    return Consent.objects.filter(participant__organization=tenant.organization).select_related("participant")


class ConsentWithdrawView(TenantPermissionMixin, FormView):
    permission_action = Action.CONSENT_CHANGE
    form_class = ConsentWithdrawForm
    template_name = "mentoring/consent_withdraw.html"

    @cached_property
    def consent(self):
        return get_object_or_404(consents_of(self.request.tenant), pk=self.kwargs["pk"])

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        participant = self.consent.participant
        # The pairs and groups the person leaves with the consent to processing, shown before it is done.
        units = open_units_of(participant) if self.consent.kind == Consent.Kind.PROCESSING else []
        return super().get_context_data(consent=self.consent, participant=participant, open_units=units, **kwargs)

    def form_valid(self, form):
        consent = call_service(
            form,
            services.consent_withdraw,
            consent=self.consent,
            on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
            by=self.request.user,
        )
        if consent is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The consent is withdrawn."))
        for effect in consent.withdrawal_effects:
            messages.info(self.request, effect)
        return redirect("participant_detail", pk=consent.participant_id)


class ConsentScanView(TenantPermissionMixin, View):
    """The scan, served only through this check: it is personal data, never public media."""

    permission_action = Action.CONSENT_SCAN_VIEW

    def get(self, request, pk):
        consent = get_object_or_404(consents_of(request.tenant), pk=pk)
        if not consent.scan:
            raise Http404
        return attachment(consent.scan, SCAN_TYPES, name=_("Consent scan %(number)s") % {"number": consent.pk})


class PartnerListView(TenantPermissionMixin, ListView):
    permission_action = Action.PARTNER_VIEW
    template_name = "mentoring/partner_list.html"
    context_object_name = "partners"
    paginate_by = 50

    def get_queryset(self):
        return partners_of(self.request.tenant).annotate(mentor_count=Count("participants")).order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.request.tenant.can(Action.PARTNER_CHANGE), **kwargs)


class PartnerDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.PARTNER_VIEW
    template_name = "mentoring/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return partners_of(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            people=self.object.participants.order_by(*name_order(), "pk"),
            can_change=self.request.tenant.can(Action.PARTNER_CHANGE),
            **kwargs,
        )


class PartnerCreateView(TenantPermissionMixin, CreateView):
    permission_action = Action.PARTNER_CHANGE
    form_class = PartnerForm
    template_name = "mentoring/partner_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs.get("instance") is None:
            kwargs["instance"] = PartnerOrganization(organization=self.request.tenant.organization)
        return kwargs

    def form_valid(self, form):
        messages.success(self.request, _("The partner is saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("partner_detail", kwargs={"pk": self.object.pk})


class PartnerUpdateView(PartnerCreateView, UpdateView):
    context_object_name = "partner"

    def get_queryset(self):
        return partners_of(self.request.tenant)
