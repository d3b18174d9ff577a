"""Staff pages (filled in by issue 7)."""

from django.urls import path  # noqa: F401

app_name = "report_forms"

urlpatterns: list = []
