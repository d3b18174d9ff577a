"""Rules as data: `thidua load_catalog` seeds data/rules.yaml after the award catalog, idempotently; every rule is
valid and names its regime's award type; superusers edit rules in the admin, where the expression is checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from thidua.catalog.loader import CatalogDataError, data_files, load_catalog
from thidua.catalog.models import AwardType, Confidence
from thidua.eligibility.loader import RULES_FILE
from thidua.eligibility.models import Principle, Rule

REGIMES = ["nd91_2017", "nd98_2023", "nd152_2025"]
# (award code, recipient kind) of every rule the seed gives, each for the three regimes.
SEEDED = {
    ("LDTT", "individual"), ("CSTT", "individual"), ("CSTDCS", "individual"), ("CSTD_TINH", "individual"),
    ("CSTD_TQ", "individual"), ("TTLDTT", "collective"), ("TTLDXS", "collective"), ("CO_TD_TINH", "collective"),
    ("GK", "individual"), ("GK", "collective"), ("BK_TINH", "individual"), ("BK_TINH", "collective"),
    ("BK_TTG", "individual"), ("HCLD3", "individual"),
}  # fmt: skip


def test_load_catalog_reads_the_rules_file_after_the_catalog(catalog):
    files = data_files()
    loaded = list(catalog.counts)

    assert files.index(RULES_FILE) > max(files.index(path) for path in files if path.parent.name == "data"
                                         and path.parent.parent.name == "catalog")  # fmt: skip
    assert loaded.index(Rule) == loaded.index(Principle) + 1 > loaded.index(AwardType)


def test_rules_cover_every_award_with_conditions_in_every_regime(catalog):
    seeded = set(Rule.objects.values_list("award_code", "recipient_kind", "regime__code"))

    assert seeded == {(code, kind, regime) for code, kind in SEEDED for regime in REGIMES}


def test_every_seeded_rule_passes_its_own_validation(catalog):
    for rule in Rule.objects.select_related("award_type", "regime"):
        rule.full_clean()


def test_every_rule_names_the_award_type_version_of_its_regime(catalog):
    mismatched = [
        rule for rule in Rule.objects.select_related("award_type") if rule.award_type.regime_id != rule.regime_id
    ]

    assert mismatched == []


def test_rules_of_2017_to_2023_not_given_by_the_domain_are_low_confidence_and_marked(catalog):
    old = Rule.objects.filter(regime__code="nd91_2017").exclude(award_code="CSTDCS")

    assert set(old.values_list("confidence", flat=True)) == {Confidence.LOW}
    assert all("cần xác minh" in rule.notes.lower() for rule in old)


def test_cstdcs_2021_rule_is_the_domain_rule_with_its_fifteen_percent_cap(catalog):
    rule = Rule.objects.get(award_code="CSTDCS", regime__code="nd91_2017")

    assert rule.confidence == Confidence.HIGH
    assert {"cap": {"award": "CSTDCS", "of_awards": ["LDTT", "CSTT"], "max_share": 0.15}} in rule.expression["all"]


def test_principles_are_the_three_general_principles_in_every_regime(catalog):
    seeded = set(Principle.objects.values_list("code", "regime__code"))

    codes = {"discipline_blocks", "adhoc_themed_not_merit", "initiative_backs_one_award"}
    assert seeded == {(code, regime) for code in codes for regime in REGIMES}


def test_only_the_discipline_principle_adds_a_condition(catalog):
    with_expression = Principle.objects.exclude(expression=None).values_list("code", "expression")

    assert {code for code, _expression in with_expression} == {"discipline_blocks"}
    assert {json.dumps(expression) for _code, expression in with_expression} == {
        json.dumps({"no_discipline": {"window": 1, "statuses": ["pending", "in_effect"]}})
    }


def test_second_load_changes_no_rule(catalog):
    report = load_catalog()

    assert report.counts[Rule]["created"] + report.counts[Rule]["updated"] == 0
    assert report.counts[Principle]["unchanged"] == 9


def test_load_restores_a_seeded_rule_expression(catalog):
    Rule.objects.filter(award_code="TTLDTT", regime__code="nd98_2023").update(expression={"judgement": "Sửa tay"})

    load_catalog()

    rule = Rule.objects.get(award_code="TTLDTT", regime__code="nd98_2023")
    assert {"member_share": {"awards": ["LDTT"], "min": 0.7}} in rule.expression["all"]


def write_rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_refuses_an_unknown_award_code_in_an_expression(catalog, tmp_path):
    path = write_rules(tmp_path, """
rules:
  - award: LDTT
    recipient: individual
    regimes: [nd98_2023]
    summary: "Thử"
    legal_source: "Thử"
    confidence: H
    expression: {title: {awards: [LDTX], years: 1}}
""")  # fmt: skip

    with pytest.raises(CatalogDataError, match=r"rules.yaml › rules › #1 \(\?\): unknown award codes.*LDTX"):
        load_catalog([path])


def test_load_refuses_an_expression_outside_the_language(catalog, tmp_path):
    path = write_rules(tmp_path, """
rules:
  - award: LDTT
    recipient: individual
    regimes: [nd98_2023]
    summary: "Thử"
    legal_source: "Thử"
    confidence: H
    expression: {rating: {min: gioi, years: 1}}
""")  # fmt: skip

    with pytest.raises(CatalogDataError, match="giá trị “gioi” không thuộc htxs, htt, ht, kht"):
        load_catalog([path])


def test_load_refuses_a_regime_override_not_listed_in_regimes(catalog, tmp_path):
    path = write_rules(tmp_path, """
