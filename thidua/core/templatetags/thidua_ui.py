"""Template helpers of the staff UI shell: the user's roles in the header, page links that keep the filters."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import formats

from thidua.core.pagination import AFTER, BEFORE

register = template.Library()


@register.simple_tag
def url_or(name: str, fallback: str) -> str:
    """The URL named ``name``, or ``fallback`` while the app that will provide it is not wired yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


@register.simple_tag(takes_context=True)
def user_roles(context) -> list:
    """The signed-in user's current role assignments (role and unit), read once per page."""
    request: HttpRequest | None = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(request, "_thidua_user_roles", None)
    if cached is None:
        from thidua.accounts.models import RoleAssignment

        # The user's own assignments: not a domain list to scope, they define the scope itself.
        cached = list(
            RoleAssignment.objects.current()
            .filter(user=user)
            .select_related("role", "unit")
            .order_by("unit__path", "role__pk")
        )
        request._thidua_user_roles = cached
    return cached


@register.simple_tag(takes_context=True)
def page_query(context, cursor_name: str, cursor: str, prefix: str = "") -> str:
    """The current query string with the page cursor replaced: filters survive paging.

    ``prefix`` lets one page carry two paginated lists ("members_after").
    """
    request: HttpRequest = context["request"]
    params = request.GET.copy()
    for name in (AFTER, BEFORE):
        params.pop(prefix + name, None)
    params[prefix + cursor_name] = cursor
    return "?" + params.urlencode()


@register.filter
def plain_decimal(value: Decimal | None) -> str:
    """A decimal without trailing zeros, in the active locale: 0.30 → "0,3", 2.00 → "2", 10.00 → "10"."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return formats.number_format(Decimal(text))
