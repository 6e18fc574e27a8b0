from django.urls import path

from roadmap import views

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap_list"),
    path("new/", views.RoadmapCreateView.as_view(), name="roadmap_create"),
    path("import/", views.RoadmapImportView.as_view(), name="roadmap_import"),
    path("templates/", views.TemplateListView.as_view(), name="roadmap_template_list"),
    path("templates/<int:pk>/delete/", views.TemplateDeleteView.as_view(), name="roadmap_template_delete"),
    path("audit/", views.AuditView.as_view(), name="roadmap_audit"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap_detail"),
    path("<int:pk>/timeline/", views.RoadmapTimelineView.as_view(), name="roadmap_timeline"),
    path("<int:pk>/xlsx/", views.RoadmapExportView.as_view(), name="roadmap_export"),
    path("<int:pk>/edit/", views.RoadmapUpdateView.as_view(), name="roadmap_update"),
    path("<int:pk>/delete/", views.RoadmapDeleteView.as_view(), name="roadmap_delete"),
    path("<int:pk>/save-template/", views.RoadmapSaveTemplateView.as_view(), name="roadmap_save_template"),
    path("<int:pk>/order/", views.RoadmapOrderDraftView.as_view(), name="roadmap_order_draft"),
    path("<int:pk>/stages/new/", views.StageCreateView.as_view(), name="stage_create"),
    path("<int:pk>/remarks/new/", views.RemarkCreateView.as_view(), name="remark_create"),
    path("stages/<int:pk>/edit/", views.StageUpdateView.as_view(), name="stage_update"),
    path("stages/<int:pk>/delete/", views.StageDeleteView.as_view(), name="stage_delete"),
    path("stages/<int:pk>/activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("activities/<int:pk>/move/", views.ActivityMoveView.as_view(), name="activity_move"),
    path("activities/<int:pk>/status/", views.ActivityStatusView.as_view(), name="activity_status"),
    path("activities/<int:pk>/comment/", views.ActivityCommentView.as_view(), name="activity_comment"),
    path("activities/<int:pk>/evidence/", views.ActivityEvidenceView.as_view(), name="activity_evidence"),
    path("occurrences/<int:pk>/status/", views.OccurrenceStatusView.as_view(), name="occurrence_status"),
    path("remarks/<int:pk>/reply/", views.RemarkReplyView.as_view(), name="remark_reply"),
    path("remarks/<int:pk>/resolve/", views.RemarkResolveView.as_view(), name="remark_resolve"),
]
