"""Every URL of the site, explicitly: the public root, the staff app under /app/, the API under /api/."""

from django.contrib import admin
from django.urls import include, path

from thidua.core import views as core_views
from thidua.portal import views as portal_views

urlpatterns = [
    path("", portal_views.HomeView.as_view(), name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("cong-khai/", include("thidua.dossiers.public_urls")),
    path("", include("thidua.decisions.public_urls")),
    path("", include("thidua.portal.urls")),
    path("app/", include("thidua.core.urls")),
    path("app/", include("thidua.accounts.urls")),
    path("app/", include("thidua.orgs.urls")),
    path("app/", include("thidua.catalog.urls")),
    path("app/", include("thidua.jobs.urls")),
    path("app/", include("thidua.audit.urls")),
    path("app/", include("thidua.notifications.urls")),
    path("app/", include("thidua.movements.urls")),
    path("app/", include("thidua.dossiers.urls")),
    path("app/", include("thidua.decisions.urls")),
    path("app/", include("thidua.records.urls")),
    path("app/", include("thidua.eligibility.urls")),
    path("app/", include("thidua.decisions.layout_urls")),
    path("app/", include("thidua.decisions.extract_urls")),
    path("app/", include("thidua.reports.urls")),
    path("app/", include("thidua.reports.official_urls")),
    path("app/", include("thidua.imports.urls")),
    path("api/", include("thidua.api_urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
