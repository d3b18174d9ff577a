"""The public portal at the site root (filled in by issue 7)."""

urlpatterns: list = []
