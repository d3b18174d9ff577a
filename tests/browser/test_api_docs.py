import pytest

from tests.api.test_schema_and_docs import STABLE_PATHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_from_this_site_only_under_the_csp(live_server, page):
    requests, failed = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock", timeout=20_000)
    title = page.inner_text(".swagger-ui .info .title")
    assert title.startswith("Thi Đua API")
    assert page.locator(".opblock").count() >= len(STABLE_PATHS)
    assert ([url for url in requests if not url.startswith(live_server.url)], failed) == ([], [])
    assert page.console_errors == []
