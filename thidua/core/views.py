"""The staff app's base views, the dashboard and /healthz.

Every staff page is one of a few bases: ``ScopedListView`` (a keyset-paginated list), ``ScopedDetailView`` (one
object, 404 when out of scope), ``ScopedObjectFormView`` (a form acting on one object, 403 without the right) and
``ScopedCreateView``. Each starts its queryset from ``thidua.accounts.scoping.scoped``; the writes go through the
domain's service functions, inside one transaction that re-checks scope and permission before it commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from thidua.accounts.scoping import scoped
from thidua.core.pagination import KeysetPage, KeysetPaginator

# --- Bases of the staff app ------------------------------------------------------------------------------


class StaffView(LoginRequiredMixin):
    """Every page under /app/ needs a signed-in user; anonymous visitors go to the login page."""


class ScopedQuerysetMixin:
    """``get_queryset`` starts from what the user may see; subclasses narrow it, never widen it."""

    model: type[models.Model]
    request: HttpRequest

    def get_queryset(self) -> models.QuerySet:
        return scoped(self.model, self.request.user)


class ScopedListView(StaffView, ScopedQuerysetMixin, TemplateView):
    """A list page in keyset pages of ``paginate_by`` rows ordered by (``keyset_key``, pk); never OFFSET, no COUNT."""

    keyset_key = "pk"
    descending = False
    paginate_by = 50

    def get_page(self) -> KeysetPage:
        paginator = KeysetPaginator(
            self.get_queryset(), key=self.keyset_key, per_page=self.paginate_by, descending=self.descending
        )
        return paginator.page(self.request.GET)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = self.get_page()
        context.update(page=page, object_list=page.items)
        return context


class ScopedDetailView(StaffView, ScopedQuerysetMixin, DetailView):
    """One object from the user's scope; anything else is a 404, whether it exists or not."""


def apply_service_error(form, error: ValidationError, fields: dict[str, str] | None = None,
                        labels: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Show a service's ValidationError on the form: on the field it names (renamed by ``fields`` where the form
    calls it otherwise), else on top of the form, after the key's Vietnamese label from ``labels`` when known (the
    services' messages say what they are about, never an English field name)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    fields, labels = fields or {}, labels or {}
    for key, texts in error.message_dict.items():
        target = fields.get(key, key)
        for message in texts:
            if target in form.fields:
                form.add_error(target, message)
            elif key in labels:
                form.add_error(None, f"{labels[key]}: {message}")
            else:
                form.add_error(None, message)


class ScopedWriteMixin:
    """The checks around a write: 403 without the right, then in one transaction re-check and save.

    ``has_permission()`` is the write rule (``thidua.accounts.rules``); ``save(form)`` calls the service and returns
    the saved object; ``still_allowed(obj)`` re-checks, before the transaction commits, that the saved object is
    still one the user may see and change (an edit must not move a row out of the editor's own reach).
    """

    request: HttpRequest
    # A service's error keys that the form names otherwise, and labels for keys that are no field of the form.
    service_error_fields: dict[str, str] = {}
    service_error_labels: dict[str, Any] = {}

    def has_permission(self) -> bool:
        raise NotImplementedError

    def save(self, form) -> models.Model:
        raise NotImplementedError

    def still_allowed(self, obj: models.Model) -> bool:
        return True

    def check_permission(self) -> None:
        if not self.has_permission():
            raise PermissionDenied

    def form_valid(self, form) -> HttpResponse:
        try:
            with transaction.atomic():
                saved = self.save(form)
                if not self.still_allowed(saved):
                    raise PermissionDenied
        except ValidationError as error:
            apply_service_error(form, error, self.service_error_fields, self.service_error_labels)
            return self.form_invalid(form)
        self.saved_object = saved
        return super().form_valid(form)


class ScopedObjectFormView(StaffView, ScopedQuerysetMixin, ScopedWriteMixin, SingleObjectMixin, FormView):
    """A form acting on one object of the user's scope (edit, end a membership …): 404 out of scope, 403 without
    the right. The object is read again on POST, so a right lost since the form was shown is a 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def still_allowed(self, obj: models.Model) -> bool:
        refreshed = self.get_queryset().filter(pk=self.object.pk).first()
        if refreshed is None:
            return False
        self.object = refreshed
        return self.has_permission()


class ScopedCreateView(StaffView, ScopedWriteMixin, FormView):
    """A form that creates an object; the form decides where (a unit of the user's scope) and the rule allows it."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)


# --- Pages ----------------------------------------------------------------------------------------------


class DashboardView(StaffView, TemplateView):
    """ "Bảng điều khiển": what needs the user's action now (inbox, deadlines, votes, decisions to sign) and their
    scope's key numbers, as panels the apps register (``thidua.core.dashboard``); core knows none of them."""

    template_name = "core/dashboard.html"
    nav_section = "dashboard"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from thidua.core.dashboard import ACTION, NUMBERS, HeldRole, Viewer, panels_for
        from thidua.core.templatetags.thidua_ui import user_roles

        context = super().get_context_data(**kwargs)
        # The header reads the same assignments (cached on the request): one query serves the page and the panels.
        assignments = user_roles({"request": self.request})
        roles = tuple(HeldRole(item.role.code, item.unit_id, item.unit.path) for item in assignments)
        panels = panels_for(Viewer(self.request.user, roles=roles))
        context.update(action_panels=panels[ACTION], number_panels=panels[NUMBERS])
        return context


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: database reachable, migrations applied, job backend."""
    from thidua.jobs.runner import backend_status

    checks: dict[str, object] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True, "vendor": connection.vendor}
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = {"ok": not pending, "pending": len(pending)}
    except Exception as error:
        checks["database"] = {"ok": False, "error": str(error)}
        checks["migrations"] = {"ok": False}
    checks["jobs"] = backend_status()
    ok = all(part.get("ok") for part in checks.values() if isinstance(part, dict))
    return JsonResponse({"ok": ok, **checks}, status=200 if ok else 503)


def report_error(request: HttpRequest, error: ValidationError, labels: Mapping[str, Any] | None = None) -> None:
    """A service's refusal as messages on the next page, each after the label (``labels``) of the field it names."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            messages.error(request, message)
        return
    for key, texts in error.message_dict.items():
        label = (labels or {}).get(key) if key != NON_FIELD_ERRORS else None
        for text in texts:
            messages.error(request, f"{label}: {text}" if label else text)


def report_form_errors(request: HttpRequest, form) -> None:
    """A form's errors as messages on the next page, each after its field's label."""
    for name, texts in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for text in texts:
            messages.error(request, f"{label}: {text}" if label else text)
