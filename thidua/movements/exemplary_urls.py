"""Patterns included by thidua/movements/urls.py (namespace "movements")."""

urlpatterns: list = []
