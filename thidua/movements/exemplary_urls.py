"""Patterns of the exemplary-model pages, included by thidua/movements/urls.py (namespace "movements")."""

from django.urls import path

from thidua.movements import exemplary_views as views

urlpatterns = [
    path("exemplary-models/", views.ExemplaryListView.as_view(), name="exemplary-list"),
    path("exemplary-models/new/", views.ExemplaryCreateView.as_view(), name="exemplary-create"),
    path("exemplary-models/<int:pk>/", views.ExemplaryDetailView.as_view(), name="exemplary-detail"),
    path("exemplary-models/<int:pk>/edit/", views.ExemplaryEditView.as_view(), name="exemplary-edit"),
    path("exemplary-models/<int:pk>/review/", views.ExemplaryReviewView.as_view(), name="exemplary-review"),
    path("exemplary-models/<int:pk>/publish/", views.ExemplaryPublishView.as_view(), name="exemplary-publish"),
    path(
        "exemplary-models/<int:pk>/photos/<uuid:file_id>/",
        views.ExemplaryPhotoView.as_view(),
        name="exemplary-photo",
    ),
]
