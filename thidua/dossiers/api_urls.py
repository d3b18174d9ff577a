"""API routes of the dossiers app under /api/v1/."""

urlpatterns: list = []
