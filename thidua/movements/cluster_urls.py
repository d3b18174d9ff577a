"""Patterns of the cluster pages (covenants, score sheets), included by thidua/movements/urls.py (namespace
"movements")."""

from django.urls import path

from thidua.movements import cluster_views as views

urlpatterns = [
    path("covenants/", views.CovenantListView.as_view(), name="covenant-list"),
    path("covenants/new/", views.CovenantCreateView.as_view(), name="covenant-create"),
    path("covenants/<int:pk>/", views.CovenantDetailView.as_view(), name="covenant-detail"),
    path("covenants/<int:pk>/sign/", views.CovenantSignView.as_view(), name="covenant-sign"),
    path("score-sheets/", views.SheetListView.as_view(), name="sheet-list"),
    path("score-sheets/new/", views.SheetCreateView.as_view(), name="sheet-create"),
    path("score-sheets/<int:pk>/", views.SheetDetailView.as_view(), name="sheet-detail"),
    path("score-sheets/<int:pk>/members/<int:member_pk>/", views.SheetScoreView.as_view(), name="sheet-score"),
    path("score-sheets/<int:pk>/open/", views.SheetOpenView.as_view(), name="sheet-open"),
    path("score-sheets/<int:pk>/publish/", views.SheetPublishView.as_view(), name="sheet-publish"),
    path("score-sheets/<int:pk>/lock/", views.SheetLockView.as_view(), name="sheet-lock"),
]
