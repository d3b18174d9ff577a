"""The compliance dashboard: rows, figures per unit kind and overall, filters, query counts, the XLSX export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.conftest import user_with_role
from tests.factories.orgs import OrgUnitFactory
from tests.movements.conftest import AS_OF, create_launchable
from thidua.movements import exports, queries, services
from thidua.movements.enums import Compliance

pytestmark = pytest.mark.django_db

ON_TIME, LATE, MISSING, NOT_DUE = Compliance.ON_TIME, Compliance.LATE, Compliance.MISSING, Compliance.NOT_DUE


def counts(on_time=0, late=0, missing=0, not_due=0):
    return {"on_time": on_time, "late": late, "missing": missing, "not_due": not_due, "answered": on_time + late,
            "total": on_time + late + missing + not_due}  # fmt: skip


def by_name(rows):
    return {row.unit.name: row for row in rows}


def test_compliance_rows_give_each_obligation_its_standing(answered, board_officer):
    rows = by_name(queries.compliance_rows(answered, user=board_officer, as_of=AS_OF))

    table = {name: (row.registration_compliance, row.plan_compliance, row.report_compliances)
             for name, row in rows.items()}  # fmt: skip
    assert table == {
        "Quận Lê Chân": (ON_TIME, LATE, [ON_TIME, NOT_DUE]),
        "Huyện Thủy Nguyên": (MISSING, MISSING, [LATE, NOT_DUE]),
        "Phường An Biên": (ON_TIME, ON_TIME, [MISSING, NOT_DUE]),
        "Phường Hồ Nam": (LATE, MISSING, [ON_TIME, ON_TIME]),
        "Thị trấn Minh Đức": (ON_TIME, MISSING, [MISSING, NOT_DUE]),
    }


def test_compliance_row_sums_up_reports_worst_first(answered, board_officer):
    rows = by_name(queries.compliance_rows(answered, user=board_officer, as_of=AS_OF))

    assert {name: row.report_compliance for name, row in rows.items()} == {
        "Quận Lê Chân": ON_TIME, "Huyện Thủy Nguyên": LATE, "Phường An Biên": MISSING, "Phường Hồ Nam": ON_TIME,
        "Thị trấn Minh Đức": MISSING,
    }  # fmt: skip


def test_compliance_rows_name_the_district_of_each_unit(answered, board_officer):
    rows = queries.compliance_rows(answered, user=board_officer, as_of=AS_OF)

    assert [(row.unit.name, row.district.name) for row in rows] == [
        ("Huyện Thủy Nguyên", "Huyện Thủy Nguyên"),
        ("Thị trấn Minh Đức", "Huyện Thủy Nguyên"),
        ("Quận Lê Chân", "Quận Lê Chân"),
        ("Phường An Biên", "Quận Lê Chân"),
        ("Phường Hồ Nam", "Quận Lê Chân"),
    ]


def test_compliance_summary_counts_per_unit_kind(answered, board_officer):
    summary = queries.compliance_summary(queries.compliance_rows(answered, user=board_officer, as_of=AS_OF))

    district, ward = summary["by_kind"]
    assert (district["label"], district["units"]) == ("Quận, huyện", 2)
    assert district["plan"] == counts(late=1, missing=1)
    assert district["registration"] == counts(on_time=1, missing=1)
    assert district["report"] == counts(on_time=1, late=1, not_due=2)
    assert (ward["label"], ward["units"]) == ("Xã, phường, thị trấn", 3)
    assert ward["plan"] == counts(on_time=1, missing=2)
    assert ward["registration"] == counts(on_time=2, late=1)
    assert ward["report"] == counts(on_time=2, missing=2, not_due=2)


def test_compliance_summary_counts_overall(answered, board_officer):
    summary = queries.compliance_summary(queries.compliance_rows(answered, user=board_officer, as_of=AS_OF))

    overall = summary["overall"]
    assert overall["units"] == 5
    assert overall["plan"] == counts(on_time=1, late=1, missing=3)
    assert overall["registration"] == counts(on_time=3, late=1, missing=1)
    assert overall["report"] == counts(on_time=3, late=1, missing=2, not_due=4)


def test_compliance_before_the_deadline_is_not_due(answered, board_officer):
    rows = by_name(queries.compliance_rows(answered, user=board_officer, as_of=dt.date(2021, 10, 25)))

    thuy_nguyen = rows["Huyện Thủy Nguyên"]
    assert (thuy_nguyen.registration_compliance, thuy_nguyen.plan_compliance) == (NOT_DUE, NOT_DUE)


def test_compliance_rows_filter_by_unit_kind(answered, board_officer, wards):
    rows = queries.compliance_rows(answered, user=board_officer, as_of=AS_OF, unit_kind=wards["an_bien"].kind)

    assert sorted(row.unit.name for row in rows) == ["Phường An Biên", "Phường Hồ Nam", "Thị trấn Minh Đức"]


def test_compliance_rows_filter_by_district_keep_its_subtree(answered, board_officer, wards):
    rows = queries.compliance_rows(answered, user=board_officer, as_of=AS_OF, district=str(wards["le_chan"].pk))

    assert [row.unit.name for row in rows] == ["Quận Lê Chân", "Phường An Biên", "Phường Hồ Nam"]


def test_compliance_rows_of_a_district_officer_stop_at_the_district(answered, le_chan_officer):
    rows = queries.compliance_rows(answered, user=le_chan_officer, as_of=AS_OF)

    assert [row.unit.name for row in rows] == ["Quận Lê Chân", "Phường An Biên", "Phường Hồ Nam"]


def test_compliance_rows_of_a_co_organiser_show_every_unit(answered, board_officer):
    health = OrgUnitFactory(code="HP-SYT", name="Sở Y tế", parent=answered.issuer_unit)
    services.set_co_organisers(answered, by=board_officer, units=[health])
    officer = user_with_role("unit_officer", health, username="canbo.syt")

    assert len(queries.compliance_rows(answered, user=officer, as_of=AS_OF)) == 5


def test_compliance_rows_count_a_launched_sub_movement(answered, wards, le_chan_officer):
    sub = services.launch_sub_movement(answered, by=le_chan_officer, issuer_unit=wards["le_chan"],
                                       title="Quận Lê Chân hưởng ứng “Mục tiêu kép”",
                                       contents=[{"title": "Tiêm chủng"}],
                                       milestones=[{"kind": "registration", "title": "Hạn đăng ký",
                                                    "due_date": dt.date(2021, 11, 5)}])  # fmt: skip
    services.launch_movement(sub, by=le_chan_officer)

    rows = by_name(queries.compliance_rows(answered, user=None, as_of=AS_OF))
    assert [name for name, row in rows.items() if row.has_sub_movement] == ["Quận Lê Chân"]


def test_compliance_rows_run_the_same_queries_for_more_units(wards, board_officer):
    small = create_launchable(issuer=wards["root"], title="Phong trào nhỏ",
                              scope={"mode": "subtree", "root": wards["le_chan"]})  # fmt: skip
    large = create_launchable(issuer=wards["root"], title="Phong trào lớn")
    services.launch_movement(small, by=None)
    services.launch_movement(large, by=None)
    board_officer = type(board_officer).objects.get(pk=board_officer.pk)

    with CaptureQueriesContext(connection) as few:
        assert len(queries.compliance_rows(small, user=board_officer, as_of=AS_OF)) == 2
    with CaptureQueriesContext(connection) as many:
        assert len(queries.compliance_rows(large, user=board_officer, as_of=AS_OF)) == 5
    assert len(many.captured_queries) == len(few.captured_queries)


def test_compliance_xlsx_has_a_title_headers_and_a_row_per_unit(answered, board_officer):
    rows = queries.compliance_rows(answered, user=board_officer, as_of=AS_OF)

    workbook = load_workbook(io.BytesIO(exports.compliance_xlsx(answered, rows, queries.compliance_summary(rows))))

    units = workbook["Đơn vị"]
    assert units["A1"].value == "Phong trào thi đua “Mục tiêu kép”"
    assert [cell.value for cell in units[4]][:5] == ["STT", "Đơn vị", "Loại đơn vị", "Quận, huyện, sở, ngành",
                                                     "Kế hoạch hưởng ứng"]  # fmt: skip
    assert [cell.value for cell in units[5]] == [1, "Huyện Thủy Nguyên", "Quận, huyện", "Huyện Thủy Nguyên",
                                                 "Quá hạn, chưa gửi", None, "Quá hạn, chưa gửi", None, "Gửi muộn",
                                                 None]  # fmt: skip
    assert units.max_row == 4 + 5


def test_compliance_xlsx_summary_sheet_ends_with_the_total(answered, board_officer):
    rows = queries.compliance_rows(answered, user=board_officer, as_of=AS_OF)

    workbook = load_workbook(io.BytesIO(exports.compliance_xlsx(answered, rows, queries.compliance_summary(rows))))

    totals = workbook["Tổng hợp"]
    assert [cell.value for cell in totals[4]][:7] == ["Loại đơn vị", "Số đơn vị", "Kế hoạch hưởng ứng: Đã gửi đúng hạn",
                                                      "Kế hoạch hưởng ứng: Gửi muộn",
                                                      "Kế hoạch hưởng ứng: Quá hạn, chưa gửi",
                                                      "Kế hoạch hưởng ứng: Chưa đến hạn",
                                                      "Kế hoạch hưởng ứng: Đã gửi"]  # fmt: skip
    # Tổng cộng: plan 1/1/3/0 (2 sent), registration 3/1/1/0 (4), report 3/1/2/4 (4).
    assert [cell.value for cell in totals[7]] == ["Tổng cộng", 5, 1, 1, 3, 0, 2, 3, 1, 1, 0, 4, 3, 1, 2, 4, 4]


def test_consolidated_pledges_gather_approved_registrations_below_the_unit(answered, wards, individual_title,
                                                                          le_chan_person, board_officer):  # fmt: skip
    from thidua.movements.models import Registration

    an_bien = Registration.objects.get(movement=answered, unit=wards["an_bien"])
    Registration.objects.filter(pk=an_bien.pk).update(state="not_sent", submitted_at=None)
    an_bien.refresh_from_db()
    services.save_registration(an_bien, by=None, individual=[{"person": le_chan_person,
                                                               "award_type": individual_title}])  # fmt: skip
    services.submit_registration(an_bien, by=None)

    _collective, individual = queries.consolidated_pledges(answered, wards["le_chan"])
    assert list(individual) == []
    services.approve_registration(an_bien, by=board_officer)
    _collective, individual = queries.consolidated_pledges(answered, wards["le_chan"])
    assert [(p.person.full_name, p.registration.unit.name) for p in individual] == [
        ("Nguyễn Thị Hoa", "Phường An Biên")
    ]
