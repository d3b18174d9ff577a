"""Public pages of consultations (công khai, lấy ý kiến Nhân dân), no login, under /cong-khai/."""

from django.urls import path  # noqa: F401

app_name = "consultations_public"

urlpatterns: list = []
