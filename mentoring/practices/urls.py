"""The registry of practices, under /practices/."""

from django.urls import path

from mentoring.practices import views

urlpatterns = [
    path("", views.PracticeListView.as_view(), name="practice_list"),
    path("registry/", views.PracticeRegistryView.as_view(), name="practice_registry"),
    path("new/", views.PracticeCreateView.as_view(), name="practice_create"),
    path("<int:pk>/", views.PracticeDetailView.as_view(), name="practice_detail"),
    path("<int:pk>/edit/", views.PracticeUpdateView.as_view(), name="practice_update"),
    path("<int:pk>/submit/", views.PracticeSubmitView.as_view(), name="practice_submit"),
    path("<int:pk>/publish/", views.PracticePublishView.as_view(), name="practice_publish"),
    path("<int:pk>/return/", views.PracticeReturnView.as_view(), name="practice_return"),
    path("files/<int:pk>/", views.PracticeFileView.as_view(), name="practice_file"),
    path("files/<int:pk>/delete/", views.PracticeFileDeleteView.as_view(), name="practice_file_delete"),
]
