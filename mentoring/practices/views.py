"""Pages of the registry of practices, under /practices/.

Every practice is found through ``practices_visible`` (another municipality's or organization's
draft answers 404); what the user may do with it is decided by the selectors ``may_*`` (403 when a
role of the organization may not, e.g. a mentor who is not among the authors).
"""

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView, View
from django_filters.views import FilterView

from accounts.collation import name_order
from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from mentoring.models import Participant, Practice, PracticeFile
from mentoring.practices import selectors, services
from mentoring.practices.filters import PracticeFilter
from mentoring.practices.forms import PracticeForm, ReturnForm
from mentoring.practices.public import practice_sections, public_practice, public_practices
from mentoring.uploads import DOCUMENT_TYPES, attachment


class PracticeListView(TenantPermissionMixin, ListView):
    """The organization's practices in every status (for the coordinator: those sent to the
    municipality, the ones to review first)."""

    permission_action = Action.PRACTICE_VIEW
    template_name = "mentoring/practices/practice_list.html"
    context_object_name = "practices"
    paginate_by = 25

    @cached_property
    def status(self) -> str:
        status = self.request.GET.get("status", "")
        return status if status in Practice.Status.values else ""

    def get_queryset(self):
        practices = selectors.organization_practices(self.request.tenant, self.request.user)
        if self.status:
            practices = practices.filter(status=self.status)
        if self.request.tenant.is_municipal:
            # Those waiting for the coordinator first, the oldest of them first; then the published.
            waiting = Case(When(status=Practice.Status.SUBMITTED, then=Value(0)), default=Value(1))
            return practices.order_by(waiting, "submitted_at", "pk")
        return practices.order_by("-updated_at", "-pk")

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        statuses = Practice.Status.choices
        if tenant.is_municipal:
            statuses = [(value, label) for value, label in statuses if value in selectors.SENT_ON]
        return super().get_context_data(
            statuses=statuses,
            status=self.status,
            can_create=tenant.can(Action.PRACTICE_CHANGE) and not tenant.is_municipal,
            **kwargs,
        )


class PracticeRegistryView(TenantPermissionMixin, FilterView):
    """The municipality's registry of successful practices: the published ones, searchable."""

    permission_action = Action.PRACTICE_VIEW
    filterset_class = PracticeFilter
    template_name = "mentoring/practices/registry.html"
    context_object_name = "practices"
    paginate_by = 20

    def get_queryset(self):
        return selectors.published_practices(municipality=self.request.municipality)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rendered"] = public_practices(context["practices"], timezone.localdate())
        context["municipality"] = self.request.municipality
        return context


class PracticeObjectMixin:
    def may_act(self, request) -> bool:
        """The role may take the view's action at all (else TenantPermissionMixin answers first)."""
        return bool(request.user.is_authenticated and request.tenant and request.tenant.can(self.permission_action))

    @cached_property
    def practice(self) -> Practice:
        practices = selectors.practices_visible(self.request.tenant, self.request.user)
        return get_object_or_404(practices.select_related("organization__municipality"), pk=self.kwargs["pk"])


class PracticeDetailView(TenantPermissionMixin, PracticeObjectMixin, TemplateView):
    permission_action = Action.PRACTICE_VIEW
    template_name = "mentoring/practices/practice_detail.html"

    def get_context_data(self, **kwargs):
        tenant, user, practice = self.request.tenant, self.request.user, self.practice
        own = practice.organization_id == getattr(tenant.organization, "pk", None)
        # Outside the organization (the coordinator, other schools) a practice reads as in public.
        rendered = public_practice(practice, timezone.localdate())
        return super().get_context_data(
            practice=practice,
            own=own,
            sections=practice_sections(practice),
            rendered=rendered,
            authors=list(Participant.objects.filter(authored_practices=practice).order_by(*name_order(), "pk"))
            if own
            else [],
            files=list(practice.files.all()) if own or practice.status != Practice.Status.PUBLISHED else [],
            transitions=list(practice.transitions.select_related("by")),
            remarks=services.last_remarks(practice),
            can_change=selectors.may_change(tenant, user, practice),
            can_submit=selectors.may_submit(tenant, practice),
            can_review=selectors.may_review(tenant, practice),
            **kwargs,
        )


class PracticeFormMixin:
    form_class = PracticeForm
    template_name = "mentoring/practices/practice_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def attach_file(self, form, practice: Practice) -> bool:
        upload = form.cleaned_data.get("new_file")
        if not upload:
            return True
        added = call_service(
            form,
            services.practice_file_add,
            practice=practice,
            by=self.request.user,
            title=form.cleaned_data["new_file_title"],
            upload=upload,
        )
        return added is not None


class PracticeCreateView(TenantPermissionMixin, PracticeFormMixin, FormView):
    permission_action = Action.PRACTICE_CHANGE

    def get_initial(self):
        # A mentor drafting his practice is its first author.
        mine = selectors.author_choices(self.request.organization).filter(user=self.request.user)
        return {"authors": list(mine.values_list("pk", flat=True))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=reverse("practice_list"), **kwargs)

    def form_valid(self, form):
        # partial: the description has a field named «form», which call_service takes for itself.
        create = partial(
            services.practice_create, organization=self.request.organization, by=self.request.user, **form.description()
        )
        practice = call_service(form, create)
        if practice is None or not self.attach_file(form, practice):
            return self.form_invalid(form)
        messages.success(self.request, _("The practice is saved as a draft."))
        return redirect("practice_detail", pk=practice.pk)


