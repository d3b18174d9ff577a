"""Every kind of generated document, built from the scene of tests/documents/conftest.py, with the names (full
Vietnamese diacritics) each must print. Used by the renderer tests and by the LibreOffice check."""

from __future__ import annotations

from tests.documents.conftest import SIGNER
from tests.dossiers.workflow_scene import BINH, HOA
from thidua.decisions.documents import decision_document, extract_document
from thidua.dossiers.documents import achievement_report, council_minutes, proposal

# kind → (fixtures, builder, names it must print)
KINDS = {
    "proposal": (("dossier",), proposal, [HOA, BINH, "Chủ tịch UBND thành phố Hải Phòng", "Quận Lê Chân", "TỜ TRÌNH"]),
    "minutes": (("closed_session",), council_minutes,
                [HOA, BINH, "Hoàng Minh Tuấn", "Bùi Thị Ngọc Anh", "BIÊN BẢN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"]),
    "report": (("hoa_entry", "history"), achievement_report,
               [HOA, "BÁO CÁO THÀNH TÍCH", "Lao động tiên tiến", "Hoàn thành xuất sắc nhiệm vụ"]),
    "decision": (("signed_decision",), decision_document,
                 [HOA, BINH, SIGNER, "QUYẾT ĐỊNH", "THÀNH PHỐ HẢI PHÒNG", "Độc lập - Tự do - Hạnh phúc"]),
    "extract": (("extract",), extract_document, [HOA, "GIẤY XÁC NHẬN", "Bằng khen của Chủ tịch UBND thành phố"]),
}  # fmt: skip


def build(kind: str, request):
    """The OfficialDocument of ``kind``, its fixtures taken from the test's ``request``."""
    fixtures, builder, _names = KINDS[kind]
    values = [request.getfixturevalue(name) for name in fixtures]
    return builder(values[0])


def names_of(kind: str) -> list[str]:
    return KINDS[kind][2]
