from django.urls import path

from reports.publication import views

urlpatterns = [
    path("", views.PublicationManageView.as_view(), name="publication_manage"),
    path("toggle/", views.PublicationToggleView.as_view(), name="publication_toggle"),
    path("settings/", views.PublicationSettingsView.as_view(), name="publication_settings"),
    path("preview/", views.PublicationPreviewView.as_view(), name="publication_preview"),
    path("log/", views.PublicationLogView.as_view(), name="publication_log"),
    path("export/", views.PublicationExportView.as_view(), name="publication_export"),
]
