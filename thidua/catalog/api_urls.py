"""/api/v1/ paths of the award catalog (read-only). Paths and names are a public contract (docs/api.md)."""

from django.urls import path

from thidua.catalog.api import AuthorityViewSet, AwardTypeViewSet

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}

urlpatterns = [
    path("authorities/", AuthorityViewSet.as_view(LIST), name="api-authority-list"),
    path("authorities/<int:pk>/", AuthorityViewSet.as_view(DETAIL), name="api-authority-detail"),
    path("award-types/", AwardTypeViewSet.as_view(LIST), name="api-award-type-list"),
    path("award-types/<int:pk>/", AwardTypeViewSet.as_view(DETAIL), name="api-award-type-detail"),
]
