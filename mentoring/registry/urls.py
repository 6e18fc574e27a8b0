from django.urls import path

from mentoring.registry import document_views, import_views, invitation_views, views

urlpatterns = [
    path("participants/", views.ParticipantListView.as_view(), name="participant_list"),
    path("participants/new/", views.ParticipantCreateView.as_view(), name="participant_create"),
    path("participants/<int:pk>/", views.ParticipantDetailView.as_view(), name="participant_detail"),
    path("participants/<int:pk>/edit/", views.ParticipantUpdateView.as_view(), name="participant_update"),
    path("participants/<int:pk>/invite/", invitation_views.ParticipantInviteView.as_view(), name="participant_invite"),
    path(
        "invitations/<int:pk>/accept/",
        invitation_views.InvitationAnswerView.as_view(accept=True),
        name="invitation_accept",
    ),
    path(
        "invitations/<int:pk>/decline/",
        invitation_views.InvitationAnswerView.as_view(accept=False),
        name="invitation_decline",
    ),
    path(
        "participants/<int:pk>/mentor-entries/new/",
        views.MentorEntryCreateView.as_view(),
        name="mentor_entry_create",
    ),
    path(
        "participants/<int:pk>/mentee-entries/new/",
        views.MenteeEntryCreateView.as_view(),
        name="mentee_entry_create",
    ),
    path("mentor-entries/<int:pk>/edit/", views.MentorEntryUpdateView.as_view(), name="mentor_entry_update"),
    path("mentee-entries/<int:pk>/edit/", views.MenteeEntryUpdateView.as_view(), name="mentee_entry_update"),
    path("participants/<int:pk>/consents/new/", views.ConsentCreateView.as_view(), name="consent_create"),
    path("consents/<int:pk>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"),
    path("consents/<int:pk>/scan/", views.ConsentScanView.as_view(), name="consent_scan"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/new/", views.PartnerCreateView.as_view(), name="partner_create"),
    path("partners/<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("partners/<int:pk>/edit/", views.PartnerUpdateView.as_view(), name="partner_update"),
    path("import/", import_views.ImportUploadView.as_view(), name="registry_import"),
    path("import/template.xlsx", import_views.ImportTemplateView.as_view(), name="registry_import_template"),
    path("import/preview/", import_views.ImportPreviewView.as_view(), name="registry_import_preview"),
    path("import/confirm/", import_views.ImportConfirmView.as_view(), name="registry_import_confirm"),
    path(
        "participants/<int:pk>/consent-form/",
        document_views.ConsentFormPdfView.as_view(),
        name="consent_form_pdf",
    ),
    path("consent-forms/", document_views.ClassConsentFormsView.as_view(), name="class_consent_forms"),
    path("export/<str:registry>.xlsx", document_views.RegistryExportView.as_view(), name="registry_export"),
]
