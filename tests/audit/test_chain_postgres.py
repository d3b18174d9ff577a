"""On PostgreSQL, writers never wait on the audit chain: an edit commits while a long import transaction is open."""

import threading
import time

import pytest
from django.db import connection, transaction

from tests.factories.accounts import UserFactory
from tests.factories.orgs import PersonFactory
from thidua.audit.models import AuditEntry
from thidua.audit.sealing import seal_pending, verify_chain
from thidua.orgs import services

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has a single writer"),
]


def test_person_edit_commits_while_an_import_transaction_is_open(city):
    officer = UserFactory(full_name="Trần Thị Lan")
    importer = UserFactory(full_name="Người nhập dữ liệu")
    person = PersonFactory(full_name="Nguyễn Thị Hoa")
    seal_pending()
    import_has_written = threading.Event()
    finish_import = threading.Event()
    errors: list[BaseException] = []

    def long_import() -> None:
        try:
            with transaction.atomic():
                for name in ("Lê Văn Nhập", "Phạm Thị Nhập"):
                    services.create_person(by=importer, unit=city["an_bien"], full_name=name, gender="M")
                import_has_written.set()
                finish_import.wait(timeout=30)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    worker = threading.Thread(target=long_import)
    worker.start()
    assert import_has_written.wait(timeout=10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # a blocked edit fails fast instead of hanging the test
        started = time.monotonic()
        services.update_person(person, by=officer, full_name="Nguyễn Thị Hòa")
        elapsed = time.monotonic() - started
        edit_entry = AuditEntry.objects.get(object_pk=str(person.pk), code="orgs.person.updated")
        sealed_during_import = edit_entry.seal_seq
    finally:
        finish_import.set()
        worker.join(timeout=30)

    assert errors == []
    assert elapsed < 3  # generous for a loaded CI machine; a real block hits the lock_timeout above
    assert sealed_during_import is not None  # sealed right after its own commit, the import still open
    seal_pending()
    import_entries = AuditEntry.objects.filter(actor_name="Người nhập dữ liệu").order_by("seal_seq")
    assert import_entries.count() == 4  # two people, two memberships
    assert all(entry.seal_seq > sealed_during_import for entry in import_entries)  # commit order
    assert all(entry.pk < edit_entry.pk for entry in import_entries)  # though written before the edit
    assert verify_chain().ok


def test_concurrent_sealers_skip_a_locked_head(city):
    PersonFactory(full_name="Nguyễn Thị Hoa")
    holding = threading.Event()
    release = threading.Event()
    other_result: list[int] = []

    def hold_head() -> None:
        try:
            from thidua.audit.models import AuditChainHead

            with transaction.atomic():
                AuditChainHead.objects.select_for_update().get_or_create(pk=1)
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    seal_pending()
    holder = threading.Thread(target=hold_head)
    holder.start()
    assert holding.wait(timeout=10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '3s'")  # a sealer that waited would fail fast, not hang
        started = time.monotonic()
        PersonFactory(full_name="Lê Văn Tám")  # its after-commit sealer finds the head locked and skips
        other_result.append(seal_pending())
        elapsed = time.monotonic() - started
    finally:
        release.set()
        holder.join(timeout=30)

    assert (other_result, elapsed < 3) == ([0], True)
    assert seal_pending() == 1
    assert verify_chain().ok
