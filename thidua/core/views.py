from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """The site root, kept for the public portal; until then a plain entry page."""

    template_name = "core/home.html"


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"


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
