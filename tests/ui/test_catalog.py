"""Read-only catalog pages: award types in force on a date, authorities, the base salary history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories.catalog import (
    AuthorityFactory,
    AuthorityKindFactory,
    AwardTypeFactory,
    BaseSalaryFactory,
    DocumentKindFactory,
    LegalRegimeFactory,
)
from thidua.catalog.models import AwardLevel, Confidence

pytestmark = pytest.mark.django_db


def login_url_for(path: str) -> str:
    return f"{reverse('accounts:login')}?next={path}"


@pytest.fixture
def regimes():
    return {
        "2017": LegalRegimeFactory(
            code="nd91_2017", name="Luật TĐKT 2003 và NĐ 91/2017/NĐ-CP", valid_from=dt.date(2017, 10, 1),
            valid_to=dt.date(2023, 12, 31),
        ),
        "2025": LegalRegimeFactory(),
    }  # fmt: skip


@pytest.fixture
def award_types(regimes):
    chairman = AuthorityKindFactory()
    proposal = DocumentKindFactory()
    bang_khen = AwardTypeFactory(
        code="BK_TINH", name="Bằng khen của Chủ tịch UBND thành phố", kind="form", level=AwardLevel.PROVINCE,
        regime=regimes["2025"], coef_individual=Decimal("1.0"), coef_collective=Decimal("2.0"),
        legal_source="NĐ 152/2025/NĐ-CP, Điều 50",
    )  # fmt: skip
    bang_khen.granting_authority_kinds.add(chairman)
    bang_khen.required_documents.add(proposal)
    ldtt = AwardTypeFactory(
        code="LDTT", name="Lao động tiên tiến", regime=regimes["2025"], confidence=Confidence.MEDIUM
    )
    old_ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến (2017)", regime=regimes["2017"])
    return {"bang_khen": bang_khen, "ldtt": ldtt, "old_ldtt": old_ldtt}


def test_award_type_list_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("catalog:award-type-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/catalog/award-types/"))


def test_award_type_list_today_groups_types_in_force_by_level(no_role_client, award_types):
    response = no_role_client.get(reverse("catalog:award-type-list"))
    html = response.content.decode()
    assert (response.status_code, "Lao động tiên tiến (2017)" in html) == (200, False)
    assert html.index("Cấp bộ, ban, ngành, tỉnh</h2>") < html.index("Bằng khen của Chủ tịch UBND thành phố")
    assert html.index("Bằng khen của Chủ tịch UBND thành phố") < html.index("Cấp cơ sở</h2>")
    assert html.index("Cấp cơ sở</h2>") < html.index("Lao động tiên tiến")


def test_award_type_list_shows_coefficients_authorities_documents_and_source(officer_client, award_types):
    html = officer_client.get(reverse("catalog:award-type-list")).content.decode()
    assert "cá nhân 1; tập thể 2" in html
    assert "cá nhân 0,3<" in html
    assert "Chủ tịch UBND tỉnh, thành phố trực thuộc Trung ương" in html
    assert "<li>Tờ trình đề nghị khen thưởng</li>" in html
    assert "NĐ 152/2025/NĐ-CP, Điều 50" in html


def test_award_type_list_marks_unconfirmed_rules(officer_client, award_types):
    html = officer_client.get(reverse("catalog:award-type-list")).content.decode()
    ldtt = html[html.index("Lao động tiên tiến <span") :]
    assert html.count(">cần xác minh</span>") == 1
    assert ldtt.index("cần xác minh") < ldtt.index("</h3>")


def test_award_type_list_on_a_past_date_shows_that_regime(officer_client, award_types):
    html = officer_client.get(reverse("catalog:award-type-list"), {"on": "15/06/2021"}).content.decode()
    assert ("Lao động tiên tiến (2017)" in html, "Bằng khen của Chủ tịch UBND thành phố" in html) == (True, False)
    assert "Áp dụng ngày 15/06/2021" in html


def test_award_type_list_by_regime(officer_client, award_types):
    html = officer_client.get(reverse("catalog:award-type-list"), {"regime": "nd91_2017"}).content.decode()
    assert ("Lao động tiên tiến (2017)" in html, "Bằng khen của Chủ tịch UBND thành phố" in html) == (True, False)


def test_authority_list_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("catalog:authority-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/catalog/authorities/"))


def test_authority_list_shows_authorities_and_their_units(officer_client, city):
    AuthorityFactory(unit=city["root"], name="Chủ tịch UBND thành phố Hải Phòng")
    response = officer_client.get(reverse("catalog:authority-list"))
    html = response.content.decode()
    assert (response.status_code, '<th scope="row">Chủ tịch UBND thành phố Hải Phòng</th>' in html) == (200, True)
    assert '<td data-label="Đơn vị">Thành phố Hải Phòng</td>' in html


def test_authority_list_on_a_date_hides_authorities_no_longer_in_force(officer_client, city):
    district = AuthorityKindFactory(code="ct_ubnd_huyen", name="Chủ tịch UBND cấp huyện", valid_to=dt.date(2025, 6, 30))
    AuthorityFactory(kind=district, unit=city["le_chan"], name="Chủ tịch UBND quận Lê Chân")
    html = officer_client.get(reverse("catalog:authority-list"), {"on": "01/08/2025"}).content.decode()
    assert "Chủ tịch UBND quận Lê Chân" not in html


def test_base_salary_list_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("catalog:base-salary-list"))
    assert (response.status_code, response["Location"]) == (302, login_url_for("/app/catalog/base-salaries/"))


def test_base_salary_list_shows_the_history_and_the_current_amount(officer_client, db):
    BaseSalaryFactory(valid_from=dt.date(2019, 7, 1), amount=1_490_000, instrument="Nghị định 38/2019/NĐ-CP")
    BaseSalaryFactory(valid_from=dt.date(2024, 7, 1), amount=2_340_000, instrument="Nghị định 73/2024/NĐ-CP")
    html = officer_client.get(reverse("catalog:base-salary-list")).content.decode()
    assert "1.490.000" in html
    assert "2.340.000" in html
    assert '01/07/2024 <span class="badge badge--ok">đang áp dụng</span>' in html
