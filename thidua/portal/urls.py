"""The public portal at the site root, no login (the site's "home" is its first page, named in thidua/urls.py)."""

from django.urls import path

from thidua.portal import views

app_name = "portal"

urlpatterns = [
    path("movements/", views.MovementListView.as_view(), name="movements"),
    path("movements/<int:pk>/", views.MovementDetailView.as_view(), name="movement"),
    path("models/", views.ModelListView.as_view(), name="models"),
    path("models/<int:pk>/", views.ModelDetailView.as_view(), name="model"),
    path("models/<int:pk>/photos/<uuid:file_id>/", views.ModelPhotoView.as_view(), name="model-photo"),
    path("honours/", views.HonourRollView.as_view(), name="honours"),
    path("search/", views.SearchView.as_view(), name="search"),
    # The box for a code typed from paper; the page of a code is the decisions app's /verify/<code>.
    path("verify/", views.VerifyFormView.as_view(), name="verify"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
]
