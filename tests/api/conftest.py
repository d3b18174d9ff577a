"""API scenes: token clients for users of each kind, on top of the city of tests/conftest.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import user_with_role
from tests.factories.accounts import UserFactory
from thidua.catalog.models import Authority, AuthorityKind, AwardType, DocumentKind, LegalRegime


def token_client(user) -> APIClient:
    """A client that signs every request with the user's token, as an integrator would."""
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def no_role_client(db):
    return token_client(UserFactory(username="khong.vai.tro"))


@pytest.fixture
def le_chan_client(le_chan_officer):
    """A unit officer of Quận Lê Chân: sees and edits the people of Lê Chân; may not manage units or clusters."""
    return token_client(le_chan_officer)


@pytest.fixture
def le_chan_admin(city):
    return user_with_role("admin", city["le_chan"], username="quantri.lechan")


@pytest.fixture
def le_chan_admin_client(le_chan_admin):
    return token_client(le_chan_admin)


@pytest.fixture
def le_chan_viewer_client(city):
    """Someone who sees Lê Chân (a council member there) but may edit nothing in the organisation."""
    return token_client(user_with_role("council_member", city["le_chan"], username="hoidong.lechan"))


@pytest.fixture
def board_officer_client(city):
    """An officer of the city's emulation board: runs the clusters organised by the city."""
    return token_client(user_with_role("board_officer", city["root"], username="ban.tdkt"))


@pytest.fixture
def catalog(db, city):
    """One regime, two authority kinds (one ended 2025-06-30), their authorities, and one award type version."""
    regime = LegalRegime.objects.create(
        code="nd152", name="Từ 01/7/2025", instruments="NĐ 152/2025/NĐ-CP", valid_from=dt.date(2025, 7, 1)
    )
    city_chair = AuthorityKind.objects.create(code="ct_ubnd_tinh", name="Chủ tịch UBND cấp tỉnh", level="province")
    district_chair = AuthorityKind.objects.create(
        code="ct_ubnd_huyen", name="Chủ tịch UBND cấp huyện", level="grassroots", valid_to=dt.date(2025, 6, 30)
    )
    city_authority = Authority.objects.create(
        kind=city_chair, unit=city["root"], name="Chủ tịch UBND thành phố Hải Phòng",
        issuing_body="ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", document_code="UBND", place_name="Hải Phòng",
    )  # fmt: skip
    district_authority = Authority.objects.create(
        kind=district_chair, unit=city["thuy_nguyen"], name="Chủ tịch UBND huyện Thủy Nguyên",
        issuing_body="ỦY BAN NHÂN DÂN HUYỆN THỦY NGUYÊN", document_code="UBND", place_name="Thủy Nguyên",
    )  # fmt: skip
    report = DocumentKind.objects.create(code="bao_cao_thanh_tich", name="Báo cáo thành tích")
    minutes = DocumentKind.objects.create(code="bien_ban_hop", name="Biên bản họp")
    bang_khen = AwardType.objects.create(
        code="BK_TINH", name="Bằng khen của Chủ tịch UBND cấp tỉnh", kind="form", level="province",
        recipient_kinds=["individual", "collective"], regime=regime, coef_individual=Decimal("1.00"),
        coef_collective=Decimal("2.00"), council_body="standing", council_threshold=Decimal("0.800"),
        needs_public_consultation=False, legal_source="Luật TĐKT 2022, Điều 74; NĐ 152/2025, Điều 51",
        confidence="M", valid_from=dt.date(2025, 7, 1), sort_order=40,
    )  # fmt: skip
    bang_khen.granting_authority_kinds.set([city_chair])
    bang_khen.required_documents.set([report, minutes])
    return {
        "regime": regime,
        "city_authority": city_authority,
        "district_authority": district_authority,
        "bang_khen": bang_khen,
    }
