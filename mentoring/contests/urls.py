from django.urls import path

from mentoring.contests import views

urlpatterns = [
    path("", views.ContestListView.as_view(), name="contest_list"),
    path("new/", views.ContestCreateView.as_view(), name="contest_create"),
    path("<int:pk>/", views.ContestDetailView.as_view(), name="contest_detail"),
    path("<int:pk>/edit/", views.ContestUpdateView.as_view(), name="contest_update"),
    path("<int:pk>/nominations/", views.NominationAddView.as_view(), name="contest_nomination_add"),
    path("<int:pk>/criteria/", views.CriterionAddView.as_view(), name="contest_criterion_add"),
    path("<int:pk>/advance/", views.ContestActionView.as_view(step="advance"), name="contest_advance"),
    path("<int:pk>/close/", views.ContestActionView.as_view(step="close"), name="contest_close"),
    path("<int:pk>/order/", views.ContestActionView.as_view(step="order"), name="contest_results_order"),
    path("<int:pk>/letters/", views.ContestActionView.as_view(step="letters"), name="contest_letters"),
    path("<int:pk>/apply/", views.ApplicationCreateView.as_view(), name="contest_apply"),
    path("applications/<int:pk>/", views.ApplicationDetailView.as_view(), name="contest_application_detail"),
    path(
        "applications/<int:pk>/withdraw/", views.ApplicationWithdrawView.as_view(), name="contest_application_withdraw"
    ),
    path("applications/<int:pk>/score/", views.ApplicationScoreView.as_view(), name="contest_application_score"),
    path("files/<int:pk>/", views.ApplicationFileView.as_view(), name="contest_application_file"),
    path("candidates/", views.AwardCandidatesView.as_view(), name="award_candidates"),
    path("candidates.xlsx", views.AwardCandidatesExportView.as_view(), name="award_candidates_export"),
]
