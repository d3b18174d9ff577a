"""The OpenAPI schema validates with no warning, and the interactive docs are served from this site under the CSP."""

import re

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

STABLE_PATHS = [
    "/api/v1/units/", "/api/v1/units/{id}/", "/api/v1/units/{id}/rename/", "/api/v1/units/{id}/move/",
    "/api/v1/people/", "/api/v1/people/{id}/", "/api/v1/memberships/", "/api/v1/memberships/{id}/",
    "/api/v1/clusters/", "/api/v1/clusters/{id}/", "/api/v1/clusters/{id}/members/", "/api/v1/authorities/",
    "/api/v1/authorities/{id}/", "/api/v1/award-types/", "/api/v1/award-types/{id}/",
]  # fmt: skip


@pytest.fixture
def schema_file(tmp_path):
    """The schema as `thidua spectacular --validate --fail-on-warn` writes it: any warning or error raises."""
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return path


def test_schema_validates_without_any_warning(schema_file):
    assert yaml.safe_load(schema_file.read_text())["openapi"].startswith("3.")


def test_schema_holds_every_documented_path(schema_file):
    paths = yaml.safe_load(schema_file.read_text())["paths"]
    assert [path for path in STABLE_PATHS if path not in paths] == []


def test_schema_declares_token_authentication(schema_file):
    schemes = yaml.safe_load(schema_file.read_text())["components"]["securitySchemes"]
    assert schemes["tokenAuth"] == {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }  # fmt: skip


def test_schema_is_served_over_http(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert (response.status_code, response.json()["info"]["title"]) == (200, "Thi Đua API")


def test_docs_page_loads_every_asset_from_this_site(client):
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets == [
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
        "/static/thidua/swagger.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/api/docs/?script=",
    ]


def test_docs_page_has_no_inline_script(client):
    html = client.get("/api/docs/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


def test_docs_page_is_sent_with_the_strict_csp(client):
    policy = client.get("/api/docs/")["Content-Security-Policy"]
    assert ("script-src 'self'" in policy, "unsafe" in policy) == (True, False)


def test_docs_init_script_is_served_as_javascript(client):
    response = client.get("/api/docs/", {"script": ""})
    assert (response.status_code, response["Content-Type"]) == (200, "application/javascript")
