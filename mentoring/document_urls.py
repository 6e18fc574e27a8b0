from django.urls import path

from mentoring import document_views

urlpatterns = [
    path(
        "participants/<int:pk>/consent-form/",
        document_views.ConsentFormPdfView.as_view(),
        name="consent_form_pdf",
    ),
    path("consent-forms/", document_views.ClassConsentFormsView.as_view(), name="class_consent_forms"),
    path("export/<str:registry>.xlsx", document_views.RegistryExportView.as_view(), name="registry_export"),
]
