"""Staff pages of the analytical reports (the official forms Biểu 0601–0603 are in official_urls.py)."""

from django.urls import path

from thidua.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.IndexView.as_view(), name="index"),
    path("reports/year/", views.YearReportView.as_view(), name="year"),
    path("reports/movements/<int:pk>/", views.MovementReportView.as_view(), name="movement"),
]
