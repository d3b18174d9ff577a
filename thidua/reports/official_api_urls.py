"""API routes (filled in by issue 7)."""

urlpatterns: list = []
