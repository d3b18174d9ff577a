import sys

import pytest
from django.template.loader import render_to_string

from tests.factories.accounts import UserFactory
from tests.factories.orgs import PersonFactory
from thidua.audit.context import acting_as, acting_as_system
from thidua.audit.models import AuditEntry
from thidua.audit.queries import entries_for
from thidua.audit.services import record_action
from thidua.orgs import services
from thidua.orgs.models import Person, PersonNameToken

pytestmark = pytest.mark.django_db


def latest_entry_for(obj) -> AuditEntry:
    return AuditEntry.objects.get_for_object(obj).latest("pk")


def test_update_person_records_the_user_and_changed_fields(city):
    officer = UserFactory(full_name="Trần Thị Lan")
    person = services.create_person(by=officer, unit=city["an_bien"], full_name="Nguyễn Thị Hoa", gender="F")

    services.update_person(person, by=officer, full_name="Nguyễn Thị Hòa")

    entry = latest_entry_for(person)
    assert (entry.actor, entry.actor_name, entry.code, entry.action) == (
        officer,
        "Trần Thị Lan",
        "orgs.person.updated",
        AuditEntry.Action.UPDATE,
    )
    assert entry.changes == {"full_name": ["Nguyễn Thị Hoa", "Nguyễn Thị Hòa"]}


def test_create_person_records_a_created_entry_without_derived_fields(city):
    officer = UserFactory(full_name="Trần Thị Lan")

    person = services.create_person(by=officer, full_name="Lê Văn Tám", gender="M", owner_unit=city["le_chan"])

    entry = latest_entry_for(person)
    assert (entry.code, entry.actor_name) == ("orgs.person.created", "Trần Thị Lan")
    assert {"full_name", "gender", "owner_unit"} <= set(entry.changes)
    assert not {"name_folded", "sort_key", "created_at", "updated_at", "given_name"} & set(entry.changes)


def test_person_name_tokens_are_not_audited(city):
    person = services.create_person(by=None, full_name="Lê Văn Tám", gender="M")

    assert PersonNameToken.objects.filter(person=person).count() == 3
    assert AuditEntry.objects.get_for_model(PersonNameToken).count() == 0


def test_person_id_number_is_masked_in_the_log(city):
    person = services.create_person(by=None, full_name="Lê Văn Tám", gender="M", id_number="031090001234")

    assert latest_entry_for(person).changes["id_number"] == ["None", "•••••••••234"]


def test_delete_records_a_deleted_entry_with_the_actor(city):
    admin = UserFactory(full_name="Quản trị viên")
    person = PersonFactory(full_name="Lê Văn Tám")
    person_pk = person.pk

    with acting_as(admin):
        Person.objects.get(pk=person_pk).delete()

    entry = AuditEntry.objects.filter(object_pk=str(person_pk), code="orgs.person.deleted").get()
    assert (entry.actor_name, entry.object_repr) == ("Quản trị viên", "Lê Văn Tám")


def test_user_password_is_not_audited():
    user = UserFactory(username="canbo")

    user.set_password("mot-mat-khau-moi-dai")
    user.save()

    assert not AuditEntry.objects.get_for_object(user).filter(code="accounts.user.updated").exists()


def test_change_from_a_command_names_the_command(city, monkeypatch):
    person = PersonFactory(full_name="Lê Văn Tám")
    monkeypatch.setattr(sys, "argv", ["/srv/thidua/.venv/bin/thidua", "seed_demo", "--force"])

    services.update_person(person, by=None, hometown="Hải Phòng")

    entry = latest_entry_for(person)
    assert (entry.actor, entry.actor_name, entry.code) == (None, "Hệ thống: seed_demo", "orgs.person.updated")


def test_change_inside_acting_as_system_names_the_job(city):
    person = PersonFactory(full_name="Lê Văn Tám")

    with acting_as_system("nhập dữ liệu cá nhân"):
        services.update_person(person, by=None, hometown="Hải Phòng")

    assert latest_entry_for(person).actor_name == "Hệ thống: nhập dữ liệu cá nhân"


def test_nested_acting_contexts_restore_the_outer_actor(city):
    outer_user = UserFactory(full_name="Người ngoài")
    inner_user = UserFactory(full_name="Người trong")
    person = PersonFactory(full_name="Lê Văn Tám")

    with acting_as(outer_user):
        with acting_as(inner_user):
            services.update_person(person, by=None, hometown="Hà Nội")
        services.update_person(person, by=None, hometown="Hải Phòng")

    names = list(AuditEntry.objects.get_for_object(person).order_by("pk").values_list("actor_name", flat=True))
    assert names[-2:] == ["Người trong", "Người ngoài"]


def test_actor_name_survives_the_deletion_of_the_user(city):
    officer = UserFactory(full_name="Trần Thị Lan")
    person = services.create_person(by=officer, full_name="Lê Văn Tám", gender="M")

    officer.delete()

    entry = latest_entry_for(person)
    assert (entry.actor, entry.actor_name) == (None, "Trần Thị Lan")


def test_record_action_writes_a_namespaced_row_with_reason_and_data(city):
    officer = UserFactory(full_name="Trần Thị Lan")
    person = PersonFactory(full_name="Lê Văn Tám")

    entry = record_action(
        person, code="dossiers.entry.returned", by=officer, reason="Thiếu báo cáo thành tích", data={"to": "returned"}
    )

    assert (entry.code, entry.actor_name, entry.reason, entry.additional_data, entry.object_repr) == (
        "dossiers.entry.returned",
        "Trần Thị Lan",
        "Thiếu báo cáo thành tích",
        {"to": "returned"},
        "Lê Văn Tám",
    )


def test_record_action_refuses_a_code_without_namespace(city):
    person = PersonFactory()

    with pytest.raises(ValueError, match=r"<app>\.<object>\.<action>"):
        record_action(person, code="returned", by=None)


def test_audit_entries_are_append_only(city):
    person = PersonFactory()
    entry = latest_entry_for(person)
    entry.reason = "sửa lại"

    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_history_shows_actor_action_and_each_change_in_vietnamese(city):
    officer = UserFactory(full_name="Trần Thị Lan")
    person = services.create_person(by=officer, unit=city["an_bien"], full_name="Nguyễn Thị Hoa", gender="F")
    services.update_person(
        person, by=officer, full_name="Nguyễn Thị Hòa", is_direct_worker=True, owner_unit=city["le_chan"]
    )

    html = render_to_string("audit/_history.html", {"audit_entries": entries_for(person)})

    assert "Trần Thị Lan" in html
    assert "Cập nhật" in html
    assert "Tạo mới" in html
    assert "<dt>Họ và tên</dt>" in html
    assert "<del>Nguyễn Thị Hoa</del> → <ins>Nguyễn Thị Hòa</ins>" in html
    assert "<del>Không</del> → <ins>Có</ins>" in html
    assert "<del>—</del> → <ins>Quận Lê Chân</ins>" in html


def test_history_resolves_foreign_keys_with_a_fixed_number_of_queries(city, django_assert_num_queries):
    officer = UserFactory(full_name="Trần Thị Lan")
    person = services.create_person(by=officer, full_name="Lê Văn Tám", gender="M", owner_unit=city["le_chan"])
    for unit in (city["an_bien"], city["minh_duc"], city["thuy_nguyen"]):
        services.update_person(person, by=officer, owner_unit=unit)

    # content type (cached after the first call), the entries with their actors, the referenced units
    entries_for(person)
    with django_assert_num_queries(2):
        entries = entries_for(person)

    assert [row.new for row in entries[0].change_rows] == ["Huyện Thủy Nguyên"]
