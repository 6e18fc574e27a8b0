from django.urls import path

from monitoring.indicators import views

urlpatterns = [
    path("", views.IndicatorOverviewView.as_view(), name="indicator_overview"),
    path("contingent/", views.ContingentView.as_view(), name="contingent_edit"),
    path("submit/<int:period_pk>/", views.PeriodSubmitView.as_view(), name="period_submit"),
    path("submissions/", views.SubmissionListView.as_view(), name="submission_list"),
    path("submissions/<int:pk>/", views.SubmissionDetailView.as_view(), name="submission_detail"),
    path("targets/", views.TargetTableView.as_view(), name="target_table"),
    path("explain/<int:period_pk>/<slug:code>/", views.IndicatorExplainView.as_view(), name="indicator_explain"),
    path("explain/<int:period_pk>/<slug:code>/people/", views.NumeratorPeopleView.as_view(), name="indicator_people"),
    path("periods/", views.PeriodListView.as_view(), name="period_list"),
    path("periods/quarterly/", views.PeriodsQuarterlyView.as_view(), name="periods_quarterly"),
    path("periods/<int:pk>/", views.PeriodUpdateView.as_view(), name="period_update"),
    path("periods/<int:pk>/delete/", views.PeriodDeleteView.as_view(), name="period_delete"),
]
