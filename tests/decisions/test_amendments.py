"""Corrections and revocations are new decisions that reference the old one: signing them marks the old awards (once)
and grants the corrected ones. Awards a signed decision grants are history the eligibility engine reads — its
per-subject evaluation and its set-based sweep — and a revoked award is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.decisions.scene import BINH, HOA, drafted, sign, signed
from thidua.decisions import services
from thidua.decisions.enums import DecisionKind, DecisionState
from thidua.decisions.models import DecisionItem
from thidua.eligibility.engine import Status
from thidua.eligibility.evaluate import evaluate
from thidua.eligibility.models import Rule
from thidua.eligibility.sweep import sweep
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

SIGNED_ON = dt.date(2025, 7, 15)
CORRECTED_ON = dt.date(2025, 9, 2)


@pytest.fixture
def decision(scene):
    return signed(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")), signed_on=SIGNED_ON)


def award_of(decision, name: str) -> Award:
    return decision.items.select_related("award").get(recipient_name=name).award


def test_an_amendment_corrects_a_name_and_replaces_the_award(scene, decision):
    hoa = award_of(decision, HOA)

    amendment = services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.AMENDMENT,
                                         changes=[{"award": hoa, "recipient_name": "Nguyễn Thị Hòa",
                                                   "unit_name": "Phường An Biên, quận Lê Chân"}],
                                         reason="đính chính họ tên theo căn cước")  # fmt: skip
    assert (amendment.amends, amendment.subject) == (
        decision, "Về việc điều chỉnh Quyết định số 01/QĐ-UBND ngày 15/07/2025")  # fmt: skip
    amendment = sign(scene, amendment, signed_on=CORRECTED_ON)

    old = Award.objects.get(pk=hoa.pk)
    corrected = amendment.items.get().award
    assert (old.revoked_on, old.revoked_reference) == (CORRECTED_ON, "02/QĐ-UBND")
    assert (corrected.recipient_name, corrected.unit_name, corrected.decision_number, corrected.award_code) == (
        "Nguyễn Thị Hòa", "Phường An Biên, quận Lê Chân", "02/QĐ-UBND", "BK_TINH")  # fmt: skip
    assert list(Award.objects.in_force().filter(person__full_name=HOA)) == [corrected]
    # The money was paid by the first decision: the correction pays nothing more.
    assert amendment.items.get().amount == 0


def test_a_revocation_revokes_and_grants_nothing(scene, decision):
    binh = award_of(decision, BINH)

    revocation = services.draft_amendment(
        decision,
        by=scene.users["board"],
        kind=DecisionKind.REVOCATION,
        changes=[{"award": binh}],
        reason="phát hiện kê khai không trung thực",
    )
    revocation = sign(scene, revocation, signed_on=CORRECTED_ON)

    item = revocation.items.get()
    assert (revocation.kind, revocation.state, item.revokes, item.award, item.amount) == (
        DecisionKind.REVOCATION, DecisionState.SIGNED, binh, None, None)  # fmt: skip
    assert revocation.subject == "Về việc hủy bỏ khen thưởng tại Quyết định số 01/QĐ-UBND ngày 15/07/2025"
    assert Award.objects.get(pk=binh.pk).revoked_reference == "02/QĐ-UBND"
    assert not Award.objects.in_force().filter(person__full_name=BINH).exists()


def test_an_award_is_revoked_once(scene, decision):
    binh = award_of(decision, BINH)
    first = services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                     changes=[{"award": binh}])  # fmt: skip
    second = services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                      changes=[{"award": binh}])  # fmt: skip
    sign(scene, first, signed_on=CORRECTED_ON)

    with pytest.raises(ValidationError, match="đã bị hủy bỏ, thay thế theo quyết định 02/QĐ-UBND"):
        sign(scene, second, signed_on=CORRECTED_ON)
    with pytest.raises(ValidationError, match="đã bị hủy bỏ"):
        services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                 changes=[{"award": binh}])  # fmt: skip
    second.refresh_from_db()
    assert second.state == DecisionState.DRAFT


def test_only_a_signed_decisions_own_awards_are_amended_by_its_board(scene, decision):
    draft = drafted(scene, ((HOA, "CSTD_TINH"),))
    other = signed(scene, ((HOA, "CSTDCS"),), signed_on=SIGNED_ON, unit=scene.units["an_bien"])

    with pytest.raises(ValidationError, match="Chỉ điều chỉnh, hủy bỏ quyết định đã ký"):
        services.draft_amendment(draft, by=scene.users["board"], kind=DecisionKind.REVOCATION, changes=[])
    with pytest.raises(ValidationError, match="không thuộc quyết định 01/QĐ-UBND"):
        services.draft_amendment(decision, by=scene.users["board"], kind=DecisionKind.REVOCATION,
                                 changes=[{"award": other.items.get().award}])  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.draft_amendment(decision, by=scene.users["district_board"], kind=DecisionKind.REVOCATION,
                                 changes=[{"award": award_of(decision, HOA)}])  # fmt: skip
    assert not DecisionItem.objects.filter(revokes__isnull=False).exists()


# --- The eligibility engine -----------------------------------------------------------------------------------


@pytest.fixture
def cstdcs_rule(scene):
    """Chiến sĩ thi đua cơ sở needs the year's Lao động tiên tiến (the title condition of the seeded rule)."""
    award_type = scene.awards["CSTDCS"]
    rule = Rule(award_code="CSTDCS", award_type=award_type, regime=award_type.regime, recipient_kind="individual",
                expression={"all": [{"title": {"awards": ["LDTT"], "years": 1}}]},
                legal_source="Luật TĐKT 06/2022/QH15 Điều 23")  # fmt: skip
    rule.full_clean()
    rule.save()
    return rule


def swept(person, scene) -> str:
    rows = sweep(year=2025, scope_unit=scene.units["an_bien"], award_codes=["CSTDCS"])
    return next(row.status for row in rows if row.person_id == person.pk)


def test_a_signed_ldtt_makes_the_cstdcs_chain_met_and_its_revocation_unmet(scene, cstdcs_rule):
    hoa = scene.people[HOA]
    assert evaluate(hoa, "CSTDCS", year=2025).status == Status.NOT_ELIGIBLE
    assert swept(hoa, scene) == Status.NOT_ELIGIBLE

    ldtt = signed(scene, ((HOA, "LDTT"),), signed_on=SIGNED_ON, unit=scene.units["an_bien"])

    assert evaluate(hoa, "CSTDCS", year=2025).status == Status.ELIGIBLE
    assert swept(hoa, scene) == Status.ELIGIBLE

    revocation = services.draft_amendment(ldtt, by=scene.users["district_board"], kind=DecisionKind.REVOCATION,
                                          changes=[{"award": ldtt.items.get().award}])  # fmt: skip
    sign(scene, revocation, signed_on=CORRECTED_ON)

    assert evaluate(hoa, "CSTDCS", year=2025).status == Status.NOT_ELIGIBLE
    assert swept(hoa, scene) == Status.NOT_ELIGIBLE
