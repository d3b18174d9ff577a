"""/api/v1/ paths of the history. Paths and names are a public contract (docs/api.md): add, never rename."""

from django.urls import path

from thidua.records.api import AwardViewSet, DisciplineViewSet, InitiativeViewSet, RatingViewSet

LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}

urlpatterns = [
    path("ratings/", RatingViewSet.as_view(LIST), name="api-rating-list"),
    path("ratings/<int:pk>/", RatingViewSet.as_view(DETAIL), name="api-rating-detail"),
    path("initiatives/", InitiativeViewSet.as_view(LIST), name="api-initiative-list"),
    path("initiatives/<int:pk>/", InitiativeViewSet.as_view(DETAIL), name="api-initiative-detail"),
    path("awards/", AwardViewSet.as_view(LIST), name="api-award-list"),
    path("awards/<int:pk>/", AwardViewSet.as_view(DETAIL), name="api-award-detail"),
    path("disciplines/", DisciplineViewSet.as_view(LIST), name="api-discipline-list"),
    path("disciplines/<int:pk>/", DisciplineViewSet.as_view(DETAIL), name="api-discipline-detail"),
]
