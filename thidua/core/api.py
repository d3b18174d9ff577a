"""Shared API pieces: keyset (cursor) pagination, so deep pages never use OFFSET."""

from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """Cursor pages ordered by a unique key; views with their own order set ``ordering``."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("-pk",)
