"""/api/v1/ paths of eligibility. Paths and names are a public contract (docs/eligibility.md): add, never rename."""

from django.urls import path

from thidua.eligibility.api import EligibilityView, SuggestionsView

urlpatterns = [
    path("eligibility/", EligibilityView.as_view(), name="api-eligibility"),
    path("eligibility/suggestions/", SuggestionsView.as_view(), name="api-eligibility-suggestions"),
]
