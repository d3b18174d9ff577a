"""People pages: list with search, filters and keyset pages; person page; create and edit forms."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.orgs.models import Gender, Person, PositionCategory

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


def person_form_data(person: Person | None = None, **changes) -> dict:
    data = {
        "full_name": person.full_name if person else "",
        "gender": person.gender if person else Gender.FEMALE,
        "birth_date": person.birth_date.strftime("%d/%m/%Y") if person and person.birth_date else "",
        "birth_year": person.birth_year if person and person.birth_year else "",
        "death_date": "",
        "ethnicity": "",
        "nationality": person.nationality if person else "Việt Nam",
        "id_number": person.id_number if person else "",
        "position_category": person.position_category if person else PositionCategory.CIVIL_SERVANT,
        "hometown": person.hometown if person else "",
    }
    if person and person.is_direct_worker:
        data["is_direct_worker"] = "on"
    data.update(changes)
    return data


# --- List -----------------------------------------------------------------------------------------------


def test_person_list_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("orgs:person-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/people/"))


def test_person_list_without_role_shows_nobody(no_role_client, le_chan_person):
    html = no_role_client.get(reverse("orgs:person-list")).content.decode()
    assert ("Nguyễn Thị Hoa" in html, "Không có cá nhân nào khớp" in html) == (False, True)


def test_person_list_shows_the_officers_people_only(officer_client, le_chan_person, thuy_nguyen_person):
    html = officer_client.get(reverse("orgs:person-list")).content.decode()
    assert f'<a href="/app/people/{le_chan_person.pk}/">Nguyễn Thị Hoa</a>' in html
    assert "Đặng Văn Đức" not in html


def test_person_list_shows_the_current_unit(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:person-list")).content.decode()
    assert '<td data-label="Đơn vị">Chuyên viên, Phường An Biên</td>' in html


def test_person_list_search_ignores_case_and_diacritics(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:person-list"), {"q": "NGUYEN thi"}).content.decode()
    assert "Nguyễn Thị Hoa" in html


def test_person_list_search_matches_word_starts_only(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:person-list"), {"q": "oa"}).content.decode()
    assert "Nguyễn Thị Hoa" not in html


def test_person_list_search_does_not_reach_another_district(officer_client, thuy_nguyen_person):
    html = officer_client.get(reverse("orgs:person-list"), {"q": "dang van duc"}).content.decode()
    assert "Đặng Văn Đức" not in html


def test_person_list_unit_filter_keeps_the_subtree(officer_client, city, le_chan_person):
    PersonFactory(full_name="Lê Văn Quận")  # no membership: outside every filter
    district_staff = PersonFactory(full_name="Bùi Văn Huyện")
    MembershipFactory(person=district_staff, unit=city["le_chan"])
    html = officer_client.get(reverse("orgs:person-list"), {"unit": city["an_bien"].pk}).content.decode()
    assert ("Nguyễn Thị Hoa" in html, "Bùi Văn Huyện" in html) == (True, False)
    assert "Thuộc Phường An Biên và các đơn vị trực thuộc" in html


def test_person_list_unit_filter_outside_scope_is_not_found(officer_client, city):
    assert officer_client.get(reverse("orgs:person-list"), {"unit": city["thuy_nguyen"].pk}).status_code == 404


def test_person_list_gender_filter(officer_client, city, le_chan_person):
    woman = PersonFactory(full_name="Trịnh Thị Mai", gender=Gender.FEMALE)
    MembershipFactory(person=woman, unit=city["an_bien"])
    html = officer_client.get(reverse("orgs:person-list"), {"gender": "F"}).content.decode()
    assert ("Trịnh Thị Mai" in html, "Nguyễn Thị Hoa" in html) == (True, False)


def test_person_list_position_and_direct_worker_filters(officer_client, city, le_chan_person):
    worker = PersonFactory(full_name="Vũ Văn Thợ", position_category=PositionCategory.WORKER, is_direct_worker=True)
    MembershipFactory(person=worker, unit=city["an_bien"])
    html = officer_client.get(reverse("orgs:person-list"), {"position_category": "worker", "direct": "1"}).content
    assert ("Vũ Văn Thợ" in html.decode(), "Nguyễn Thị Hoa" in html.decode()) == (True, False)


def test_person_list_is_in_vietnamese_order_by_given_name(officer_client, city):
    for name in ["Trần Văn Cường", "Lê Thị An", "Phạm Văn Bình"]:
        MembershipFactory(person=PersonFactory(full_name=name), unit=city["an_bien"])
    html = officer_client.get(reverse("orgs:person-list")).content.decode()
    positions = [html.index(name) for name in ["Lê Thị An", "Phạm Văn Bình", "Trần Văn Cường"]]
    assert positions == sorted(positions)


def test_person_list_next_page_keeps_the_filters(officer_client, city, monkeypatch):
    from thidua.orgs import views

    monkeypatch.setattr(views.PersonListView, "paginate_by", 2)
    for name in ["Lê Thị An", "Phạm Thị Bình", "Trần Thị Cúc"]:
        MembershipFactory(person=PersonFactory(full_name=name, gender=Gender.FEMALE), unit=city["an_bien"])
    first = officer_client.get(reverse("orgs:person-list"), {"gender": "F"})
    next_link = first.context["page"].next_cursor
    second = officer_client.get(reverse("orgs:person-list"), {"gender": "F", "after": next_link}).content.decode()
    assert f'href="?gender=F&amp;after={next_link}"' in first.content.decode()
    assert ("Trần Thị Cúc" in second, "Lê Thị An" in second, "Trang trước" in second) == (True, False, True)


# --- Person page ----------------------------------------------------------------------------------------


def test_person_detail_anonymous_is_sent_to_login(client, le_chan_person):
    path = reverse("orgs:person-detail", args=[le_chan_person.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_person_detail_without_role_is_not_found(no_role_client, le_chan_person):
    assert no_role_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).status_code == 404


def test_person_detail_of_another_district_is_not_found(officer_client, thuy_nguyen_person):
    assert officer_client.get(reverse("orgs:person-detail", args=[thuy_nguyen_person.pk])).status_code == 404


def test_person_detail_shows_identity_and_work_history(officer_client, le_chan_person):
    le_chan_person.birth_date = dt.date(1985, 3, 9)
    le_chan_person.save()
    response = officer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk]))
    html = response.content.decode()
    assert (response.status_code, "<h1>Nguyễn Thị Hoa</h1>" in html, "<dd>09/03/1985</dd>" in html) == (200, True, True)
    assert "Phường An Biên</a>" in html


def test_person_detail_shows_the_full_id_number_to_an_editor(officer_client, le_chan_person):
    le_chan_person.id_number = "031185001234"
    le_chan_person.save()
    html = officer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    assert "031185001234" in html


def test_person_detail_masks_the_id_number_for_a_viewer(viewer_client, le_chan_person):
    le_chan_person.id_number = "031185001234"
    le_chan_person.save()
    html = viewer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    assert ("031185001234" in html, "•••••••••234" in html) == (False, True)


def test_person_detail_offers_edit_to_an_editor(officer_client, le_chan_person):
    html = officer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    assert f'<a class="button" href="/app/people/{le_chan_person.pk}/edit/">Sửa thông tin</a>' in html


def test_person_detail_hides_edit_from_a_viewer(viewer_client, le_chan_person):
    html = viewer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    assert f'href="/app/people/{le_chan_person.pk}/edit/"' not in html


# --- Create ---------------------------------------------------------------------------------------------


def test_person_create_anonymous_is_sent_to_login(client, city):
    response = client.get(reverse("orgs:person-create"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/people/new/"))


def test_person_create_without_role_is_forbidden(no_role_client):
    assert no_role_client.get(reverse("orgs:person-create")).status_code == 403


def test_person_create_by_a_viewer_is_forbidden(viewer_client):
    assert viewer_client.get(reverse("orgs:person-create")).status_code == 403


def test_person_create_preselected_unit_outside_scope_is_not_found(officer_client, city):
    assert officer_client.get(reverse("orgs:person-create"), {"unit": city["minh_duc"].pk}).status_code == 404


def test_person_create_form_offers_the_officers_units(officer_client, city):
    response = officer_client.get(reverse("orgs:person-create"), {"unit": city["an_bien"].pk})
    html = response.content.decode()
    assert (response.status_code, f'<option value="{city["an_bien"].pk}" selected>' in html) == (200, True)
    assert '<label for="id_full_name">Họ và tên <span class="required">(bắt buộc)</span></label>' in html
    assert "Thị trấn Minh Đức" not in html


def test_person_create_saves_the_person_and_the_membership(officer_client, city):
    data = person_form_data(full_name="Đỗ Thị Thu", birth_date="05/06/1990", unit=city["an_bien"].pk,
                            position="Kế toán", start_date="01/02/2020")  # fmt: skip
    response = officer_client.post(reverse("orgs:person-create"), data)
    person = Person.objects.get(full_name="Đỗ Thị Thu")
    membership = person.memberships.get()
    assert (response.status_code, response["Location"]) == (302, f"/app/people/{person.pk}/")
    assert (person.birth_date, membership.unit, membership.position, membership.start_date) == (
        dt.date(1990, 6, 5),
        city["an_bien"],
        "Kế toán",
        dt.date(2020, 2, 1),
    )


def test_person_create_in_another_district_is_refused(officer_client, city):
    data = person_form_data(full_name="Đỗ Thị Thu", unit=city["minh_duc"].pk, start_date="")
    response = officer_client.post(reverse("orgs:person-create"), data)
    assert (response.status_code, Person.objects.filter(full_name="Đỗ Thị Thu").exists()) == (200, False)
    assert 'id="id_unit_error"' in response.content.decode()


def test_person_create_without_a_name_names_the_field(officer_client, city):
    response = officer_client.post(reverse("orgs:person-create"), person_form_data(unit=city["an_bien"].pk))
    html = response.content.decode()
    assert (response.status_code, 'class="field__error" id="id_full_name_error"' in html) == (200, True)


# --- Edit -----------------------------------------------------------------------------------------------


def test_person_edit_anonymous_is_sent_to_login(client, le_chan_person):
    path = reverse("orgs:person-edit", args=[le_chan_person.pk])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, login_url_for(path))


def test_person_edit_without_role_is_not_found(no_role_client, le_chan_person):
    assert no_role_client.get(reverse("orgs:person-edit", args=[le_chan_person.pk])).status_code == 404


def test_person_edit_of_another_district_is_not_found(officer_client, thuy_nguyen_person):
    assert officer_client.get(reverse("orgs:person-edit", args=[thuy_nguyen_person.pk])).status_code == 404


def test_person_edit_post_to_another_district_is_not_found_and_changes_nothing(officer_client, thuy_nguyen_person):
    path = reverse("orgs:person-edit", args=[thuy_nguyen_person.pk])
    response = officer_client.post(path, person_form_data(thuy_nguyen_person, hometown="Hải Dương"))
    thuy_nguyen_person.refresh_from_db()
    assert (response.status_code, thuy_nguyen_person.hometown) == (404, "")


def test_person_edit_by_a_viewer_is_forbidden(viewer_client, le_chan_person):
    assert viewer_client.get(reverse("orgs:person-edit", args=[le_chan_person.pk])).status_code == 403


def test_person_edit_post_by_a_viewer_is_forbidden_and_changes_nothing(viewer_client, le_chan_person):
    path = reverse("orgs:person-edit", args=[le_chan_person.pk])
    response = viewer_client.post(path, person_form_data(le_chan_person, hometown="Hải Dương"))
    le_chan_person.refresh_from_db()
    assert (response.status_code, le_chan_person.hometown) == (403, "")


def test_person_edit_form_is_filled_with_the_person(officer_client, le_chan_person):
    response = officer_client.get(reverse("orgs:person-edit", args=[le_chan_person.pk]))
    assert (response.status_code, 'value="Nguyễn Thị Hoa"' in response.content.decode()) == (200, True)


def test_person_edit_saves_and_returns_to_the_person(officer_client, le_chan_person):
    path = reverse("orgs:person-edit", args=[le_chan_person.pk])
    response = officer_client.post(path, person_form_data(le_chan_person, hometown="Kiến An, Hải Phòng"))
    le_chan_person.refresh_from_db()
    assert (response.status_code, response["Location"], le_chan_person.hometown) == (
        302,
        f"/app/people/{le_chan_person.pk}/",
        "Kiến An, Hải Phòng",
    )


def test_person_edit_shows_an_audit_entry_naming_the_user_and_the_field(officer_client, le_chan_person):
    path = reverse("orgs:person-edit", args=[le_chan_person.pk])
    officer_client.post(path, person_form_data(le_chan_person, hometown="Kiến An, Hải Phòng"))
    html = officer_client.get(reverse("orgs:person-detail", args=[le_chan_person.pk])).content.decode()
    history = html[html.index('<section class="audit-history"') :]
    assert '<span class="audit-actor">Trần Thị Lan</span>' in history
    assert "<dt>Quê quán</dt>" in history
    assert "Kiến An, Hải Phòng" in history
