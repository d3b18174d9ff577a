"""Covenant pages: the list, one covenant with its members' signatures, and "Ký giao ước" for a member unit; the
permission cases of each (anonymous, wrong role, out of scope, right role in scope)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import user_with_role
from tests.factories.orgs import ClusterFactory, OrgUnitFactory
from thidua.movements import scoring
from thidua.movements.models import CovenantSignature
from thidua.orgs.models import ClusterMembership, ClusterRole

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def cluster(city):
    """The wards of Lê Chân in 2025: An Biên leads, Trại Cau is a member."""
    city["trai_cau"] = OrgUnitFactory(code="HP-LC-TC", name="Phường Trại Cau", kind=city["an_bien"].kind,
                                      parent=city["le_chan"])  # fmt: skip
    cluster = ClusterFactory(name="Cụm thi đua các phường Lê Chân", organiser=city["le_chan"])
    ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2025, role=ClusterRole.LEADER)
    ClusterMembership.objects.create(cluster=cluster, unit=city["trai_cau"], year=2025)
    return cluster


@pytest.fixture
def covenant(cluster):
    return scoring.create_covenant(by=None, cluster=cluster, year=2025, title="Giao ước thi đua năm 2025",
                                   text="Các phường cùng thi đua hoàn thành xuất sắc nhiệm vụ.")  # fmt: skip


@pytest.fixture
def an_bien_officer(city):
    user = user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà")
    user.position = "Chủ tịch UBND phường"
    user.save()
    return user


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen", full_name="Vũ Văn Nam")


def add_covenants(city, count: int) -> None:
    for index in range(count):
        cluster = ClusterFactory(name=f"Cụm thi đua số {index}", organiser=city["le_chan"])
        ClusterMembership.objects.create(cluster=cluster, unit=city["an_bien"], year=2025)
        scoring.create_covenant(by=None, cluster=cluster, year=2025, title=f"Giao ước số {index}", text="…")


# --- List -----------------------------------------------------------------------------------------------------


def test_covenant_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:covenant-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/covenants/"))


def test_covenant_list_without_role_shows_none(no_role_client, covenant):
    html = no_role_client.get(reverse("movements:covenant-list")).content.decode()
    assert ("Giao ước thi đua năm 2025" in html, "Không có giao ước thi đua nào" in html) == (False, True)


def test_covenant_list_of_another_district_shows_none(client, covenant, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert "Giao ước thi đua năm 2025" not in client.get(reverse("movements:covenant-list")).content.decode()


def test_covenant_list_shows_the_members_covenants_with_signature_counts(client, covenant, an_bien_officer, city):
    scoring.sign_covenant(covenant, by=an_bien_officer, unit=city["an_bien"])
    client.force_login(an_bien_officer)
    html = client.get(reverse("movements:covenant-list")).content.decode()
    assert f'<a href="/app/covenants/{covenant.pk}/">Giao ước thi đua năm 2025</a>' in html
    assert '<td data-label="Số đơn vị đã ký" class="num">1</td>' in html


@pytest.mark.parametrize("rows", [1, 3])
def test_covenant_list_query_count(officer_client, city, rows, django_assert_num_queries):
    add_covenants(city, rows)
    with django_assert_num_queries(6):
        response = officer_client.get(reverse("movements:covenant-list"))
    assert len(response.context["page"]) == rows


# --- Create ---------------------------------------------------------------------------------------------------


def covenant_data(cluster, **changes) -> dict:
    return {"cluster": cluster.pk, "year": 2025, "title": "Giao ước thi đua năm 2025",
            "text": "Các phường cùng thi đua hoàn thành xuất sắc nhiệm vụ.", **changes}  # fmt: skip


def test_covenant_create_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("movements:covenant-create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/covenants/new/"))


def test_covenant_create_without_a_leading_role_is_forbidden(client, city):
    client.force_login(user_with_role("media", city["le_chan"], username="baochi"))
    assert client.get(reverse("movements:covenant-create")).status_code == 403


def test_covenant_create_for_a_cluster_out_of_scope_is_refused(client, cluster, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("movements:covenant-create"), covenant_data(cluster))
    assert (response.status_code, cluster.covenants.count()) == (200, 0)
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_covenant_create_by_a_member_that_does_not_lead_is_refused(client, cluster, city):
    client.force_login(user_with_role("unit_officer", city["trai_cau"], username="canbo.traicau"))
    response = client.post(reverse("movements:covenant-create"), covenant_data(cluster))
    assert (response.status_code, cluster.covenants.count()) == (200, 0)
    assert "Bạn không phụ trách cụm, khối thi đua này trong năm đã chọn." in response.content.decode()


def test_covenant_create_by_the_leader_opens_it_for_signing(client, cluster, an_bien_officer):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:covenant-create"), covenant_data(cluster))
    covenant = cluster.covenants.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/covenants/{covenant.pk}/")
    assert (covenant.year, covenant.title, covenant.created_by) == (2025, "Giao ước thi đua năm 2025", an_bien_officer)


def test_covenant_create_twice_a_year_names_the_year(client, covenant, cluster, an_bien_officer):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:covenant-create"), covenant_data(cluster))
    assert "Cụm thi đua các phường Lê Chân đã có giao ước thi đua năm 2025." in response.content.decode()
    assert cluster.covenants.count() == 1


# --- Detail ---------------------------------------------------------------------------------------------------


def test_covenant_detail_anonymous_is_sent_to_login(client, covenant):
    path = reverse("movements:covenant-detail", args=[covenant.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_covenant_detail_of_another_district_is_not_found(client, covenant, thuy_nguyen_officer):
    client.force_login(thuy_nguyen_officer)
    assert client.get(reverse("movements:covenant-detail", args=[covenant.pk])).status_code == 404


def test_covenant_detail_lists_the_members_and_who_signed(client, covenant, an_bien_officer, city):
    scoring.sign_covenant(covenant, by=an_bien_officer, unit=city["an_bien"])
    client.force_login(an_bien_officer)
    response = client.get(reverse("movements:covenant-detail", args=[covenant.pk]))
    html = response.content.decode()
    assert (response.status_code, "Chữ ký của các đơn vị thành viên (1/2)" in html) == (200, True)
    assert '<td data-label="Người ký">Phạm Thu Hà, Chủ tịch UBND phường</td>' in html
    assert '<span class="badge badge--verify">chưa ký</span>' in html


def test_covenant_detail_offers_signing_for_the_units_not_signed(officer_client, covenant, city):
    html = officer_client.get(reverse("movements:covenant-detail", args=[covenant.pk])).content.decode()
    assert f'<option value="{city["an_bien"].pk}" selected>Phường An Biên</option>' in html
    assert f'<option value="{city["trai_cau"].pk}">Phường Trại Cau</option>' in html


def test_covenant_detail_hides_signing_from_the_board(viewer_client, covenant):
    html = viewer_client.get(reverse("movements:covenant-detail", args=[covenant.pk])).content.decode()
    assert ("Phường An Biên" in html, 'action="/app/covenants/' in html) == (True, False)


# --- Sign -----------------------------------------------------------------------------------------------------


def test_covenant_sign_anonymous_is_sent_to_login(client, covenant, city):
    path = reverse("movements:covenant-sign", args=[covenant.pk])
    response = client.post(path, {"unit": city["an_bien"].pk})
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_covenant_sign_by_the_board_is_forbidden(viewer_client, covenant, city):
    response = viewer_client.post(reverse("movements:covenant-sign", args=[covenant.pk]), {"unit": city["an_bien"].pk})
    assert (response.status_code, CovenantSignature.objects.count()) == (403, 0)


def test_covenant_sign_of_another_district_is_not_found(client, covenant, thuy_nguyen_officer, city):
    client.force_login(thuy_nguyen_officer)
    response = client.post(reverse("movements:covenant-sign", args=[covenant.pk]), {"unit": city["an_bien"].pk})
    assert (response.status_code, CovenantSignature.objects.count()) == (404, 0)


def test_covenant_sign_records_the_officer_as_signer(client, covenant, an_bien_officer, city):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:covenant-sign", args=[covenant.pk]), {"unit": city["an_bien"].pk})
    signature = CovenantSignature.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/covenants/{covenant.pk}/")
    assert (signature.unit, signature.signed_by, signature.signer_name, signature.signer_position) == (
        city["an_bien"],
        an_bien_officer,
        "Phạm Thu Hà",
        "Chủ tịch UBND phường",
    )


def test_covenant_sign_for_a_unit_the_officer_does_not_hold_is_refused(client, covenant, an_bien_officer, city):
    client.force_login(an_bien_officer)
    response = client.post(reverse("movements:covenant-sign", args=[covenant.pk]), {"unit": city["trai_cau"].pk})
    assert (response.status_code, CovenantSignature.objects.count()) == (200, 0)
    assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()


def test_covenant_sign_twice_is_forbidden_once_nothing_is_left_to_sign(client, covenant, an_bien_officer, city):
    client.force_login(an_bien_officer)
    path = reverse("movements:covenant-sign", args=[covenant.pk])
    client.post(path, {"unit": city["an_bien"].pk})
    response = client.post(path, {"unit": city["an_bien"].pk})
    assert (response.status_code, CovenantSignature.objects.count()) == (403, 1)
