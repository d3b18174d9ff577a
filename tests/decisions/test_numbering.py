"""The registers (sổ quyết định, sổ vào sổ): the form of a number, the default register of an authority, the
counter of a register the system keeps, a clerk's number used once per register and year, and a signing that fails
half-way giving everything back — its number too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.decisions.scene import BINH, HOA, drafted, sign, signed
from tests.factories.catalog import AuthorityFactory, AuthorityKindFactory
from tests.factories.decisions import CertificateLayoutFactory, RegisterFactory
from thidua.decisions import numbering, services
from thidua.decisions.enums import DecisionState, Numbering, RegisterKind
from thidua.decisions.models import Certificate, Decision, Register, RegisterCounter
from thidua.dossiers.enums import EntryState
from thidua.dossiers.models import DossierEntry, DossierEvent
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)


@pytest.mark.parametrize(("number", "text"), [(5, "05/QĐ-UBND"), (12, "12/QĐ-UBND"), (3998, "3998/QĐ-UBND")])
def test_a_number_below_ten_has_a_leading_zero(city, number, text):
    register = RegisterFactory(symbol="QĐ-UBND")

    assert register.format_number(number) == text


def test_a_province_decides_in_its_clerks_book_a_grassroots_authority_in_the_systems(scene):
    city = numbering.default_register(scene.city_authority, RegisterKind.DECISION)
    district = numbering.default_register(scene.district_authority, RegisterKind.DECISION)
    prime_minister = numbering.default_register(scene.prime_minister, RegisterKind.DECISION)

    assert (city.numbering, city.symbol) == (Numbering.EXTERNAL, "QĐ-UBND")
    assert (district.numbering, district.symbol) == (Numbering.INTERNAL, "QĐ-UBND")
    assert (prime_minister.numbering, prime_minister.symbol) == (Numbering.EXTERNAL, "QĐ-TTg")


def test_certificates_are_numbered_by_the_system_bk_or_gk(scene):
    city = numbering.default_register(scene.city_authority, RegisterKind.CERTIFICATE)
    district = numbering.default_register(scene.district_authority, RegisterKind.CERTIFICATE)

    assert (city.numbering, city.symbol, city.name) == (Numbering.INTERNAL, "BK", "Sổ vào sổ bằng khen, giấy khen")
    assert (district.numbering, district.symbol) == (Numbering.INTERNAL, "GK")


def test_the_default_register_is_the_active_one_made_once(scene):
    first = numbering.default_register(scene.city_authority, RegisterKind.DECISION)
    Register.objects.filter(pk=first.pk).update(is_active=False)
    chosen = RegisterFactory(authority=scene.city_authority, symbol="QĐ-CT", name="Sổ quyết định của Chủ tịch")

    assert numbering.default_register(scene.city_authority, RegisterKind.DECISION) == chosen
    assert Register.objects.filter(authority=scene.city_authority, kind=RegisterKind.DECISION).count() == 2


def test_allocate_gives_consecutive_blocks_per_year(city):
    register = RegisterFactory(authority=AuthorityFactory(kind=AuthorityKindFactory(level="grassroots")))

    assert [numbering.allocate(register, 2025), numbering.allocate(register, 2025, 3),
            numbering.allocate(register, 2025), numbering.allocate(register, 2026)] == [1, 2, 5, 1]  # fmt: skip
    assert dict(RegisterCounter.objects.values_list("year", "last_number")) == {2025: 5, 2026: 1}


# --- External numbers -----------------------------------------------------------------------------------------


def test_an_external_number_already_used_in_its_register_and_year_is_refused(scene):
    sign(scene, drafted(scene, ((HOA, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL), signed_on=SIGNED_ON,
         number_text="120/QĐ-UBND")  # fmt: skip
    second = drafted(scene, ((BINH, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL)

    with pytest.raises(ValidationError) as refused:
        sign(scene, second, signed_on=dt.date(2025, 8, 1), number_text="120/QĐ-UBND")

    assert refused.value.message_dict == {
        "number_text": ["Số 120/QĐ-UBND đã được dùng trong “Sổ quyết định khen thưởng” năm 2025."]
    }
    second.refresh_from_db()
    assert second.state == DecisionState.DRAFT
    assert not Award.objects.filter(recipient_name=BINH).exists()
    assert DossierEntry.objects.get(person__full_name=BINH).state == EntryState.APPROVED


def test_the_same_external_number_the_next_year_is_fine(scene):
    sign(scene, drafted(scene, ((HOA, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL), signed_on=SIGNED_ON,
         number_text="120/QĐ-UBND")  # fmt: skip

    second = sign(scene, drafted(scene, ((BINH, "BK_TINH"),), numbering_kind=Numbering.EXTERNAL),
                  signed_on=dt.date(2026, 1, 10), number_text="120/QĐ-UBND")  # fmt: skip

    assert (second.number_text, second.number_year) == ("120/QĐ-UBND", 2026)


def test_the_database_refuses_a_number_used_twice_whoever_writes(scene):
    first = signed(scene, ((HOA, "BK_TINH"),), signed_on=SIGNED_ON)
    second = drafted(scene, ((BINH, "BK_TINH"),))

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=second.pk).update(register=first.register, number=1, number_year=2025)


# --- A signing that fails half-way ----------------------------------------------------------------------------


def test_a_signing_that_fails_half_way_leaves_nothing_and_no_number_used(scene, monkeypatch):
    CertificateLayoutFactory(award_codes=["BK_TINH"])
    decision = drafted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    before = {
        "events": DossierEvent.objects.count(),
        "counters": list(RegisterCounter.objects.values_list("register_id", "year", "last_number")),
    }

    def fail(*args, **kwargs):
        raise RuntimeError("the mail server is down")

    # The last step before the commit: the numbers, the awards, the certificates and the entries are all written.
    monkeypatch.setattr(services, "_notify_signed", fail)
    with pytest.raises(RuntimeError):
        sign(scene, decision, signed_on=SIGNED_ON)

    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.number_text) == (DecisionState.DRAFT, None, "")
    assert not Award.objects.exists()
    assert not Certificate.objects.exists()
    assert set(DossierEntry.objects.values_list("state", flat=True)) == {EntryState.APPROVED}
    assert DossierEvent.objects.count() == before["events"]
    assert list(RegisterCounter.objects.values_list("register_id", "year", "last_number")) == before["counters"]

    monkeypatch.undo()
    decision = sign(scene, decision, signed_on=SIGNED_ON)
    assert decision.number_text == "01/QĐ-UBND"  # no hole in the book
    assert list(Certificate.objects.order_by("serial_number").values_list("serial_text", flat=True)) == [
        "01/BK", "02/BK"]  # fmt: skip
