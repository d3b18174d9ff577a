"""The portal's pages without login: what each shows, and that anything not public is a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.portal.conftest import ACCEPTED_NOT_PUBLISHED, BOARD_NOTE, DRAFT_TITLE, PUBLISHED, SUBMITTED, TITLE

pytestmark = pytest.mark.django_db


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_the_home_page_is_the_portal_and_needs_no_login(client, portal):
    page = html(client, "/")

    assert "Cổng thông tin thi đua, khen thưởng" in page
    assert "Mục tiêu kép" in page
    assert PUBLISHED in page
    assert reverse("consultations_public:list") in page
    assert 'action="/verify/"' in page


def test_the_home_page_shows_no_draft_movement_and_no_unpublished_model(client, portal):
    page = html(client, "/")

    for hidden in (DRAFT_TITLE, ACCEPTED_NOT_PUBLISHED, SUBMITTED, BOARD_NOTE):
        assert hidden not in page


def test_pages_are_indexable_with_a_title_a_description_and_a_canonical_address(client, portal):
    page = html(client, reverse("portal:movement", args=[portal["movement"].pk]))

    assert f"<title>{TITLE} · " in page
    assert '<meta name="description" content="Phát huy tinh thần đoàn kết' in page
    assert f'<link rel="canonical" href="http://testserver/movements/{portal["movement"].pk}/">' in page
    assert '<html lang="vi">' in page


def test_the_home_page_reads_the_database_a_few_times_only(client, portal, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/")


def test_a_movement_page_shows_its_contents_target_groups_criteria_awards_and_milestones(client, portal):
    page = html(client, reverse("portal:movement", args=[portal["movement"].pk]))

    for text in ("Phòng, chống dịch Covid-19", "Các tầng lớp Nhân dân", "Công tác phòng, chống dịch",
                 "Tiêm đủ liều vắc-xin", "Chấp hành quy định phòng dịch", "Bằng khen của Chủ tịch UBND thành phố",
                 "dự kiến 150 suất", "Hạn đăng ký thi đua", PUBLISHED):  # fmt: skip
        assert text in page
    # The sub-criterion sits in its parent's list.
    assert page.index("Công tác phòng, chống dịch") < page.index("Tiêm đủ liều vắc-xin")


def test_a_movement_page_reads_the_database_a_few_times_only(client, portal, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:movement", args=[portal["movement"].pk]))


def test_a_draft_movement_is_not_found(client, portal):
    html(client, reverse("portal:movement", args=[portal["draft"].pk]), status=404)
    assert DRAFT_TITLE not in html(client, reverse("portal:movements"))


def test_the_movement_list_shows_launched_movements(client, portal):
    page = html(client, reverse("portal:movements"))

    assert "Mục tiêu kép" in page
    assert "Đã phát động" in page


def test_a_published_model_shows_its_story_and_photo(client, portal):
    model = portal["published"]
    photo = model.photos.get()
    page = html(client, reverse("portal:model", args=[model.pk]))

    assert f"Câu chuyện: {PUBLISHED}." in page
    assert "Anh Trần Văn Tú, phường Lạch Tray, quận Ngô Quyền" in page
    assert reverse("portal:model-photo", args=[model.pk, photo.pk]) in page
    assert BOARD_NOTE not in page


def test_a_published_models_photo_is_served_as_an_image(client, portal):
    model = portal["published"]
    response = client.get(reverse("portal:model-photo", args=[model.pk, model.photos.get().pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["kept", "submitted", "declined"])
def test_a_model_not_published_is_not_found(client, portal, name):
    html(client, reverse("portal:model", args=[portal[name].pk]), status=404)


def test_the_photo_of_a_model_not_published_is_not_found(client, portal):
    kept = portal["kept"]
    html(client, reverse("portal:model-photo", args=[kept.pk, kept.photos.get().pk]), status=404)


def test_a_photo_asked_for_under_another_published_model_is_not_found(client, portal):
    other = portal["kept"].photos.get()
    html(client, reverse("portal:model-photo", args=[portal["published"].pk, other.pk]), status=404)


def test_the_model_list_shows_published_models_only(client, portal):
    page = html(client, reverse("portal:models"))

    assert PUBLISHED in page
    for hidden in (ACCEPTED_NOT_PUBLISHED, SUBMITTED):
        assert hidden not in page


def test_a_model_taken_off_the_portal_is_gone_from_it(client, portal):
    from thidua.movements import exemplary

    exemplary.set_publication(portal["published"], by=portal["board"], publish=False)

    html(client, reverse("portal:model", args=[portal["published"].pk]), status=404)
    assert PUBLISHED not in html(client, "/")


def test_the_verification_box_opens_the_page_of_the_code(client):
    response = client.get(reverse("portal:verify"), {"code": " ab12-cd34 "})

    assert response.status_code == 302
    assert response["Location"] == "/verify/AB12CD34"


def test_a_pasted_verification_address_opens_the_page_of_its_code(client):
    response = client.get(reverse("portal:verify"), {"code": "https://thidua.haiphong.gov.vn/verify/ab12cd34"})

    assert response["Location"] == "/verify/AB12CD34"


def test_the_verification_box_without_a_code_shows_the_form(client):
    page = html(client, reverse("portal:verify"))

    assert '<label for="verify-code">' in page


def test_robots_txt_keeps_crawlers_off_the_staff_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /app/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_sitemap_lists_public_movements_and_models_only(client, portal):
    body = html(client, "/sitemap.xml")

    assert f"/movements/{portal['movement'].pk}/" in body
    assert f"/models/{portal['published'].pk}/" in body
    assert f"/movements/{portal['draft'].pk}/" not in body
    assert f"/models/{portal['kept'].pk}/" not in body
