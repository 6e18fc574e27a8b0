"""Files of the registries: printed consent forms (PDF) and the registries as XLSX."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import View

from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.academic_year import academic_year_of
from mentoring.models import RegistryEntry
from mentoring.registry.consent_forms import ClassConsentFormsForm, consent_form_participants, parse_kind
from mentoring.registry.exports import REGISTRY_EXPORTERS
from reports.exporters import get_exporter
from reports.responses import file_response

YEAR_FIELD = RegistryEntry._meta.get_field("academic_year")
YEAR_MIN, YEAR_MAX = (validator.limit_value for validator in YEAR_FIELD.validators)


class ConsentFormPdfView(TenantPermissionMixin, View):
    """One participant's consent form, pre-filled, to print for signature."""

    permission_action = Action.PARTICIPANT_VIEW

    def get(self, request, pk):
        participant = get_object_or_404(consent_form_participants(request.tenant), pk=pk)
        kind = parse_kind(request.GET.get("kind"))
        if kind is None:
            raise Http404
        rendered = get_exporter("consent_forms").render(
            {
                "participants": [participant],
                "kind": kind,
                "organization": request.tenant.organization,
                "today": timezone.localdate(),
            }
        )
        return file_response(rendered, as_attachment=False)


class ClassConsentFormsView(TenantPermissionMixin, View):
    """Forms for a whole class in one PDF; without a class chosen, the page to choose it."""

    permission_action = Action.PARTICIPANT_VIEW
    template_name = "mentoring/documents/class_consent_forms.html"

    def get(self, request):
        if "class_name" not in request.GET:
            form = ClassConsentFormsForm(tenant=request.tenant)
            return render(request, self.template_name, {"form": form})
        form = ClassConsentFormsForm(request.GET, tenant=request.tenant)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        rendered = get_exporter("consent_forms").render(
            {
                "participants": form.students,
                "kind": form.cleaned_data["kind"],
                "class_name": form.cleaned_data["class_name"],
                "organization": request.tenant.organization,
                "today": timezone.localdate(),
            }
        )
        return file_response(rendered, as_attachment=False)


class RegistryExportView(TenantPermissionMixin, View):
    """The personalised registry of mentees or of mentors for an academic year, as XLSX."""

    permission_action = Action.REGISTRY_EXPORT

    def get(self, request, registry):
        exporter_key = REGISTRY_EXPORTERS.get(registry)
        if exporter_key is None:
            raise Http404
        today = timezone.localdate()
        year = request.GET.get("year") or str(academic_year_of(today))
        if not year.isascii() or not year.isdigit() or not YEAR_MIN <= int(year) <= YEAR_MAX:
            raise Http404
        exporter = get_exporter(exporter_key)
        rendered = exporter.render(
            {"organization": request.tenant.organization, "academic_year": int(year), "today": today}
        )
        return file_response(rendered, as_attachment=True, rows=exporter.rows_written)
