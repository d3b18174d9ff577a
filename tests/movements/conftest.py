"""Scenes of the movements tests: the city of tests/conftest.py with a third ward, the board and unit officers, a
draft movement ready to launch, the same launched, and a launched movement whose units answered on known days.

Milestones of the scene movement: registration due 31/10/2021, plan due 15/11/2021, report I due 30/06/2022 and
report II due 15/12/2022 (both require a report)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import user_with_role
from tests.factories.catalog import AwardTypeFactory
from tests.factories.orgs import OrgUnitFactory
from thidua.catalog.models import RecipientKind
from thidua.movements import services
from thidua.movements.enums import AnswerState, MilestoneKind, MovementKind
from thidua.movements.models import ProgressReport, Registration, UnitPlan

REGISTRATION_DUE = dt.date(2021, 10, 31)
PLAN_DUE = dt.date(2021, 11, 15)
REPORT_I_DUE = dt.date(2022, 6, 30)
REPORT_II_DUE = dt.date(2022, 12, 15)

MILESTONES = [
    {"kind": MilestoneKind.REGISTRATION, "title": "Hạn đăng ký thi đua", "due_date": REGISTRATION_DUE},
    {"kind": MilestoneKind.PLAN, "title": "Hạn gửi kế hoạch hưởng ứng", "due_date": PLAN_DUE},
    {"kind": MilestoneKind.INTERIM_REVIEW, "title": "Sơ kết 6 tháng", "due_date": REPORT_I_DUE,
     "requires_report": True},
    {"kind": MilestoneKind.FINAL_REVIEW, "title": "Tổng kết năm 2022", "due_date": REPORT_II_DUE,
     "requires_report": True},
]  # fmt: skip


def pdf_upload(name: str = "ke-hoach.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def fake_upload(name: str = "virus.pdf") -> SimpleUploadedFile:
    """A file named like a PDF that is not one."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 this is an executable", "application/pdf")


def sent_on(day: dt.date) -> dt.datetime:
    """Ten in the morning, Hải Phòng time, of ``day``."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def create_launchable(*, issuer, by=None, title="Phong trào thi đua “Mục tiêu kép”", scope=None):
    """A draft with a content, the scene's milestones and (by default) the issuer's whole subtree in scope."""
    return services.create_movement(
        by=by, issuer_unit=issuer, title=title, kind=MovementKind.THEMATIC, period_start=dt.date(2021, 10, 1),
        period_end=dt.date(2022, 12, 31), contents=[{"title": "Thi đua phòng, chống dịch COVID-19"}],
        milestones=MILESTONES, scope=scope or {"mode": "subtree"},
    )  # fmt: skip


@pytest.fixture
def wards(city):
    """A second ward of Lê Chân beside An Biên: three wards in two districts."""
    ward_kind = city["an_bien"].kind
    city["ho_nam"] = OrgUnitFactory(code="HP-LC-HN", name="Phường Hồ Nam", kind=ward_kind, parent=city["le_chan"])
    return city


@pytest.fixture
def board_officer(city):
    """Chuyên viên Ban Thi đua - Khen thưởng thành phố: the board side of the city's movements."""
    return user_with_role("board_officer", city["root"], username="ban.thanhpho", full_name="Lê Quang Huy",
                          email="huy@thidua.test")  # fmt: skip


@pytest.fixture
def an_bien_officer(city):
    return user_with_role("unit_officer", city["an_bien"], username="canbo.anbien", full_name="Phạm Thu Hà",
                          email="ha@thidua.test")  # fmt: skip


@pytest.fixture
def thuy_nguyen_officer(city):
    return user_with_role("unit_officer", city["thuy_nguyen"], username="canbo.thuynguyen",
                          full_name="Vũ Văn Nam", email="nam@thidua.test")  # fmt: skip


@pytest.fixture
def individual_title(db):
    return AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", recipient_kinds=[RecipientKind.INDIVIDUAL])


@pytest.fixture
def collective_title(db):
    return AwardTypeFactory(code="TTLDTT", name="Tập thể lao động tiên tiến",
                            recipient_kinds=[RecipientKind.COLLECTIVE])  # fmt: skip


@pytest.fixture
def draft(wards, board_officer):
    """The city's draft movement, ready to launch: its scope is the whole city (both districts, three wards)."""
    return create_launchable(issuer=wards["root"], by=board_officer)


@pytest.fixture
def launched(draft, board_officer):
    return services.launch_movement(draft, by=board_officer)


def mark_sent(answer, day: dt.date, state: str = AnswerState.PENDING) -> None:
    """Arrange an answer as sent on ``day`` (first send), in ``state``."""
    type(answer).objects.filter(pk=answer.pk).update(state=state, submitted_at=sent_on(day))


def answers_of(movement, unit):
    plan = UnitPlan.objects.get(movement=movement, unit=unit)
    registration = Registration.objects.get(movement=movement, unit=unit)
    reports = list(ProgressReport.objects.filter(movement=movement, unit=unit).order_by("milestone__due_date"))
    return plan, registration, reports


@pytest.fixture
def answered(launched, wards):
    """The launched movement with answers sent on known days (figures as of 15/07/2022 in the comments).

    unit (kind, district)      registration        plan                      report I            report II
    Lê Chân (district, LC)     20/10 on time       20/11 late                25/06 on time       not due
    Thủy Nguyên (district, TN) missing             missing                   05/07 late          not due
    An Biên (ward, LC)         31/10 on time       10/11 on time             missing             not due
    Hồ Nam (ward, LC)          02/11 late          returned: missing         30/06 on time       10/07 on time
    Minh Đức (ward, TN)        15/10 on time (ok)  missing                   missing             not due
    """
    day = dt.date
    plan, registration, reports = answers_of(launched, wards["le_chan"])
    mark_sent(registration, day(2021, 10, 20))
    mark_sent(plan, day(2021, 11, 20))
    mark_sent(reports[0], day(2022, 6, 25))
    plan, registration, reports = answers_of(launched, wards["thuy_nguyen"])
    mark_sent(reports[0], day(2022, 7, 5))
    plan, registration, reports = answers_of(launched, wards["an_bien"])
    mark_sent(registration, day(2021, 10, 31))
    mark_sent(plan, day(2021, 11, 10), AnswerState.APPROVED)
    plan, registration, reports = answers_of(launched, wards["ho_nam"])
    mark_sent(registration, day(2021, 11, 2))
    mark_sent(plan, day(2021, 11, 1), AnswerState.RETURNED)
    mark_sent(reports[0], day(2022, 6, 30))
    mark_sent(reports[1], day(2022, 7, 10))
    plan, registration, reports = answers_of(launched, wards["minh_duc"])
    mark_sent(registration, day(2021, 10, 15), AnswerState.APPROVED)
    return launched


AS_OF = dt.date(2022, 7, 15)
