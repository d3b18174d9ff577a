"""Staff pages of nomination dossiers, council sessions and consultations under /app/ (namespace "dossiers")."""

from django.urls import path

from thidua.dossiers import consultation_views, council_views, document_views, views

app_name = "dossiers"

urlpatterns = [
    # The unit's outbox; "list" is its older name, kept for links made before the workflow.
    path("dossiers/", views.OutboxView.as_view(), name="outbox"),
    path("dossiers/", views.OutboxView.as_view(), name="list"),
    path("dossiers/inbox/", views.InboxView.as_view(), name="inbox"),
    path("dossiers/new/", views.DossierCreateView.as_view(), name="create"),
    path("dossiers/year-end/", views.YearEndCreateView.as_view(), name="year-end"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="detail"),
    path("dossiers/<int:pk>/do/<slug:code>/", views.DossierTransitionView.as_view(), name="transition"),
    path("dossiers/<int:pk>/forward/", views.ForwardView.as_view(), name="forward"),
    path("dossiers/<int:pk>/entries/new/", views.EntryAddView.as_view(), name="entry-add"),
    path("dossiers/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path("dossiers/<int:pk>/own-council/", views.OwnCouncilView.as_view(), name="own-council"),
    path("dossiers/<int:pk>/package/", views.PackageDownloadView.as_view(), name="package"),
    # Generated documents (DOCX or PDF): the tờ trình, each entry's báo cáo thành tích, a session's biên bản
    path(
        "dossiers/<int:pk>/documents/proposal.<slug:fmt>",
        document_views.ProposalDocumentView.as_view(),
        name="proposal-document",
    ),
    path(
        "dossier-entries/<int:pk>/documents/report.<slug:fmt>",
        document_views.ReportDocumentView.as_view(),
        name="report-document",
    ),
    path(
        "council-sessions/<int:pk>/documents/minutes.<slug:fmt>",
        document_views.MinutesDocumentView.as_view(),
        name="minutes-document",
    ),
    path("dossier-entries/<int:pk>/edit/", views.EntryEditView.as_view(), name="entry-edit"),
    path("dossier-entries/<int:pk>/remove/", views.EntryRemoveView.as_view(), name="entry-remove"),
    path("dossier-entries/<int:pk>/appraise/", views.AppraiseView.as_view(), name="entry-appraise"),
    path("dossier-entries/<int:pk>/do/<slug:code>/", views.EntryTransitionView.as_view(), name="entry-transition"),
    path("dossier-attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("dossier-attachments/<int:pk>/remove/", views.AttachmentRemoveView.as_view(), name="attachment-remove"),
    path("exemplary-models/<int:model_pk>/propose/", views.EntryFromModelView.as_view(), name="entry-from-model"),
    path("score-sheets/<int:sheet_pk>/propose/", views.EntriesFromSheetView.as_view(), name="entries-from-sheet"),
    # The council (Hội đồng Thi đua - Khen thưởng)
    path("council-sessions/", council_views.SessionListView.as_view(), name="sessions"),
    path("council-sessions/new/", council_views.SessionCreateView.as_view(), name="session-create"),
    path("council-sessions/<int:pk>/", council_views.SessionDetailView.as_view(), name="session-detail"),
    path("council-sessions/<int:pk>/agenda/", council_views.AgendaAddView.as_view(), name="session-agenda"),
    path("council-sessions/<int:pk>/attendance/", council_views.AttendanceView.as_view(), name="session-attendance"),
    path("council-sessions/<int:pk>/open/", council_views.OpenVotingView.as_view(), name="session-open"),
    path("council-sessions/<int:pk>/close/", council_views.CloseVotingView.as_view(), name="session-close"),
    path("council-sessions/<int:pk>/vote/", council_views.VotePageView.as_view(), name="session-vote"),
    path("council-items/<int:pk>/remove/", council_views.AgendaRemoveView.as_view(), name="item-remove"),
    path("council-items/<int:pk>/vote/", council_views.CastVoteView.as_view(), name="item-vote"),
    path("council-items/<int:pk>/recuse/", council_views.RecuseView.as_view(), name="item-recuse"),
    path("council-items/<int:pk>/tally/", council_views.TallyView.as_view(), name="item-tally"),
    # Public consultation, the board's side (the public pages are thidua.dossiers.public_urls)
    path("consultations/", consultation_views.ConsultationListView.as_view(), name="consultations"),
    path("consultations/new/", consultation_views.ConsultationCreateView.as_view(), name="consultation-create"),
    path("consultations/<int:pk>/", consultation_views.ConsultationDetailView.as_view(), name="consultation-detail"),
    path(
        "consultations/<int:pk>/close/", consultation_views.CloseConsultationView.as_view(), name="consultation-close"
    ),
    path(
        "consultation-comments/<int:pk>/moderate/", consultation_views.ModerateView.as_view(), name="comment-moderate"
    ),
]
