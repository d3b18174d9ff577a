"""API routes of the movements app under /api/v1/."""

urlpatterns: list = []
