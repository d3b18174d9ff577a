"""A signed decision, its items, the awards it granted and their certificates cannot be changed — not by a plain model
save, a QuerySet update, raw SQL, a delete or the admin — on SQLite and on PostgreSQL (model checks and the database
triggers of migration 0002). Only the revocation marks of an award may be set, once, by a later decision."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from tests.decisions.scene import BINH, HOA, drafted, signed
from tests.factories.accounts import UserFactory
from tests.factories.decisions import CertificateLayoutFactory
from thidua.decisions.models import (
    Certificate,
    CertificateLayout,
    Decision,
    DecisionItem,
    Register,
    SignedDecisionError,
)
from thidua.records import services as records
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)
REFUSED = (IntegrityError, ValidationError)


@pytest.fixture
def decision(scene):
    CertificateLayoutFactory(award_codes=["BK_TINH"])
    return signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)


def refused_in_the_database(write) -> None:
    """The write raises an IntegrityError, in its own savepoint (PostgreSQL aborts the transaction otherwise)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def delete_raw(table: str, pk: int, referring: str) -> None:
    """DELETE by raw SQL. SQLite checks foreign keys at commit (Django declares them deferred): check them as the
    commit would, inside the test's transaction."""
    raw(f"DELETE FROM {table} WHERE id = %s", [pk])
    if connection.vendor == "sqlite":
        connection.check_constraints(table_names=[referring])


# --- The decision ---------------------------------------------------------------------------------------------


def test_a_plain_save_of_a_signed_decision_is_refused(decision):
    decision = Decision.objects.get(pk=decision.pk)
    decision.subject = "Sửa trích yếu"

    with pytest.raises(SignedDecisionError):
        decision.save()

    assert Decision.objects.get(pk=decision.pk).subject != "Sửa trích yếu"


def test_a_queryset_update_of_a_signed_decision_is_refused(decision):
    refused_in_the_database(lambda: Decision.objects.filter(pk=decision.pk).update(subject="Sửa trích yếu"))
    refused_in_the_database(lambda: Decision.objects.filter(pk=decision.pk).update(state="draft"))

    assert Decision.objects.get(pk=decision.pk).number_text == "01/QĐ-UBND"


def test_raw_sql_cannot_change_a_signed_decision(decision):
    refused_in_the_database(lambda: raw("UPDATE decisions_decision SET number_text = %s WHERE id = %s",
                                        ["99/QĐ-UBND", decision.pk]))  # fmt: skip

    assert Decision.objects.get(pk=decision.pk).number_text == "01/QĐ-UBND"


def test_a_signed_decision_is_not_deleted(decision):
    with pytest.raises(SignedDecisionError):
        Decision.objects.get(pk=decision.pk).delete()
    # Raw SQL: the PostgreSQL trigger; on SQLite its items' foreign keys, checked when the transaction commits.
    refused_in_the_database(lambda: delete_raw("decisions_decision", decision.pk, "decisions_decisionitem"))

    assert Decision.objects.filter(pk=decision.pk).exists()


def test_a_draft_still_changes_and_is_deleted(scene):
    draft = drafted(scene)

    Decision.objects.filter(pk=draft.pk).update(subject="Về việc tặng Bằng khen (bản sửa)")
    DecisionItem.objects.filter(decision=draft).delete()
    Decision.objects.get(pk=draft.pk).delete()

    assert not Decision.objects.exists()


# --- Its items ------------------------------------------------------------------------------------------------


def test_an_item_of_a_signed_decision_is_not_saved_updated_or_deleted(decision):
    item = DecisionItem.objects.filter(decision=decision).first()
    item.recipient_name = "Nguyễn Thị Hòa"

    with pytest.raises(SignedDecisionError):
        item.save()
    with pytest.raises(SignedDecisionError):
        item.delete()
    refused_in_the_database(lambda: DecisionItem.objects.filter(pk=item.pk).update(amount=99_000_000))
    refused_in_the_database(lambda: raw("UPDATE decisions_decisionitem SET recipient_name = %s WHERE id = %s",
                                        ["Nguyễn Thị Hòa", item.pk]))  # fmt: skip

    assert DecisionItem.objects.get(pk=item.pk).recipient_name == HOA


def test_no_item_is_added_to_a_signed_decision(decision):
    model = DecisionItem.objects.filter(decision=decision).first()
    extra = DecisionItem(decision=decision, person=model.person, award_type=model.award_type, year=2025,
                         recipient_name="Người thêm sau")  # fmt: skip

    with pytest.raises(SignedDecisionError):
        extra.save()
    refused_in_the_database(lambda: DecisionItem.objects.bulk_create([extra]))

    assert decision.items.count() == 2


# --- Its awards -----------------------------------------------------------------------------------------------


