"""Sign in and sign out of the staff app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views

from thidua.accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Django's LoginView puts the request's host in ``site_name``; the header shows the deployment's name.
        return {**super().get_context_data(**kwargs), "site_name": settings.THIDUA_SITE_NAME}


class LogoutView(auth_views.LogoutView):
    """Sign out by POST only (the header's form); Django refuses GET since 5.0."""
