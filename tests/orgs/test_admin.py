import pytest

pytestmark = pytest.mark.django_db


def test_admin_cannot_move_a_unit_by_editing_its_parent(admin_client, city):
    html = admin_client.get(f"/admin/orgs/orgunit/{city['an_bien'].pk}/change/").content.decode()
    assert ('name="parent"' in html, 'name="merged_into"' in html) == (False, False)


def test_admin_chooses_the_parent_of_a_new_unit(admin_client, city):
    html = admin_client.get("/admin/orgs/orgunit/add/").content.decode()
    assert 'name="parent"' in html