principles:
  - code: thu
    regimes: [nd98_2023]
    text: "Thử"
    expression: null
    legal_source: "Thử"
    confidence: H
    per_regime:
      nd152_2025: {confidence: M}
""")  # fmt: skip

    with pytest.raises(CatalogDataError, match=r"per_regime names regimes not listed in regimes: \['nd152_2025'\]"):
        load_catalog([path])


def test_load_refuses_an_award_without_a_version_in_the_regime(catalog, tmp_path):
    path = write_rules(tmp_path, """
rules:
  - award: XA_TIEU_BIEU
    recipient: collective
    regimes: [nd91_2017]
    summary: "Thử"
    legal_source: "Thử"
    confidence: L
    expression: {judgement: "Tiêu biểu"}
""")  # fmt: skip

    with pytest.raises(CatalogDataError, match="no award type XA_TIEU_BIEU in regime nd91_2017"):
        load_catalog([path])


# --- The admin site -------------------------------------------------------------------------------------------


@pytest.fixture
def ttldtt_2024(catalog) -> Rule:
    return Rule.objects.select_related("award_type", "regime").get(award_code="TTLDTT", regime__code="nd98_2023")


def rule_post_data(rule: Rule, **overrides) -> dict:
    data = {
        "award_code": rule.award_code,
        "award_type": str(rule.award_type_id),
        "regime": str(rule.regime_id),
        "recipient_kind": rule.recipient_kind,
        "expression": json.dumps(rule.expression, ensure_ascii=False),
        "summary": rule.summary,
        "legal_source": rule.legal_source,
        "confidence": rule.confidence,
        "notes": rule.notes,
    }
    data.update(overrides)
    return data


def change_url(rule: Rule) -> str:
    return reverse("admin:eligibility_rule_change", args=[rule.pk])


def test_admin_rule_list_marks_unverified_rules(catalog, admin_client):
    response = admin_client.get(reverse("admin:eligibility_rule_changelist"), {"award_code": "CSTDCS"})

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("⚠ cần xác minh</strong>") == 1  # CSTDCS: H (2017–2023), H (2024–6/2025), M (7/2025–)


def test_admin_rule_change_page_shows_the_expression_as_readable_json(ttldtt_2024, admin_client):
    response = admin_client.get(change_url(ttldtt_2024))

    assert response.status_code == 200
    assert escape(
        '\n    {\n      "judgement": "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả; nội bộ đoàn kết"'
    ) in (response.content.decode())


def test_admin_rule_saves_a_valid_expression(ttldtt_2024, admin_client):
    expression = {"all": [{"rating": {"min": "htt", "years": 1}}, {"member_share": {"awards": ["LDTT"], "min": 0.8}}]}

    response = admin_client.post(
        change_url(ttldtt_2024), rule_post_data(ttldtt_2024, expression=json.dumps(expression))
    )

    ttldtt_2024.refresh_from_db()
    assert response.status_code == 302
    assert ttldtt_2024.expression == expression


def test_admin_rule_refuses_an_expression_outside_the_language(ttldtt_2024, admin_client):
    before = ttldtt_2024.expression
    expression = {"member_share": {"awards": ["LDTT"], "min": 70}}

    response = admin_client.post(
        change_url(ttldtt_2024), rule_post_data(ttldtt_2024, expression=json.dumps(expression))
    )

    ttldtt_2024.refresh_from_db()
    assert response.status_code == 200
    assert "Điều kiện không đúng cú pháp tại member_share/min: không được lớn hơn 1" in response.content.decode()
    assert ttldtt_2024.expression == before


def test_admin_rule_refuses_an_award_type_of_another_regime(ttldtt_2024, admin_client):
    other = AwardType.objects.get(code="TTLDTT", regime__code="nd152_2025")

    response = admin_client.post(change_url(ttldtt_2024), rule_post_data(ttldtt_2024, award_type=str(other.pk)))

    ttldtt_2024.refresh_from_db()
    assert response.status_code == 200
    assert "Phiên bản danh hiệu không thuộc giai đoạn pháp lý của điều kiện." in response.content.decode()
    assert ttldtt_2024.award_type.regime.code == "nd98_2023"


def test_admin_rule_cannot_be_deleted(ttldtt_2024, admin_client):
    response = admin_client.post(reverse("admin:eligibility_rule_delete", args=[ttldtt_2024.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Rule.objects.filter(pk=ttldtt_2024.pk).exists()


def test_admin_principle_without_expression_stays_without_one(catalog, admin_client):
    principle = Principle.objects.get(code="adhoc_themed_not_merit", regime__code="nd152_2025")
    url = reverse("admin:eligibility_principle_change", args=[principle.pk])
    data = {"code": principle.code, "regime": str(principle.regime_id), "text": "Khen thưởng đột xuất không tính.",
            "expression": "", "legal_source": principle.legal_source, "confidence": principle.confidence}  # fmt: skip

    response = admin_client.post(url, data)

    principle.refresh_from_db()
    assert response.status_code == 302
    assert (principle.text, principle.expression) == ("Khen thưởng đột xuất không tính.", None)


def test_admin_principle_refuses_an_unknown_condition(catalog, admin_client):
    principle = Principle.objects.get(code="discipline_blocks", regime__code="nd152_2025")
    url = reverse("admin:eligibility_principle_change", args=[principle.pk])
    data = {"code": principle.code, "regime": str(principle.regime_id), "text": principle.text,
            "expression": '{"no_penalty": {"window": 1}}', "legal_source": principle.legal_source,
            "confidence": principle.confidence}  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "không có loại điều kiện “no_penalty”" in response.content.decode()
