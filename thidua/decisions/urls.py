"""Staff pages of decisions under /app/ (namespace "decisions"). The public verification page is in
``thidua.decisions.public_urls``."""

from django.urls import path

from thidua.decisions import recipient_views, record_views, views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.DecisionListView.as_view(), name="list"),
    path("decisions/new/", views.DecisionCreateView.as_view(), name="create"),
    path("decisions/totals/", views.TotalsView.as_view(), name="totals"),
    path("decisions/totals.xlsx", views.TotalsXlsxView.as_view(), name="totals-xlsx"),
    path("decisions/record/", record_views.RecordDecisionView.as_view(), name="record"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="detail"),
    path("decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="edit"),
    path("decisions/<int:pk>/entries/", views.AddEntriesView.as_view(), name="add-entries"),
    path("decisions/<int:pk>/delete/", views.DecisionDeleteView.as_view(), name="delete"),
    path("decisions/<int:pk>/sign/", views.SignView.as_view(), name="sign"),
    path("decisions/<int:pk>/amend/", views.AmendView.as_view(), name="amend"),
    path("decisions/<int:pk>/documents/decision.<str:fmt>", views.DocumentView.as_view(), name="document"),
    path("decisions/<int:pk>/signed-file/", views.SignedFileView.as_view(), name="signed-file"),
    path("decisions/<int:pk>/payment-list.xlsx", views.PaymentListView.as_view(), name="payment-list"),
    path("decisions/<int:pk>/certificates/", views.CertificatesStartView.as_view(), name="certificates"),
    path("decisions/<int:pk>/certificates/status/", views.CertificatesStatusView.as_view(), name="certificates-status"),
    path("decisions/<int:pk>/certificates.pdf", views.CertificatesFileView.as_view(), name="certificates-file"),
    path("decision-items/<int:pk>/remove/", views.ItemRemoveView.as_view(), name="item-remove"),
    path("certificates/<int:pk>/reissue/", recipient_views.CertificateReissueView.as_view(), name="reissue"),
    path("certificate-reissues/<int:pk>.pdf", recipient_views.ReissuePdfView.as_view(), name="reissue-pdf"),
]
