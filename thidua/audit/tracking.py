"""Which models the audit log follows, through django-auditlog's registry (its signals see commands and jobs too).

The foundation's models are listed here and registered from ``AuditConfig.ready``; later apps call ``track`` from
their own ``AppConfig.ready``. Bulk operations (``bulk_create``, ``update()``) send no signals: code that uses them
for domain data records what it did with ``thidua.audit.services.record_action``.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps
from django.db import models

# Bookkeeping fields every model has: they change on every save and tell nothing the entry's timestamp does not.
ALWAYS_EXCLUDED = ("created_at", "updated_at")

# Fields derived from others (search folding, sort keys, tree paths): recomputed on save, noise in a history.
DERIVED = {
    "orgs.orgunit": ("name_folded", "sort_key", "path", "depth"),
    "orgs.person": ("family_name", "middle_name", "given_name", "name_folded", "sort_key"),
    "orgs.household": ("name_folded",),
    "accounts.user": ("password", "last_login"),
}
# Protected personal data is stored masked in the log.
MASKED = {"orgs.person": ("id_number",)}

FOUNDATION_MODELS = (
    "orgs.Sector",
    "orgs.UnitKind",
    "orgs.OrgUnit",
    "orgs.OrgUnitEvent",
    "orgs.Cluster",
    "orgs.ClusterMembership",
    "orgs.Ethnicity",
    "orgs.Person",
    "orgs.Membership",
    "orgs.Household",
    "accounts.User",
    "accounts.Role",
    "accounts.RoleAssignment",
    "core.DayOverride",
)
# Every model of these apps is followed (catalog rows are law turned into data).
FOUNDATION_APPS = ("catalog",)


def mask_value(value: str) -> str:
    """Keep the last three characters of protected data (enough to tell two values apart), hide the rest."""
    if value in ("None", ""):
        return value
    return "•" * max(len(value) - 3, 0) + value[-3:]


def track(model: type[models.Model], *, exclude: tuple[str, ...] = (), mask: tuple[str, ...] = ()) -> None:
    """Record every create, update and delete of ``model`` in the audit log."""
    if auditlog.contains(model):
        return
    label = model._meta.label_lower
    field_names = {f.name for f in model._meta.get_fields()}
    excluded = [name for name in (*ALWAYS_EXCLUDED, *DERIVED.get(label, ()), *exclude) if name in field_names]
    # Reverse relations ("memberships" of a person) are not values of the object: auditlog would log their repr.
    excluded += [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
    auditlog.register(
        model,
        exclude_fields=excluded,
        mask_fields=[*MASKED.get(label, ()), *mask],
        mask_callable="thidua.audit.tracking.mask_value",
    )


def track_foundation() -> None:
    for label in FOUNDATION_MODELS:
        track(apps.get_model(label))
    for app_label in FOUNDATION_APPS:
        for model in apps.get_app_config(app_label).get_models():
            track(model)
