"""Scenes of the portal tests: a launched movement with its contents and criteria, a draft one, exemplary models in
every state (one published with a photo), built with factories and the movements services."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import user_with_role
from tests.factories.movements import (
    CriterionFactory,
    MilestoneFactory,
    MovementAwardFactory,
    MovementContentFactory,
    MovementFactory,
    TargetGroupFactory,
)
from tests.factories.orgs import OrgUnitFactory
from thidua.movements import exemplary
from thidua.movements.enums import ExemplaryKind, ExemplaryState, MovementState

TITLE = "Phong trào thi đua thực hiện thắng lợi “Mục tiêu kép”"
DRAFT_TITLE = "Phong trào thi đua còn dự thảo về chuyển đổi số"
PUBLISHED = "Anh xe ôm đưa đón miễn phí nhân viên y tế"
ACCEPTED_NOT_PUBLISHED = "Bếp ăn tiếp sức các chốt kiểm soát dịch"
SUBMITTED = "Camera giám sát người cách ly tại nhà"
DECLINED = "Phiếu đi chợ luân phiên"
BOARD_NOTE = "Ghi chú nội bộ của Ban: cần xác minh thêm"


def photo(name: str = "anh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def portal(city):
    """The city's launched movement (contents, a target group, criteria with a sub-criterion, an offered award, a
    milestone), a draft movement, and four exemplary models: published (with a photo), accepted but not published,
    submitted, declined."""
    root = city["root"]
    ngo_quyen = OrgUnitFactory(code="HP-NQ", name="Quận Ngô Quyền", kind=city["le_chan"].kind, parent=root)
    board = user_with_role("board_officer", root, username="ban.tdkt", full_name="Phạm Văn Bình")
    officer = user_with_role("unit_officer", ngo_quyen, username="canbo.ngoquyen", full_name="Lê Thị Mai")
    movement = MovementFactory(issuer_unit=root, state=MovementState.LAUNCHED, title=TITLE,
                               purpose="Phát huy tinh thần đoàn kết, lao động sáng tạo.")  # fmt: skip
    content = MovementContentFactory(movement=movement, title="Phòng, chống dịch Covid-19")
    group = TargetGroupFactory(movement=movement, name="Các tầng lớp Nhân dân")
    parent = CriterionFactory(movement=movement, code="1", text="Công tác phòng, chống dịch")
    CriterionFactory(movement=movement, parent=parent, code="1.1", text="Tiêm đủ liều vắc-xin")
    CriterionFactory(movement=movement, target_group=group, code="VI.1", text="Chấp hành quy định phòng dịch")
    MovementAwardFactory(movement=movement, award_type__name="Bằng khen của Chủ tịch UBND thành phố", quota=150)
    MilestoneFactory(movement=movement, title="Hạn đăng ký thi đua")
    draft = MovementFactory(issuer_unit=root, title=DRAFT_TITLE)

    def submit(title: str, **fields):
        return exemplary.submit_exemplary_model(
            by=officer, proposing_unit=ngo_quyen, kind=ExemplaryKind.GOOD_DEED, title=title,
            story=f"Câu chuyện: {title}.", movement=movement, content=content, **fields,
        )  # fmt: skip

    published = submit(PUBLISHED, subject_name="Anh Trần Văn Tú, phường Lạch Tray, quận Ngô Quyền",
                       photos=[photo("xe-om.png")])  # fmt: skip
    exemplary.review_exemplary_model(published, by=board, state=ExemplaryState.ACCEPTED, note=BOARD_NOTE)
    exemplary.set_publication(published, by=board, publish=True)
    kept = submit(ACCEPTED_NOT_PUBLISHED, subject_unit=ngo_quyen, photos=[photo("bep-an.png")])
    exemplary.review_exemplary_model(kept, by=board, state=ExemplaryState.ACCEPTED)
    submitted = submit(SUBMITTED, subject_unit=ngo_quyen)
    declined = submit(DECLINED, subject_unit=ngo_quyen)
    exemplary.review_exemplary_model(declined, by=board, state=ExemplaryState.DECLINED, note="Không đủ căn cứ.")
    return {
        "movement": movement, "draft": draft, "published": published, "kept": kept, "submitted": submitted,
        "declined": declined, "ngo_quyen": ngo_quyen, "board": board, **city,
    }  # fmt: skip
