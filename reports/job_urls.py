from django.urls import path

from reports import job_views

urlpatterns = [
    path("", job_views.ExportJobListView.as_view(), name="export_job_list"),
    path("quarterly/", job_views.QuarterlyExportStartView.as_view(), name="quarterly_export_start"),
    path("annual-reports/", job_views.AnnualReportsExportStartView.as_view(), name="annual_reports_export_start"),
    path("analytical-note/", job_views.AnalyticalNoteStartView.as_view(), name="analytical_note_start"),
    path("<int:pk>/", job_views.ExportJobDetailView.as_view(), name="export_job_detail"),
    path("<int:pk>/progress/", job_views.ExportJobProgressView.as_view(), name="export_job_progress"),
    path("<int:pk>/download/", job_views.ExportJobDownloadView.as_view(), name="export_job_download"),
    path("annual/", job_views.AnnualReportView.as_view(), name="annual_report"),
    path("annual/<int:year>/", job_views.AnnualReportPdfView.as_view(), name="annual_report_pdf"),
]
