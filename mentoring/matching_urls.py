from django.urls import path

from mentoring import matching_views as views

urlpatterns = [
    path("", views.MatchingView.as_view(), name="matching"),
    path("accept/", views.MatchingAcceptView.as_view(), name="matching_accept"),
    path("accept-all/", views.MatchingAcceptAllView.as_view(), name="matching_accept_all"),
    path("reject/", views.MatchingRejectView.as_view(), name="matching_reject"),
    path("restore/", views.MatchingRestoreView.as_view(), name="matching_restore"),
    path("weights/", views.MatchingWeightsView.as_view(), name="matching_weights"),
]
