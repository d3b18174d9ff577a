import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories.orgs import PersonFactory
from thidua.audit.models import AuditEntry
from thidua.core import periodic
from thidua.core.periodic import registered, run_all

pytestmark = pytest.mark.django_db


def always_fails() -> str:
    raise RuntimeError("hỏng")


@pytest.fixture
def failing_task(monkeypatch):
    """A periodic task that always fails, registered for one test only."""
    monkeypatch.setitem(periodic._TASKS, "tests.always_fails", always_fails)


def run_periodic(*args: str) -> str:
    out = io.StringIO()
    call_command("run_periodic", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_audit_sealing_is_a_registered_periodic_task():
    assert "audit.seal" in registered()


def test_run_periodic_seals_pending_entries_and_says_so(city):
    pending = AuditEntry.objects.filter(seal_seq__isnull=True).count()

    output = run_periodic("audit.seal")

    assert output == f"audit.seal: đã niêm phong {pending} mục nhật ký\n"
    assert not AuditEntry.objects.filter(seal_seq__isnull=True).exists()


def test_run_periodic_twice_does_nothing_the_second_time(city):
    run_periodic("audit.seal")

    assert run_periodic("audit.seal") == "audit.seal: đã niêm phong 0 mục nhật ký\n"


def test_run_periodic_reports_an_unknown_task():
    with pytest.raises(CommandError, match=r"Không có tác vụ định kỳ: khong\.co"):
        run_periodic("khong.co")


def test_a_failing_periodic_task_does_not_stop_the_others(city, failing_task):
    PersonFactory()

    results = {result.name: (result.ok, result.message) for result in run_all(["tests.always_fails", "audit.seal"])}

    assert results["tests.always_fails"] == (False, "lỗi: hỏng")
    assert results["audit.seal"][0] is True
    assert not AuditEntry.objects.filter(seal_seq__isnull=True).exists()


def test_run_periodic_exits_non_zero_when_a_task_fails(city, failing_task):
    with pytest.raises(CommandError) as raised:
        run_periodic("tests.always_fails")

    assert (raised.value.returncode, str(raised.value)) == (1, "Tác vụ định kỳ bị lỗi: tests.always_fails")
