"""Staff pages of eligibility under /app/: the panels of the person and unit pages, the board's suggestions."""

from django.urls import path

from thidua.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("people/<int:pk>/eligibility/", views.PersonPanelView.as_view(), name="panel-person"),
    path("units/<int:pk>/eligibility/", views.UnitPanelView.as_view(), name="panel-unit"),
    path("eligibility/suggestions/", views.SuggestionsView.as_view(), name="suggestions"),
    path("eligibility/suggestions.xlsx", views.SuggestionsXlsxView.as_view(), name="suggestions-xlsx"),
]
