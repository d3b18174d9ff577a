"""Unit pages: the tree, its children fragment, the unit page and the unit edit form, for every kind of visitor."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.orgs import OrgUnitFactory
from thidua.orgs import services
from thidua.orgs.models import OrgUnitEventKind

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


# --- Tree (unit list) -----------------------------------------------------------------------------------


def test_unit_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("orgs:unit-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/units/"))


def test_unit_list_without_role_shows_no_unit(no_role_client):
    response = no_role_client.get(reverse("orgs:unit-list"))
    html = response.content.decode()
    assert (response.status_code, "Quận Lê Chân" in html, "Bạn chưa được phân vai trò tại đơn vị nào." in html) == (
        200,
        False,
        True,
    )


def test_unit_list_starts_at_the_officers_own_unit(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-list")).content.decode()
    assert f'<a href="/app/units/{city["le_chan"].pk}/">Quận Lê Chân</a>' in html
    assert "Huyện Thủy Nguyên" not in html
    assert f'href="/app/units/{city["root"].pk}/"' not in html


def test_unit_list_node_with_children_loads_them_on_opening(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-list")).content.decode()
    assert f'hx-get="/app/units/{city["le_chan"].pk}/children/" hx-trigger="toggle once"' in html


def test_unit_list_search_finds_units_in_scope_only(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-list"), {"q": "phuong an"}).content.decode()
    assert "Phường An Biên" in html
    assert "Thị trấn Minh Đức" not in officer_client.get(reverse("orgs:unit-list"), {"q": "minh duc"}).content.decode()


def test_unit_list_for_superuser_starts_at_the_tree_root(client, city):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    html = client.get(reverse("orgs:unit-list")).content.decode()
    assert f'<a href="/app/units/{city["root"].pk}/">Thành phố Hải Phòng</a>' in html


# --- Children fragment ----------------------------------------------------------------------------------


def test_unit_children_anonymous_is_sent_to_login(client, city):
    path = reverse("orgs:unit-children", args=[city["le_chan"].pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_unit_children_without_role_is_not_found(no_role_client, city):
    assert no_role_client.get(reverse("orgs:unit-children", args=[city["le_chan"].pk])).status_code == 404


def test_unit_children_of_another_district_is_not_found(officer_client, city):
    assert officer_client.get(reverse("orgs:unit-children", args=[city["thuy_nguyen"].pk])).status_code == 404


def test_unit_children_by_htmx_is_a_fragment_of_list_items(officer_client, city):
    response = officer_client.get(reverse("orgs:unit-children", args=[city["le_chan"].pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert (response.status_code, html.lstrip().startswith("<li>"), "<html" in html) == (200, True, False)
    assert f'<a href="/app/units/{city["an_bien"].pk}/">Phường An Biên</a>' in html


def test_unit_children_response_varies_on_the_htmx_header(officer_client, city):
    response = officer_client.get(reverse("orgs:unit-children", args=[city["le_chan"].pk]), HTTP_HX_REQUEST="true")
    assert "HX-Request" in response["Vary"]


def test_unit_children_without_htmx_is_a_whole_page(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-children", args=[city["le_chan"].pk])).content.decode()
    assert "<h1>Đơn vị trực thuộc Quận Lê Chân</h1>" in html


def test_unit_children_are_paged_with_a_more_link(officer_client, city, monkeypatch):
    from thidua.orgs import views

    monkeypatch.setattr(views.UnitChildrenView, "paginate_by", 1)
    OrgUnitFactory(name="Phường Cát Dài", parent=city["le_chan"])
    html = officer_client.get(
        reverse("orgs:unit-children", args=[city["le_chan"].pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert ("Phường An Biên" in html, "Phường Cát Dài" in html, "Xem thêm đơn vị" in html) == (True, False, True)


# --- Unit page ------------------------------------------------------------------------------------------


def test_unit_detail_anonymous_is_sent_to_login(client, city):
    path = reverse("orgs:unit-detail", args=[city["le_chan"].pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_unit_detail_without_role_is_not_found(no_role_client, city):
    assert no_role_client.get(reverse("orgs:unit-detail", args=[city["le_chan"].pk])).status_code == 404


def test_unit_detail_of_another_district_is_not_found(officer_client, city):
    assert officer_client.get(reverse("orgs:unit-detail", args=[city["thuy_nguyen"].pk])).status_code == 404


def test_unit_detail_of_a_ward_of_another_district_is_not_found(officer_client, city):
    assert officer_client.get(reverse("orgs:unit-detail", args=[city["minh_duc"].pk])).status_code == 404


def test_unit_detail_shows_identity_children_and_members(officer_client, city, le_chan_person):
    response = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk]))
    html = response.content.decode()
    assert (response.status_code, "<h1>Phường An Biên</h1>" in html, "<dd>HP-LC-AB</dd>" in html) == (200, True, True)
    assert f'<a href="/app/people/{le_chan_person.pk}/">Nguyễn Thị Hoa</a>' in html


def test_unit_detail_breadcrumb_stops_at_the_top_of_the_scope(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk])).content.decode()
    breadcrumb = html[
        html.index('<nav class="breadcrumb"') : html.index("</nav>", html.index('<nav class="breadcrumb"'))
    ]
    assert f'<a href="/app/units/{city["le_chan"].pk}/">Quận Lê Chân</a>' in breadcrumb
    assert "Thành phố Hải Phòng" not in breadcrumb


def test_unit_detail_shows_the_rename_history(officer_client, city):
    services.rename_unit(city["an_bien"], by=None, new_name="Phường An Biên Mới", effective_on=dt.date(2025, 7, 1))
    html = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk])).content.decode()
    assert "<strong>01/07/2025</strong> — Đổi tên:" in html
    assert "từ “Phường An Biên” thành “Phường An Biên Mới”" in html


def test_unit_detail_has_the_audit_history(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-detail", args=[city["an_bien"].pk])).content.decode()
    assert '<h2 id="audit-history-title">Lịch sử thay đổi</h2>' in html


def test_unit_detail_hides_the_edit_button_from_an_officer(officer_client, city):
    html = officer_client.get(reverse("orgs:unit-detail", args=[city["le_chan"].pk])).content.decode()
    assert ("Sửa đơn vị" in html, "Thêm cá nhân" in html) == (False, True)


def test_unit_detail_offers_the_edit_button_to_an_administrator(admin_client, city):
    html = admin_client.get(reverse("orgs:unit-detail", args=[city["le_chan"].pk])).content.decode()
    assert f'<a class="button" href="/app/units/{city["le_chan"].pk}/edit/">Sửa đơn vị</a>' in html


# --- Unit edit ------------------------------------------------------------------------------------------


def unit_form_data(unit, **changes) -> dict:
    data = {
        "name": unit.name, "short_name": unit.short_name, "code": unit.code, "kind": unit.kind_id,
        "sector": unit.sector_id or "", "established_on": "", "address": unit.address, "email": unit.email,
        "phone": unit.phone, "renamed_on": "", "rename_basis": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_unit_edit_anonymous_is_sent_to_login(client, city):
    path = reverse("orgs:unit-edit", args=[city["le_chan"].pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_unit_edit_without_role_is_not_found(no_role_client, city):
    assert no_role_client.get(reverse("orgs:unit-edit", args=[city["le_chan"].pk])).status_code == 404


def test_unit_edit_of_another_district_is_not_found(admin_client, city):
    assert admin_client.get(reverse("orgs:unit-edit", args=[city["thuy_nguyen"].pk])).status_code == 404


def test_unit_edit_post_to_another_district_is_not_found_and_changes_nothing(officer_client, city):
    unit = city["thuy_nguyen"]
    response = officer_client.post(reverse("orgs:unit-edit", args=[unit.pk]), unit_form_data(unit, phone="0225"))
    unit.refresh_from_db()
    assert (response.status_code, unit.phone) == (404, "")


def test_unit_edit_by_a_unit_officer_is_forbidden(officer_client, city):
    response = officer_client.get(reverse("orgs:unit-edit", args=[city["le_chan"].pk]))
    assert (response.status_code, "Bạn không có quyền thực hiện việc này" in response.content.decode()) == (403, True)


def test_unit_edit_post_by_a_unit_officer_is_forbidden_and_changes_nothing(officer_client, city):
    unit = city["le_chan"]
    response = officer_client.post(reverse("orgs:unit-edit", args=[unit.pk]), unit_form_data(unit, phone="0225"))
    unit.refresh_from_db()
    assert (response.status_code, unit.phone) == (403, "")


def test_unit_edit_form_opens_for_an_administrator(admin_client, city):
    response = admin_client.get(reverse("orgs:unit-edit", args=[city["an_bien"].pk]))
    html = response.content.decode()
    assert (response.status_code, 'value="Phường An Biên"' in html) == (200, True)


def test_unit_edit_saves_plain_fields(admin_client, city):
    unit = city["an_bien"]
    response = admin_client.post(
        reverse("orgs:unit-edit", args=[unit.pk]),
        unit_form_data(unit, phone="0225 3857 123", established_on="01/01/1990"),
    )
    unit.refresh_from_db()
    assert (response.status_code, unit.phone, unit.established_on) == (302, "0225 3857 123", dt.date(1990, 1, 1))


def test_unit_edit_rename_needs_an_effective_date(admin_client, city):
    unit = city["an_bien"]
    response = admin_client.post(reverse("orgs:unit-edit", args=[unit.pk]), unit_form_data(unit, name="Phường Mới"))
    assert "Hãy nhập ngày tên mới có hiệu lực." in response.content.decode()


def test_unit_edit_rename_keeps_the_old_name_as_an_event(admin_client, city):
    unit = city["an_bien"]
    admin_client.post(
        reverse("orgs:unit-edit", args=[unit.pk]),
        unit_form_data(unit, name="Phường An Biên Mới", renamed_on="01/07/2025", rename_basis="NQ 1669/NQ-UBTVQH15"),
    )
    event = unit.events.get()
    assert (event.kind, event.old_name, event.new_name, event.legal_basis) == (
        OrgUnitEventKind.RENAMED,
        "Phường An Biên",
        "Phường An Biên Mới",
        "NQ 1669/NQ-UBTVQH15",
    )


def test_unit_edit_duplicate_code_is_an_error_on_the_code_field(admin_client, city):
    unit = city["an_bien"]
    response = admin_client.post(reverse("orgs:unit-edit", args=[unit.pk]), unit_form_data(unit, code="HP-LC"))
    html = response.content.decode()
    assert (response.status_code, 'class="field__error" id="id_code_error"' in html) == (200, True)
