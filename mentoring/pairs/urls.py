from django.urls import path

from mentoring.pairs import (
    matching_views,
    views,
)

urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("new/", views.UnitCreateView.as_view(), name="unit_create"),
    path("approval/", views.UnitsForApprovalView.as_view(), name="units_for_approval"),
    path("submit-drafts/", views.UnitsSubmitAllView.as_view(), name="units_submit_all"),
    path("unmatched/", views.UnmatchedMenteesView.as_view(), name="unmatched_mentees"),
    path("unmatched/<int:pk>/", views.UnmatchedMarkView.as_view(), name="unmatched_mark"),
    path("programs/", views.ProgramListView.as_view(), name="program_list"),
    path("programs/new/", views.ProgramCreateView.as_view(), name="program_create"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program_detail"),
    path("programs/<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="program_update"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit_update"),
    path("<int:pk>/delete/", views.UnitDeleteView.as_view(), name="unit_delete"),
    path("<int:pk>/submit/", views.UnitSubmitView.as_view(), name="unit_submit"),
    path("<int:pk>/return/", views.UnitReturnView.as_view(), name="unit_return"),
    path("<int:pk>/terminate/", views.UnitTerminateView.as_view(), name="unit_terminate"),
    path("<int:pk>/leave/", views.UnitMenteeLeaveView.as_view(), name="unit_mentee_leave"),
    path("matching/", matching_views.MatchingView.as_view(), name="matching"),
    path("matching/accept/", matching_views.MatchingAcceptView.as_view(), name="matching_accept"),
    path("matching/accept-all/", matching_views.MatchingAcceptAllView.as_view(), name="matching_accept_all"),
    path("matching/reject/", matching_views.MatchingRejectView.as_view(), name="matching_reject"),
    path("matching/restore/", matching_views.MatchingRestoreView.as_view(), name="matching_restore"),
    path("matching/weights/", matching_views.MatchingWeightsView.as_view(), name="matching_weights"),
    path("matching/compute/", matching_views.MatchingComputeView.as_view(), name="matching_compute"),
    path(
        "matching/runs/<int:pk>/progress/",
        matching_views.MatchingRunProgressView.as_view(),
        name="matching_run_progress",
    ),
]
