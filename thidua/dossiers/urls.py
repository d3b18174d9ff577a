"""Staff pages of nomination dossiers under /app/ (namespace "dossiers")."""

from django.urls import path

from thidua.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="list"),
    path("dossiers/<int:pk>/", views.DossierDetailView.as_view(), name="detail"),
    path("dossier-entries/<int:pk>/remove/", views.EntryRemoveView.as_view(), name="entry-remove"),
    path("exemplary-models/<int:model_pk>/propose/", views.EntryFromModelView.as_view(), name="entry-from-model"),
    path("score-sheets/<int:sheet_pk>/propose/", views.EntriesFromSheetView.as_view(), name="entries-from-sheet"),
]
