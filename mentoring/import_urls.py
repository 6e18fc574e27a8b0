from django.urls import path

from mentoring import import_views

urlpatterns = [
    path("", import_views.ImportUploadView.as_view(), name="registry_import"),
    path("template.xlsx", import_views.ImportTemplateView.as_view(), name="registry_import_template"),
    path("preview/", import_views.ImportPreviewView.as_view(), name="registry_import_preview"),
    path("confirm/", import_views.ImportConfirmView.as_view(), name="registry_import_confirm"),
]
