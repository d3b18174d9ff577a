"""Public pages of consultations (công khai, lấy ý kiến Nhân dân), no login, under /cong-khai/."""

from django.urls import path

from thidua.dossiers import public_views

app_name = "consultations_public"

urlpatterns = [
    path("", public_views.ConsultationListView.as_view(), name="list"),
    path("<int:pk>/", public_views.ConsultationDetailView.as_view(), name="detail"),
]
