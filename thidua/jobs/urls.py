from django.urls import path

from thidua.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.JobListView.as_view(), name="list"),
    path("jobs/reindex-people/", views.StartReindexView.as_view(), name="start-reindex"),
    path("jobs/<uuid:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("jobs/<uuid:pk>/progress/", views.JobProgressView.as_view(), name="progress"),
]
