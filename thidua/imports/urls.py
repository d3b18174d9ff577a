"""Staff pages (filled in by issue 7)."""

from django.urls import path  # noqa: F401

app_name = "imports"

urlpatterns: list = []
