"""`thidua eligibility`: the sweep as JSON or CSV, stable and documented (the JSON Schema in docs/eligibility.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from tests.eligibility.sweep_scenes import give, make_rule, member, open_regime, rate
from tests.factories.catalog import AwardTypeFactory, LegalRegimeFactory
from tests.factories.orgs import PersonFactory
from thidua.eligibility.models import Rule

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs" / "eligibility.md"


def documented_schema() -> dict:
    """The JSON Schema block that follows the marker in docs/eligibility.md."""
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"<!-- eligibility-output-schema -->\s*```json\n(.*?)\n```", text, re.S)
    return json.loads(block.group(1))


@pytest.fixture
def scene(city):
    """Lao động tiên tiến for people rated "tốt" this year; Tập thể lao động tiên tiến when half the members hold
    it, else for the board to weigh. Hoa (An Biên) is rated "tốt" and holds it, Đức (Minh Đức) is rated only
    "hoàn thành"."""
    regime = open_regime()
    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", regime=regime)
    AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến", regime=regime, recipient_kinds=["collective"])
    make_rule(regime, {"rating": {"min": "htt", "years": 1}}, code="LDTT")
    make_rule(regime, {"any": [{"member_share": {"awards": ["LDTT"], "min": 0.5}}, {"judgement": "Tiêu biểu"}]},
              code="TTLDTT", recipient="collective")  # fmt: skip
    hoa = member(city["an_bien"], PersonFactory(full_name="Nguyễn Thị Hoa"))
    rate(hoa, 2024)
    give(hoa, "LDTT", 2024, regime=regime)
    duc = member(city["minh_duc"], PersonFactory(full_name="Đặng Văn Đức"))
    rate(duc, 2024, level="ht")
    return {**city, "hoa": hoa, "duc": duc, "regime": regime}


def PersonFactory_named(name: str):
    from tests.factories.orgs import PersonFactory

    return PersonFactory(full_name=name)


def run(**options) -> str:
    out = io.StringIO()
    call_command("eligibility", stdout=out, **options)
    return out.getvalue()


def person_row(person, unit, status: str, rule: Rule) -> dict:
    return {
        "award_code": "LDTT", "award_name": "Lao động tiên tiến", "recipient_kind": "individual",
        "person_id": person.pk, "unit_id": None, "name": person.full_name, "unit_code": unit.code,
        "unit_name": unit.name, "period_kind": "calendar", "year": 2024, "status": status, "rule_id": rule.pk,
    }  # fmt: skip


def test_eligibility_json_follows_the_documented_schema(scene):
    document = json.loads(run(year=2024, format="json"))
    jsonschema.Draft202012Validator(documented_schema()).validate(document)
    assert (document["schema"], document["count"], len(document["rows"])) == ("urn:thidua:eligibility-sweep:1", 6, 6)


def test_eligibility_json_lists_eligible_and_to_weigh_by_default(scene):
    document = json.loads(run(year=2024, format="json", scope="HP-LC", award=["LDTT"]))
    assert document == {
        "schema": "urn:thidua:eligibility-sweep:1", "year": 2024, "scope": {"code": "HP-LC", "name": "Quận Lê Chân"},
        "awards": ["LDTT"], "as_of": None, "statuses": ["eligible", "to_weigh"], "count": 1,
        "rows": [person_row(scene["hoa"], scene["an_bien"], "eligible", Rule.objects.get(award_code="LDTT"))],
    }  # fmt: skip


def test_eligibility_all_includes_not_eligible(scene):
    document = json.loads(run(year=2024, format="json", award=["LDTT"], all=True))
    rule = Rule.objects.get(award_code="LDTT")
    assert document["rows"] == [
        person_row(scene["hoa"], scene["an_bien"], "eligible", rule),
        person_row(scene["duc"], scene["minh_duc"], "not_eligible", rule),
    ]


def test_eligibility_orders_collectives_before_individuals_then_by_id(scene):
    rows = json.loads(run(year=2024, format="json"))["rows"]
    keys = [(row["award_code"], row["recipient_kind"], row["person_id"] or row["unit_id"]) for row in rows]
    assert (keys == sorted(keys), [row["award_code"] for row in rows]) == (True, ["LDTT"] + ["TTLDTT"] * 5)


def test_eligibility_collective_rows_name_the_unit(scene):
    rows = json.loads(run(year=2024, format="json", award=["TTLDTT"]))["rows"]
    by_unit = {row["unit_code"]: (row["name"], row["person_id"], row["status"]) for row in rows}
    assert by_unit == {
        "HP": ("Thành phố Hải Phòng", None, "to_weigh"), "HP-LC": ("Quận Lê Chân", None, "to_weigh"),
        "HP-TN": ("Huyện Thủy Nguyên", None, "to_weigh"), "HP-LC-AB": ("Phường An Biên", None, "eligible"),
        "HP-TN-MD": ("Thị trấn Minh Đức", None, "to_weigh"),
    }  # fmt: skip


def test_eligibility_csv_has_the_columns_and_values_of_the_json(scene):
    document = json.loads(run(year=2024, format="json", all=True))
    reader = csv.DictReader(io.StringIO(run(year=2024, format="csv", all=True)))
    expected = [{key: "" if value is None else str(value) for key, value in row.items()} for row in document["rows"]]
    assert (reader.fieldnames, list(reader)) == (list(document["rows"][0]), expected)


def test_eligibility_as_of_picks_the_rules_then_in_force(city):
    old = LegalRegimeFactory(code="nd91", valid_from=dt.date(2017, 10, 1), valid_to=dt.date(2023, 12, 31))
    new = LegalRegimeFactory(code="nd98", valid_from=dt.date(2024, 1, 1))
    make_rule(old, {"rating": {"min": "htt", "years": 1}}, code="LDTT")
    make_rule(new, {"rating": {"min": "htt", "years": 2}}, code="LDTT")
    rate(member(city["an_bien"]), 2024)
    now = json.loads(run(year=2024, format="json"))
    then = json.loads(run(year=2024, format="json", as_of="2023-12-31"))
    assert ((now["count"], then["count"]), then["as_of"], then["rows"][0]["rule_id"]) == (
        (0, 1), "2023-12-31", Rule.objects.get(regime=old).pk,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"scope": "KHONG-CO"}, "Không có đơn vị mã “KHONG-CO”."),
        ({"award": ["KHONG_CO"]}, "Không có điều kiện khen thưởng nào cho mã “KHONG_CO”."),
        ({"as_of": "31/12/2024"}, "--as-of cần một ngày dạng YYYY-MM-DD, không phải “31/12/2024”."),
    ],
)
def test_eligibility_refuses_what_it_cannot_find(scene, options, message):
    with pytest.raises(CommandError) as error:
        run(year=2024, format="json", **options)
    assert str(error.value) == message


def test_eligibility_documented_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(documented_schema())
