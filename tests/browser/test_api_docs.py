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
    assert set(STABLE_PATHS) <= documented_paths(page)
    assert ([url for url in requests if not url.startswith(live_server.url)], failed) == ([], [])
    assert page.console_errors == []


def documented_paths(page, *, steps: int = 400) -> set[str]:
    """Every operation path the page shows. Swagger UI renders a long list virtually (only what is near the
    viewport is in the DOM), so scroll down the page and collect the paths as they appear."""
    seen: set[str] = set()
    for _ in range(steps):
        seen |= {path.get_attribute("data-path") for path in page.locator(".opblock-summary-path").all()}
        if set(STABLE_PATHS) <= seen:
            break
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(50)
    return seen
