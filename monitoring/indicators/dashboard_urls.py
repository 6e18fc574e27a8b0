from django.urls import path

from monitoring.indicators import dashboard_views

urlpatterns = [
    path("", dashboard_views.DashboardView.as_view(), name="monitoring_dashboard"),
    path(
        "organizations/<int:pk>/",
        dashboard_views.OrganizationDrillDownView.as_view(),
        name="monitoring_dashboard_organization",
    ),
]
