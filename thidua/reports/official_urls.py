"""Staff pages of the official statistics forms (Biểu 0601–0603), under /app/."""

from django.urls import path

from thidua.reports import official_views as views

app_name = "report_forms"

urlpatterns = [
    path("reports/forms/", views.OfficialFormListView.as_view(), name="list"),
    path("reports/forms/<str:code>.xlsx", views.OfficialFormXlsxView.as_view(), name="xlsx"),
    path("reports/forms/<str:code>/", views.OfficialFormDetailView.as_view(), name="detail"),
]
