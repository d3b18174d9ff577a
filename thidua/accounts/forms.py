"""Forms of the staff sign-in."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from thidua.accounts.rules import is_api_only


class LoginForm(AuthenticationForm):
    """Django's sign-in form with its labels and messages in our own Vietnamese wording."""

    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa."),
        "api_only": _("Tài khoản này chỉ dùng để kết nối qua API, không đăng nhập vào giao diện."),
    }

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if is_api_only(user):
            raise forms.ValidationError(self.error_messages["api_only"], code="api_only")


class SuperuserAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in: only superusers, so that signing in here never opens a session the admin then refuses
    (which would let a staff-flagged or API-only account into the staff app)."""

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not user.is_superuser:
            raise forms.ValidationError(
                _("Chỉ quản trị hệ thống mới được đăng nhập trang quản trị."), code="not_superuser"
            )
