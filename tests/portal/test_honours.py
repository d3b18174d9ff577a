"""The honour roll and the search over it: the lines of signed decisions only, with the name, the unit at the time,
the award and the decision — found with or without diacritics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, drafted, signed

pytestmark = pytest.mark.django_db

AWARD = "Bằng khen của Chủ tịch UBND thành phố"


@pytest.fixture
def honours(scene):  # noqa: F811
    """Hoa's award is signed; Bình's decision is still a draft."""
    decision = signed(scene, ((HOA, "BK_TINH"),))
    draft = drafted(scene, ((BINH, "BK_TINH"),))
    return {"signed": decision, "draft": draft, "scene": scene}


def html(client, url: str, params: dict | None = None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def row_of(page: str, name: str) -> str:
    start = page.index(name)
    return page[page.rfind("<tr>", 0, start) : page.index("</tr>", start)]


def test_the_honour_roll_shows_the_name_the_unit_the_award_and_the_decision(client, honours):
    decision = honours["signed"]
    row = row_of(html(client, reverse("portal:honours")), HOA)

    assert "Phường An Biên" in row
    assert AWARD in row
    assert f"Số {decision.number_text} ngày {decision.signed_on:%d/%m/%Y}" in row
    assert decision.authority.name in row


def test_the_honour_roll_leaves_out_draft_decisions(client, honours):
    assert BINH not in html(client, reverse("portal:honours"))
    assert BINH not in html(client, "/")


def test_the_honour_roll_shows_no_birth_date_gender_or_ethnicity(client, honours):
    page = html(client, reverse("portal:honours"))

    for private in ("1980", "01/05/1980", "Nữ", "Kinh"):
        assert private not in row_of(page, HOA)


def test_the_honour_roll_filters_by_the_year_of_signing(client, honours):
    year = honours["signed"].signed_on.year

    assert HOA in html(client, reverse("portal:honours"), {"year": year})
    assert HOA not in html(client, reverse("portal:honours"), {"year": year - 1})


def test_a_nonsense_year_shows_every_year(client, honours):
    assert HOA in html(client, reverse("portal:honours"), {"year": "abc"})


@pytest.mark.parametrize("query", ["Nguyễn Thị Hoa", "nguyen thi hoa", "NGUYEN hoa", "an bien", "Phường An Biên"])
def test_search_finds_an_honouree_by_name_or_unit_with_or_without_diacritics(client, honours, query):
    page = html(client, reverse("portal:search"), {"q": query})

    assert HOA in page
    assert AWARD in page


def test_search_does_not_find_people_of_draft_decisions_or_draft_dossiers(client, honours):
    from tests.dossiers.workflow_scene import draft

    draft(honours["scene"], ((CHAU, "BK_TINH"),))
    for name in (BINH, CHAU):
        page = html(client, reverse("portal:search"), {"q": name})
        assert f'data-label="Cá nhân, tập thể">{name}' not in page
        assert f"Không tìm thấy kết quả nào cho “{name}”." in page


def test_search_for_a_word_no_one_bears_says_so(client, honours):
    assert "Không tìm thấy kết quả nào cho “zzzz”." in html(client, reverse("portal:search"), {"q": "zzzz"})


def test_the_honour_roll_reads_the_database_a_few_times_only(client, honours, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("portal:honours"))
