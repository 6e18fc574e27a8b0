"""The organization's log of files handed out, for the director and the curator."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from reports.models import ExportRecord

# What a file was, by the URL name of its view; an unknown name is shown as it is.
EXPORT_LABELS = {
    "registry_export": _("Registry (XLSX)"),
    "consent_form_pdf": _("Consent form (PDF)"),
    "class_consent_forms": _("Consent forms of a class (PDF)"),
    "consent_scan": _("Scan of a consent"),
    "meeting_journal_pdf": _("Meeting log (PDF)"),
    "plan_pdf": _("Development plan (PDF)"),
    "order_pdf": _("Order (PDF)"),
    "order_docx": _("Order (DOCX)"),
    "campaign_export": _("Answers of a campaign (XLSX)"),
    "campaign_sheet": _("Personal links (PDF)"),
    "roadmap_export": _("Roadmap (XLSX)"),
    "activity_evidence": _("Evidence of an activity"),
    "annual_report_pdf": _("Annual report (PDF)"),
    "export_job_download": _("Export of the municipality"),
    "registry_import_template": _("Import template (XLSX)"),
}


class ExportRecordListView(TenantPermissionMixin, ListView):
    """Who took which file of the organization, newest first."""

    permission_action = Action.ORGANIZATION_CHANGE
    template_name = "reports/export_log.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        organization = self.request.tenant.organization
        if organization is None:
            return ExportRecord.objects.none()
        return ExportRecord.objects.filter(organization=organization)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for record in context["records"]:
            record.label = EXPORT_LABELS.get(record.view_name, record.view_name)
        return context
