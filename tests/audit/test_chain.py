import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.orgs import PersonFactory
from thidua.audit.models import AuditChainHead, AuditEntry
from thidua.audit.sealing import entry_hash, seal_pending, verify_chain
from thidua.orgs import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed_log(city):
    """Three people created and edited, every entry sealed."""
    officer = UserFactory(full_name="Trần Thị Lan")
    for name in ("Lê Văn Tám", "Phạm Thị Mai", "Đỗ Văn Hùng"):
        person = services.create_person(by=officer, full_name=name, gender="M")
        services.update_person(person, by=officer, hometown="Hải Phòng")
    seal_pending()
    return AuditEntry.objects.order_by("seal_seq")


def run_verify() -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), error.returncode
    return out.getvalue(), err.getvalue(), 0


def test_sealing_numbers_every_entry_in_order_and_moves_the_head(sealed_log):
    entries = list(sealed_log)
    head = AuditChainHead.objects.get()

    assert [e.seal_seq for e in entries] == list(range(1, len(entries) + 1))
    assert (head.last_seq, head.last_hash) == (len(entries), entries[-1].seal_hash)


def test_each_seal_hashes_the_previous_one(sealed_log):
    first, second = list(sealed_log.values())[:2]

    assert second["seal_hash"] == entry_hash(first["seal_hash"], 2, {**second, **_natural_content_type(second)})


def _natural_content_type(row: dict) -> dict:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get(pk=row["content_type_id"])
    return {"content_type__app_label": content_type.app_label, "content_type__model": content_type.model}


def test_sealing_twice_seals_nothing_more(sealed_log):
    assert seal_pending() == 0


def test_sealing_continues_the_chain_for_new_entries(sealed_log):
    count = sealed_log.count()
    PersonFactory(full_name="Vũ Thị Thu")

    sealed = seal_pending()

    assert (sealed, AuditChainHead.objects.get().last_seq) == (1, count + 1)
    assert verify_chain().ok


def test_verify_audit_passes_on_a_clean_chain(sealed_log):
    out, err, code = run_verify()

    assert (out.strip(), err, code) == (f"Nhật ký toàn vẹn: {sealed_log.count()} mục đã niêm phong", "", 0)


def test_verify_audit_reports_an_entry_changed_in_the_database(sealed_log):
    victim = sealed_log[2]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["Người khác", victim.pk])

    _out, err, code = run_verify()

    assert code == 1
    assert f"Mục nhật ký #{victim.pk} (niêm phong số 3) đã bị sửa: mã băm không khớp." in err
    assert "Nhật ký KHÔNG toàn vẹn: 1 vấn đề." in err


def test_verify_audit_reports_a_changed_entry_whose_hash_was_recomputed(sealed_log):
    victim, following = sealed_log[2], sealed_log[3]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET seal_hash = %s WHERE id = %s", ["f" * 64, victim.pk])

    _out, err, code = run_verify()

    assert code == 1
    assert f"Mục nhật ký #{following.pk} (niêm phong số 4) đã bị sửa" in err


def test_verify_audit_reports_an_entry_deleted_from_the_middle(sealed_log):
    victim = sealed_log[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [victim.pk])

    _out, err, code = run_verify()

    assert code == 1
    assert "Thiếu mục niêm phong số 2: mục này đã bị xóa." in err


def test_verify_audit_reports_the_last_entries_deleted(sealed_log):
    count = sealed_log.count()
    last_two = [e.pk for e in sealed_log][-2:]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id IN (%s, %s)", last_two)

    _out, err, code = run_verify()

    assert code == 1
    assert f"Đầu chuỗi ghi đến số {count} nhưng mục cuối còn lại là số {count - 2}: các mục cuối đã bị xóa." in err


def test_verify_audit_reports_entries_left_unsealed_too_long(sealed_log):
    PersonFactory(full_name="Vũ Thị Thu")

    report = verify_chain(now=timezone.now() + dt.timedelta(minutes=10))

    assert report.problems == ["1 mục nhật ký chưa được niêm phong sau hơn 5 phút."]


def test_verify_audit_accepts_recent_unsealed_entries(sealed_log):
    PersonFactory(full_name="Vũ Thị Thu")

    out, err, code = run_verify()

    assert (code, err) == (0, "")
    assert (
        out.strip() == f"Nhật ký toàn vẹn: {sealed_log.count() - 1} mục đã niêm phong (1 mục mới đang chờ niêm phong)"
    )


def test_deleting_a_user_keeps_the_chain_valid(sealed_log):
    UserFactory(full_name="Trần Thị Lan").delete()
    seal_pending()

    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_entries_are_sealed_right_after_their_transaction_commits(city):
    officer = UserFactory(full_name="Trần Thị Lan")

    person = services.create_person(by=officer, unit=city["an_bien"], full_name="Lê Văn Tám", gender="M")

    assert AuditEntry.objects.get_for_object(person).get().seal_seq is not None
    assert not AuditEntry.objects.filter(seal_seq__isnull=True).exists()
    assert verify_chain().ok