def test_an_award_of_a_signed_decision_keeps_every_fixed_column(decision):
    award = Award.objects.get(recipient_name=HOA)
    award.achievement = "Thành tích sửa lại"

    with pytest.raises(ValidationError):
        award.save()
    with pytest.raises(ValidationError):
        award.delete()
    with pytest.raises(ValidationError):
        records.update_award(award, by=None, achievement="Thành tích sửa lại")
    for column, value in (("year", 2020), ("recipient_name", "Nguyễn Thị Hòa"), ("award_code", "CSTD_TINH"),
                          ("decision_number", "99/QĐ-UBND"), ("counts_toward_merit", True)):  # fmt: skip
        refused_in_the_database(lambda column=column, value=value: Award.objects.filter(pk=award.pk).update(
            **{column: value}))  # fmt: skip
    refused_in_the_database(lambda: raw("UPDATE records_award SET year = %s WHERE id = %s", [2020, award.pk]))
    refused_in_the_database(lambda: delete_raw("records_award", award.pk, "decisions_decisionitem"))

    fresh = Award.objects.get(pk=award.pk)
    assert (fresh.year, fresh.recipient_name) == (2025, HOA)
    assert fresh.achievement == "Thành tích của Nguyễn Thị Hoa năm 2025."


def test_the_revocation_marks_are_set_once(decision):
    award = Award.objects.get(recipient_name=HOA)
    award.revoked_on, award.revoked_reference = dt.date(2025, 9, 1), "15/QĐ-UBND"

    award.save(update_fields=["revoked_on", "revoked_reference", "updated_at"])
    refused_in_the_database(lambda: Award.objects.filter(pk=award.pk).update(revoked_reference="16/QĐ-UBND"))
    refused_in_the_database(lambda: Award.objects.filter(pk=award.pk).update(revoked_on=None))

    assert Award.objects.get(pk=award.pk).revoked_reference == "15/QĐ-UBND"


def test_the_triggers_fixed_columns_are_the_models_but_the_revocation_marks():
    migration = importlib.import_module("thidua.decisions.migrations.0002_immutability_triggers")
    columns = {field.column for field in Award._meta.concrete_fields}

    assert set(migration.AWARD_FIXED_COLUMNS) == columns - {"revoked_on", "revoked_reference", "updated_at"}


def test_a_historical_award_stays_editable(scene):
    award = records.create_award(by=None, award_code="LDTT", year=2023, person=scene.people[HOA],
                                 decision_number="12/QĐ-UBND", decision_date=dt.date(2023, 12, 20))  # fmt: skip

    records.update_award(award, by=None, achievement="Hoàn thành xuất sắc nhiệm vụ năm 2023.")
    Award.objects.filter(pk=award.pk).update(year=2022)

    assert Award.objects.get(pk=award.pk).year == 2022


# --- Its certificates -----------------------------------------------------------------------------------------


def test_a_certificate_is_never_changed(decision):
    certificate = Certificate.objects.order_by("pk").first()

    refused_in_the_database(lambda: Certificate.objects.filter(pk=certificate.pk).update(serial_number=99))
    refused_in_the_database(lambda: raw("UPDATE decisions_certificate SET code = %s WHERE id = %s",
                                        ["AAAAAAAAAAAA", certificate.pk]))  # fmt: skip

    assert Certificate.objects.get(pk=certificate.pk).serial_text == "01/BK"


# --- The admin ------------------------------------------------------------------------------------------------


def test_the_admin_cannot_change_or_delete_a_signed_decision_even_for_a_superuser(client, decision):
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    request = RequestFactory().get("/")
    request.user = superuser
    for model, obj in ((Decision, decision), (DecisionItem, decision.items.first()),
                       (Certificate, Certificate.objects.first()), (Award, Award.objects.first())):  # fmt: skip
        model_admin = site._registry[model]
        assert not model_admin.has_change_permission(request, obj)
        assert not model_admin.has_delete_permission(request, obj)
    client.force_login(superuser)

    url = reverse("admin:decisions_decision_change", args=[decision.pk])
    response = client.post(url, {"subject": "Sửa qua trang quản trị"})
    deleted = client.post(reverse("admin:decisions_decision_delete", args=[decision.pk]), {"post": "yes"})

    assert (client.get(url).status_code, response.status_code, deleted.status_code) == (200, 403, 403)
    assert Decision.objects.get(pk=decision.pk).subject != "Sửa qua trang quản trị"


def test_registers_and_layouts_are_edited_in_the_admin_but_a_used_register_keeps_its_numbering(decision):
    superuser = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    request = RequestFactory().get("/")
    request.user = superuser
    register = decision.register

    assert site._registry[Register].has_change_permission(request, register)
    assert site._registry[CertificateLayout].has_change_permission(request, CertificateLayout.objects.first())
    assert {"symbol", "numbering"} <= set(site._registry[Register].get_readonly_fields(request, register))
    assert not site._registry[Register].has_delete_permission(request, register)
