"""The public pages of the sections: /open/<address>/, open to anyone."""

from django.urls import path

from reports.publication import views

urlpatterns = [
    path("<slug:slug>/", views.PublicSectionView.as_view(), name="public_section"),
    path("<slug:slug>/orders/<int:pk>.pdf", views.PublicOrderPdfView.as_view(), name="public_order_pdf"),
    path("<slug:slug>/statute/<int:pk>.pdf", views.PublicStatutePdfView.as_view(), name="public_statute_pdf"),
    path("<slug:slug>/feed/", views.PublicFeedView.as_view(), name="public_feed"),
]
