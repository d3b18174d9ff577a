"""The public verification page of certificates and extracts (what their QR codes open), no login: /verify/<code>."""

from django.urls import path

from thidua.decisions import public_views

urlpatterns = [
    path("verify/<str:code>", public_views.VerifyView.as_view(), name="verify"),
]
