"""Personal questionnaire links, short for QR codes on paper: /q/<key>/<secret>/."""

from django.urls import path

from monitoring import views

urlpatterns = [
    path("done/", views.AnswerDoneView.as_view(), name="answer_done"),
    path("<str:key>/<str:secret>/", views.AnswerView.as_view(), name="answer"),
]
