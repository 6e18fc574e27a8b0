"""Pages of the export jobs (start, status with a progress bar polled by htmx, download) and of the
organization's annual report."""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView, View

from accounts.ids import parse_id
from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from monitoring.indicators.models import ReportingPeriod
from monitoring.indicators.selectors import periods_of
from reports import tasks
from reports.annual import ZIP_CONTENT_TYPE
from reports.exporters import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, get_exporter
from reports.jobs import jobs_of
from reports.models import ExportJob
from reports.note import DOCX_CONTENT_TYPE, FORMATS
from reports.responses import file_response

CONTENT_TYPES = {
    "xlsx": XLSX_CONTENT_TYPE,
    "zip": ZIP_CONTENT_TYPE,
    "pdf": PDF_CONTENT_TYPE,
    "docx": DOCX_CONTENT_TYPE,
}
# The first year of the target model (Р-145 of 25.12.2019 came into force in 2020).
FIRST_REPORT_YEAR = 2020


def report_years(today: datetime.date) -> list[int]:
    return list(range(today.year, FIRST_REPORT_YEAR - 1, -1))


class QuarterlyExportStartView(TenantPermissionMixin, View):
    permission_action = Action.MUNICIPAL_EXPORT
    http_method_names = ["post"]

    def post(self, request):
        chosen = parse_id(request.POST.get("period"), ReportingPeriod)
        if chosen is None:
            messages.error(request, _("Choose the reporting date of the report."))
            return redirect("monitoring_dashboard")
        period = get_object_or_404(periods_of(request.tenant.municipality), pk=chosen)
        job = tasks.export_job_start(
            kind=ExportJob.Kind.QUARTERLY,
            params={"period": period.pk},
            title=gettext("Quarterly report as of %(date)s") % {"date": f"{period.reporting_date:%d.%m.%Y}"},
            tenant=request.tenant,
            by=request.user,
        )
        return redirect("export_job_detail", pk=job.pk)


class AnnualReportsExportStartView(TenantPermissionMixin, View):
    """All the organizations' annual reports of a year in one ZIP."""

    permission_action = Action.MUNICIPAL_EXPORT
    http_method_names = ["post"]

    def post(self, request):
        years = {str(year): year for year in report_years(timezone.localdate())}
        year = years.get(request.POST.get("year", ""))
        if year is None:
            messages.error(request, _("Choose the year of the reports."))
            return redirect("export_job_list")
        job = tasks.export_job_start(
            kind=ExportJob.Kind.ANNUAL_REPORTS,
            params={"year": year},
            title=gettext("Annual reports of the organizations for %(year)s") % {"year": year},
            tenant=request.tenant,
            by=request.user,
        )
        return redirect("export_job_detail", pk=job.pk)


class AnalyticalNoteStartView(TenantPermissionMixin, View):
    """The municipality's analytical note of a year (seed 003, 6.2), PDF or DOCX, made in the background."""

    permission_action = Action.MUNICIPAL_EXPORT
    http_method_names = ["post"]

    def post(self, request):
        years = {str(year): year for year in report_years(timezone.localdate())}
        year = years.get(request.POST.get("year", ""))
        file_format = request.POST.get("format", "")
        if year is None or file_format not in FORMATS:
            messages.error(request, _("Choose the year and the format of the analytical note."))
            return redirect("export_job_list")
        job = tasks.export_job_start(
            kind=ExportJob.Kind.ANALYTICAL_NOTE,
            params={"year": year, "format": file_format},
            title=gettext("Analytical note for %(year)s (%(format)s)") % {"year": year, "format": file_format.upper()},
            tenant=request.tenant,
            by=request.user,
        )
        return redirect("export_job_detail", pk=job.pk)


class ExportJobListView(TenantPermissionMixin, ListView):
    permission_action = Action.MUNICIPAL_EXPORT
    template_name = "reports/jobs/job_list.html"
    context_object_name = "jobs"
    paginate_by = 20

    def get_queryset(self):
        return jobs_of(self.request.tenant, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=report_years(timezone.localdate()), **kwargs)


class ExportJobDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.MUNICIPAL_EXPORT
    template_name = "reports/jobs/job_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return jobs_of(self.request.tenant, self.request.user)


class ExportJobProgressView(ExportJobDetailView):
    """The progress block alone, for htmx to poll every second until the job is finished."""

    template_name = "reports/jobs/_progress.html"


class ExportJobDownloadView(TenantPermissionMixin, View):
    permission_action = Action.MUNICIPAL_EXPORT
    download_has_personal_data = False  # the quarterly XLSX and the ZIP of annual reports: aggregates

    def get(self, request, pk):
        job = get_object_or_404(jobs_of(request.tenant, request.user), pk=pk, status=ExportJob.Status.DONE)
        if not job.file:
            raise Http404
        with job.file.open("rb") as stored:
            content = stored.read()
        content_type = CONTENT_TYPES.get(job.filename.rsplit(".", 1)[-1].lower(), "application/octet-stream")
        return file_response((job.filename, content_type, content))


class AnnualReportView(TenantPermissionMixin, TemplateView):
    permission_action = Action.ANNUAL_REPORT
    template_name = "reports/annual/page.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            years=report_years(today), organization=self.request.tenant.organization, today=today, **kwargs
        )


class AnnualReportPdfView(TenantPermissionMixin, View):
    permission_action = Action.ANNUAL_REPORT
    download_has_personal_data = False  # figures of the organization

    def get(self, request, year):
        today = timezone.localdate()
        if year not in report_years(today):
            raise Http404
        organization = request.tenant.organization
        rendered = get_exporter("annual_report").render({"organization": organization, "year": year, "today": today})
        return file_response(rendered, as_attachment=False)
