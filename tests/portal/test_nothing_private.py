"""Nothing that is not public can be reached from the portal: a visitor follows every link from the home page (and
the sitemap, and searches for every name) and never meets a draft decision, a draft or unsubmitted dossier, an
approved entry not yet decided, a personal ID number, a birth date, a council vote, an unpublished model or the
board's notes."""

from __future__ import annotations

import re
from collections import deque

import pytest

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, approved, drafted, signed
from tests.dossiers.workflow_scene import draft
from tests.factories.orgs import PersonFactory
from tests.portal.conftest import ACCEPTED_NOT_PUBLISHED, BOARD_NOTE, DECLINED, DRAFT_TITLE, SUBMITTED
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

HREF = re.compile(r'(?:href|src|action)="(/[^"#]*)"')
LOC = re.compile(r"<loc>https?://[^/]+(/[^<]*)</loc>")
STAFF_PREFIXES = ("/app/", "/api/", "/admin/", "/static/", "/i18n/")
ID_NUMBER = "031180001234"
DRAFT_DOSSIER_NOMINEE = "Đoàn Thị Nguyệt"


def crawl(client, starts: list[str], *, limit: int = 300) -> dict[str, str]:
    """Every page reachable by links from ``starts`` without leaving the public site: {url: html}."""
    pages: dict[str, str] = {}
    queue = deque(starts)
    while queue and len(pages) < limit:
        url = queue.popleft().replace("&amp;", "&")
        if url in pages or url.startswith(STAFF_PREFIXES):
            continue
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        body = (
            b""
            if response.get("Content-Type", "").startswith("image/")
            else b"".join(getattr(response, "streaming_content", [response.content]))
        )
        pages[url] = body.decode()
        queue.extend(HREF.findall(pages[url]) + LOC.findall(pages[url]))
    return pages


@pytest.fixture
def everything(scene, portal):  # noqa: F811
    """Signed (Hoa), a draft decision (Bình), an entry approved after the council's vote but not decided (Châu), a
    draft dossier (a person added only there), a person's ID number; the portal's movements and models."""
    Person.objects.filter(pk=scene.people[HOA].pk).update(id_number=ID_NUMBER)
    signed(scene, ((HOA, "BK_TINH"),))
    drafted(scene, ((BINH, "BK_TINH"),))
    approved(scene, ((CHAU, "CSTD_TINH"),))
    newcomer = PersonFactory(full_name=DRAFT_DOSSIER_NOMINEE)
    scene.people[DRAFT_DOSSIER_NOMINEE] = newcomer
    draft(scene, ((DRAFT_DOSSIER_NOMINEE, "BK_TINH"),), documents=False)
    return scene


def test_no_page_of_the_portal_shows_anything_not_public(client, everything):
    searches = [f"/search/?q={name}" for name in (HOA, BINH, CHAU, DRAFT_DOSSIER_NOMINEE, "an bien", "le chan")]
    pages = crawl(client, ["/", "/sitemap.xml", *searches])

    assert len(pages) > 10
    assert any(HOA in page for page in pages.values())  # the signed award is there
    for private in (BINH, CHAU, DRAFT_DOSSIER_NOMINEE, ID_NUMBER, "01/05/1980", "1980-05-01", DRAFT_TITLE,
                    ACCEPTED_NOT_PUBLISHED, SUBMITTED, DECLINED, BOARD_NOTE, "phiếu", "Phiếu"):  # fmt: skip
        found = [url for url, page in pages.items() if private in _results(page)]
        assert not found, f"{private!r} is shown at {found}"


def _results(page: str) -> str:
    """The page without the search box's echo of what was typed (a visitor's own words are no leak)."""
    page = re.sub(r'value="[^"]*"', "", page)
    return re.sub(r"Không tìm thấy kết quả nào cho “[^”]*”", "", re.sub(r"<title>.*?</title>", "", page, flags=re.S))
