"""Staff pages of the certificate layouts: the list and the calibration of the blank mode, with its test page."""

from django.urls import path

from thidua.decisions import layout_views

app_name = "certificate_layouts"

urlpatterns = [
    path("certificate-layouts/", layout_views.LayoutListView.as_view(), name="list"),
    path("certificate-layouts/<int:pk>/calibrate/", layout_views.CalibrateView.as_view(), name="calibrate"),
    path("certificate-layouts/<int:pk>/test-page.pdf", layout_views.TestPageView.as_view(), name="test-page"),
]
