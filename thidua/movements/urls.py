"""Staff pages of the movements app under /app/. Movements and answers are listed here; exemplary models and the
cluster pages (covenants, score sheets) keep their patterns beside their views and are included below, in the same
"movements" namespace."""

from django.urls import include, path

from thidua.movements import views

app_name = "movements"

urlpatterns = [
    path("movements/", views.MovementListView.as_view(), name="list"),
    path("movements/new/", views.MovementCreateView.as_view(), name="create"),
    path("movements/owed/", views.OwedView.as_view(), name="owed"),
    path("movements/<int:pk>/", views.MovementDetailView.as_view(), name="detail"),
    path("movements/<int:pk>/edit/", views.MovementEditView.as_view(), name="edit"),
    path("movements/<int:pk>/launch/", views.MovementLaunchView.as_view(), name="launch"),
    path("movements/<int:pk>/amend/", views.MovementAmendView.as_view(), name="amend"),
    path("movements/<int:pk>/close/", views.MovementCloseView.as_view(), name="close"),
    path("movements/<int:pk>/plan-document/", views.PlanDocumentView.as_view(), name="plan-document"),
    path("movements/<int:pk>/dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("movements/<int:pk>/dashboard.xlsx", views.DashboardXlsxView.as_view(), name="dashboard-xlsx"),
    path("movements/<int:pk>/remind/", views.RemindView.as_view(), name="remind"),
    path("movements/<int:pk>/sub-movements/new/", views.SubMovementCreateView.as_view(), name="sub-movement-create"),
    path("movements/<int:pk>/pledges/", views.ConsolidatedView.as_view(), name="consolidated"),
    path("unit-plans/<int:pk>/", views.UnitPlanView.as_view(), name="unit-plan"),
    path("unit-plans/<int:pk>/document/", views.UnitPlanDocumentView.as_view(), name="unit-plan-document"),
    path("registrations/<int:pk>/", views.RegistrationView.as_view(), name="registration"),
    path("registrations/<int:pk>/review/", views.RegistrationReviewView.as_view(), name="registration-review"),
    path("progress-reports/<int:pk>/", views.ProgressReportView.as_view(), name="report"),
    path(
        "progress-reports/<int:pk>/attachments/<uuid:file_id>/",
        views.ReportAttachmentView.as_view(),
        name="report-attachment",
    ),
    path("", include("thidua.movements.exemplary_urls")),
    path("", include("thidua.movements.cluster_urls")),
]
