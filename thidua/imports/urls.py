"""Staff pages of imports under /app/imports/."""

from django.urls import path

from thidua.imports import views

app_name = "imports"

urlpatterns = [
    path("imports/", views.ImportIndexView.as_view(), name="index"),
    path("imports/templates/<slug:kind>.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("imports/<int:pk>/", views.BatchDetailView.as_view(), name="detail"),
    path("imports/<int:pk>/status/", views.BatchProgressView.as_view(), name="status"),
    path("imports/<int:pk>/commit/", views.BatchCommitView.as_view(), name="commit"),
]