class PracticeUpdateView(TenantPermissionMixin, PracticeObjectMixin, PracticeFormMixin, FormView):
    permission_action = Action.PRACTICE_CHANGE

    def dispatch(self, request, *args, **kwargs):
        if self.may_act(request) and not selectors.may_change(request.tenant, request.user, self.practice):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.practice}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.request.method == "GET" and "check" in self.request.GET:
            # After a refused sending: what the municipality needs, next to each field (nothing saved).
            form.cleaned_data = {}
            for name, message in services.submission_errors(self.practice).items():
                form.add_error(name, message)
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practice=self.practice,
            files=list(self.practice.files.all()),
            remarks=services.last_remarks(self.practice),
            cancel_url=reverse("practice_detail", args=[self.practice.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        # The ModelForm's cleaning wrote the fields onto the instance; the service saves them.
        update = partial(services.practice_update, practice=self.practice, by=self.request.user, **form.description())
        practice = call_service(form, update)
        if practice is None or not self.attach_file(form, practice):
            return self.form_invalid(form)
        messages.success(self.request, _("The practice is saved."))
        return redirect("practice_detail", pk=practice.pk)


class PracticeActionView(TenantPermissionMixin, PracticeObjectMixin, View):
    """A POST that changes the practice's status; refusals come back as a message on its page. A view
    names who may (``may``: a selector of tenant and practice), the service, and what it says when done."""

    http_method_names = ["post"]
    may: Callable
    service: Callable
    done: str

    def post(self, request, pk):
        if not self.may(request.tenant, self.practice):
            raise PermissionDenied
        try:
            self.service(practice=self.practice, by=request.user)
            messages.success(request, self.done)
        except ValidationError as error:
            if hasattr(error, "error_dict") and selectors.may_change(request.tenant, request.user, self.practice):
                # The description's gaps, shown next to its fields on the form.
                messages.error(request, _("The practice is not sent: complete the sections marked below."))
                return redirect(reverse("practice_update", args=[self.practice.pk]) + "?check=1")
            messages.error(request, " ".join(error.messages))
            return redirect("practice_detail", pk=self.practice.pk)
        return redirect("practice_detail", pk=self.practice.pk)


class PracticeSubmitView(PracticeActionView):
    permission_action = Action.PRACTICE_SUBMIT
    may = staticmethod(selectors.may_submit)
    service = staticmethod(services.practice_submit)
    done = gettext_lazy("The practice is sent to the municipality.")


class PracticePublishView(PracticeActionView):
    permission_action = Action.PRACTICE_REVIEW
    may = staticmethod(selectors.may_review)
    service = staticmethod(services.practice_publish)
    done = gettext_lazy("The practice is published in the municipal registry.")


class PracticeReturnView(TenantPermissionMixin, PracticeObjectMixin, FormView):
    permission_action = Action.PRACTICE_REVIEW
    form_class = ReturnForm
    template_name = "mentoring/practices/practice_return.html"

    def dispatch(self, request, *args, **kwargs):
        if self.may_act(request) and not selectors.may_review(request.tenant, self.practice):
            messages.error(
                request,
                _("The practice is «%(status)s»: only a submitted one is returned.")
                % {"status": self.practice.get_status_display()},
            )
            return redirect("practice_detail", pk=self.practice.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practice=self.practice, cancel_url=reverse("practice_detail", args=[self.practice.pk]), **kwargs
        )

    def form_valid(self, form):
        done = call_service(
            form,
            services.practice_return,
            practice=self.practice,
            by=self.request.user,
            remarks=form.cleaned_data["remarks"],
        )
        if done is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The practice is returned to the organization with the remarks."))
        return redirect("practice_list")


class PracticeFileMixin:
    @cached_property
    def file(self) -> PracticeFile:
        practices = selectors.practices_visible(self.request.tenant, self.request.user)
        return get_object_or_404(
            PracticeFile.objects.select_related("practice"), pk=self.kwargs["pk"], practice__in=practices
        )


class PracticeFileView(TenantPermissionMixin, PracticeFileMixin, View):
    """A material of the practice. A photo or a list may show people: the download is written down in
    the register of downloads as one with personal data (the mixin's default)."""

    permission_action = Action.PRACTICE_VIEW

    def get(self, request, pk):
        tenant = request.tenant
        own = self.file.practice.organization_id == getattr(tenant.organization, "pk", None)
        # Strangers read a published practice as in public, without its files.
        if not own and not tenant.is_municipal:
            raise PermissionDenied
        return attachment(self.file.file, DOCUMENT_TYPES, name=self.file.title[:100])


class PracticeFileDeleteView(TenantPermissionMixin, PracticeFileMixin, View):
    permission_action = Action.PRACTICE_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        practice = self.file.practice
        if not selectors.may_change(request.tenant, request.user, practice):
            raise PermissionDenied
        try:
            services.practice_file_delete(file=self.file, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file is removed."))
        return redirect("practice_update", pk=practice.pk)
