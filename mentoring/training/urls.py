from django.urls import path

from mentoring.training import views

urlpatterns = [
    path("", views.ProgramListView.as_view(), name="training_program_list"),
    path("new/", views.ProgramCreateView.as_view(), name="training_program_create"),
    path("mine/", views.OwnTrainingsView.as_view(), name="training_mine"),
    path("mine/<int:pk>/certificate/", views.OwnCertificateView.as_view(), name="training_own_certificate"),
    path("completions/", views.CompletionsView.as_view(), name="training_completions"),
    path("<int:pk>/", views.ProgramDetailView.as_view(), name="training_program_detail"),
    path("<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="training_program_update"),
    path("<int:pk>/sessions/new/", views.SessionCreateView.as_view(), name="training_session_create"),
    path("<int:pk>/enrol/", views.EnrolView.as_view(), name="training_enrol"),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="training_attendance"),
    path("<int:pk>/order/", views.OrderDraftView.as_view(), name="training_order_draft"),
    path("sessions/<int:pk>/delete/", views.SessionDeleteView.as_view(), name="training_session_delete"),
    path("enrolments/<int:pk>/complete/", views.CompleteView.as_view(), name="training_complete"),
    path("enrolments/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="training_withdraw"),
    path("enrolments/<int:pk>/certificate/", views.CertificateView.as_view(), name="training_certificate"),
]
