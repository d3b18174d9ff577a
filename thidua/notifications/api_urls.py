"""/api/v1/ paths of the caller's notifications. Paths and names are a public contract (docs/api.md)."""

from django.urls import path

from thidua.notifications.api import NotificationViewSet

# Single-object actions: no list filters, no pages.
ACTION = {"filterset_class": None, "pagination_class": None}

urlpatterns = [
    path("notifications/", NotificationViewSet.as_view({"get": "list"}), name="api-notification-list"),
    path(
        "notifications/read-all/",
        NotificationViewSet.as_view({"post": "read_all"}, **ACTION),
        name="api-notification-read-all",
    ),
    path("notifications/<int:pk>/", NotificationViewSet.as_view({"get": "retrieve"}), name="api-notification-detail"),
    path(
        "notifications/<int:pk>/read/",
        NotificationViewSet.as_view({"post": "read"}, **ACTION),
        name="api-notification-read",
    ),
]
