"""/api/v1/ paths of the organisation. Paths and names are a public contract (docs/api.md): add, never rename."""

from django.urls import path

from thidua.orgs.api import ClusterViewSet, MembershipViewSet, PersonViewSet, UnitViewSet

LIST = {"get": "list", "post": "create"}
DETAIL = {"get": "retrieve", "put": "update", "patch": "partial_update"}
# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}

urlpatterns = [
    path("units/", UnitViewSet.as_view(LIST), name="api-unit-list"),
    path("units/<int:pk>/", UnitViewSet.as_view(DETAIL), name="api-unit-detail"),
    path("units/<int:pk>/rename/", UnitViewSet.as_view({"post": "rename"}, **ACTION), name="api-unit-rename"),
    path("units/<int:pk>/move/", UnitViewSet.as_view({"post": "move"}, **ACTION), name="api-unit-move"),
    path("people/", PersonViewSet.as_view(LIST), name="api-person-list"),
    path("people/<int:pk>/", PersonViewSet.as_view(DETAIL), name="api-person-detail"),
    path("memberships/", MembershipViewSet.as_view(LIST), name="api-membership-list"),
    path(
        "memberships/<int:pk>/",
        MembershipViewSet.as_view({**DETAIL, "delete": "destroy"}),
        name="api-membership-detail",
    ),
    path("clusters/", ClusterViewSet.as_view(LIST), name="api-cluster-list"),
    path("clusters/<int:pk>/", ClusterViewSet.as_view(DETAIL), name="api-cluster-detail"),
    path(
        "clusters/<int:pk>/members/",
        ClusterViewSet.as_view({"get": "members", "put": "set_members"}, **ACTION),
        name="api-cluster-members",
    ),
]
