from django.urls import include, path

from reports import export_log_views, views

urlpatterns = [
    path("orders/", views.OrderListView.as_view(), name="order_list"),
    path("orders/new/", views.OrderCreateView.as_view(), name="order_create"),
    path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="order_detail"),
    path("orders/<int:pk>/edit/", views.OrderUpdateView.as_view(), name="order_update"),
    path("orders/<int:pk>/register/", views.OrderRegisterView.as_view(), name="order_register"),
    path("orders/<int:pk>/cancel/", views.OrderCancelView.as_view(), name="order_cancel"),
    path("orders/<int:pk>/delete/", views.OrderDeleteView.as_view(), name="order_delete"),
    path("orders/<int:pk>/pdf/", views.OrderPdfView.as_view(), name="order_pdf"),
    path("orders/<int:pk>/pdf/status/", views.OrderPdfStatusView.as_view(), name="order_pdf_status"),
    path("orders/<int:pk>/docx/", views.OrderDocxView.as_view(), name="order_docx"),
    path("statute/", include("reports.statute.urls")),
    path("downloads/", export_log_views.ExportRecordListView.as_view(), name="export_log"),
]
