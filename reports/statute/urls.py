from django.urls import path

from reports.statute import views

urlpatterns = [
    path("", views.StatuteHomeView.as_view(), name="statute_home"),
    path("new/", views.StatuteCreateView.as_view(), name="statute_create"),
    path("<int:pk>/edit/", views.StatuteEditView.as_view(), name="statute_edit"),
    path("versions/<int:pk>/", views.StatuteVersionDetailView.as_view(), name="statute_version_detail"),
    path("versions/<int:pk>/pdf/", views.StatuteVersionPdfView.as_view(), name="statute_version_pdf"),
    path("versions/<int:pk>/docx/", views.StatuteVersionDocxView.as_view(), name="statute_version_docx"),
    path("versions/<int:pk>/compare/", views.StatuteVersionCompareView.as_view(), name="statute_version_compare"),
    path("versions/<int:pk>/restore/", views.StatuteVersionRestoreView.as_view(), name="statute_version_restore"),
    path("versions/<int:pk>/order/", views.StatuteOrderDraftView.as_view(), name="statute_order_draft"),
]
