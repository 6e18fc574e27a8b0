"""The work of pairs and groups, under /pairs/work/: meeting logs, development plans, completion."""

from django.urls import path

from mentoring.work import views as work_views

urlpatterns = [
    path("<int:unit_pk>/meetings/", work_views.MeetingListView.as_view(), name="meeting_list"),
    path("<int:unit_pk>/meetings/new/", work_views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:unit_pk>/meetings/pdf/", work_views.MeetingJournalPdfView.as_view(), name="meeting_journal_pdf"),
    path("meetings/<int:pk>/edit/", work_views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("<int:unit_pk>/complete/", work_views.UnitCompleteView.as_view(), name="unit_complete"),
    path("plans/<int:pk>/", work_views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", work_views.PlanUpdateView.as_view(), name="plan_update"),
    path("plans/<int:pk>/pdf/", work_views.PlanPdfView.as_view(), name="plan_pdf"),
    path("plans/items/<int:pk>/done/", work_views.PlanItemDoneView.as_view(), name="plan_item_done"),
    path("plans/<int:pk>/save-as-template/", work_views.PlanTemplateSaveView.as_view(), name="plan_template_save"),
    path("<int:unit_pk>/plans/from-template/", work_views.PlanTemplateApplyView.as_view(), name="plan_template_apply"),
    path("plan-templates/", work_views.PlanTemplateListView.as_view(), name="plan_template_list"),
    path("plan-templates/<int:pk>/delete/", work_views.PlanTemplateDeleteView.as_view(), name="plan_template_delete"),
]
