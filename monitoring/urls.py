from django.urls import path

from monitoring import views

urlpatterns = [
    path("questionnaires/", views.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path("questionnaires/new/", views.QuestionnaireCreateView.as_view(), name="questionnaire_create"),
    path("questionnaires/<int:pk>/", views.QuestionnaireDetailView.as_view(), name="questionnaire_detail"),
    path("questionnaires/<int:pk>/edit/", views.QuestionnaireUpdateView.as_view(), name="questionnaire_update"),
    path("questionnaires/<int:pk>/copy/", views.QuestionnaireCopyView.as_view(), name="questionnaire_copy"),
    path("questionnaires/<int:pk>/delete/", views.QuestionnaireDeleteView.as_view(), name="questionnaire_delete"),
    path("questionnaires/<int:pk>/questions/new/", views.QuestionFormView.as_view(), name="question_create"),
    path(
        "questionnaires/<int:pk>/questions/<int:question>/",
        views.QuestionFormView.as_view(),
        name="question_update",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question>/delete/",
        views.QuestionActionView.as_view(),
        {"action": "delete"},
        name="question_delete",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question>/up/",
        views.QuestionActionView.as_view(),
        {"action": "up"},
        name="question_up",
    ),
    path(
        "questionnaires/<int:pk>/questions/<int:question>/down/",
        views.QuestionActionView.as_view(),
        {"action": "down"},
        name="question_down",
    ),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/email/", views.CampaignEmailView.as_view(), name="campaign_email"),
    path("campaigns/<int:pk>/remind/", views.CampaignRemindView.as_view(), name="campaign_remind"),
    path("campaigns/<int:pk>/close/", views.CampaignCloseView.as_view(), name="campaign_close"),
    path("campaigns/<int:pk>/links.pdf", views.CampaignSheetView.as_view(), name="campaign_sheet"),
    path("campaigns/<int:pk>/results/", views.CampaignResultsView.as_view(), name="campaign_results"),
    path("campaigns/<int:pk>/answers.xlsx", views.CampaignExportView.as_view(), name="campaign_export"),
]
