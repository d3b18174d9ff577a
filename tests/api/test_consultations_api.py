"""/api/v1/consultations/: the city's board publishes appraised entries whose award needs the people's opinion
(Huân chương Lao động hạng Ba: 10 working days), reads and moderates the comments (with the contact the public page
never shows), and closes the consultation with its summary once the period is over — not before. The public's comment
form is a page (/cong-khai/), not an API.

Scene: tests/dossiers/conftest.py; entries are appraised through the workflow (tests/dossiers/workflow_scene.py).
Who may not reach which endpoint, for every endpoint: test_dossiers_access.py."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.dossier_builders import client_of
from tests.dossiers.conftest import scene  # noqa: F401
from tests.dossiers.workflow_scene import BINH, HOA, appraised, entry_of
from thidua.dossiers import consultation
from thidua.dossiers.enums import CommentState, ConsultationState, EntryState
from thidua.dossiers.models import Consultation, ConsultationComment

pytestmark = pytest.mark.django_db

ORDER = "HCLD3"
TITLE = "Lấy ý kiến Nhân dân đề nghị tặng Huân chương Lao động hạng Ba"


def order_entries(scene, nominees=((HOA, ORDER),)):
    dossier = appraised(scene, nominees)
    return dossier, list(dossier.entries.order_by("pk"))


def published(scene, *, days_ago: int = 0) -> Consultation:
    """The board's consultation on Nguyễn Thị Hoa's order, started ``days_ago`` days ago."""
    _dossier, entries = order_entries(scene)
    starts_on = timezone.localdate() - dt.timedelta(days=days_ago)
    return consultation.open_consultation(scene.city_authority, entries, by=scene.users["board"], title=TITLE,
                                          starts_on=starts_on)  # fmt: skip


def commented(found: Consultation, body: str = "Bà Hoa là tấm gương sáng, tôi đồng ý đề nghị.") -> ConsultationComment:
    now = timezone.make_aware(dt.datetime.combine(found.starts_on, dt.time(9)))
    return consultation.post_comment(found, author_name="Trần Văn Dân", contact="0912 345 678", body=body,
                                     entry=found.entries.first(), sender_key="203.0.113.7", now=now)  # fmt: skip


def test_the_board_publishes_appraised_entries_for_comment(scene):
    dossier, entries = order_entries(scene)
    body = {"authority": scene.city_authority.pk, "entries": [entries[0].pk], "title": TITLE,
            "introduction": "Mời Nhân dân góp ý."}  # fmt: skip

    response = client_of(scene, "board").post("/api/v1/consultations/", body, format="json")

    data = response.json()
    assert (response.status_code, data["state"], data["working_days"], data["accepts_comments"]) == (
        201, "open", 10, True,
    )  # fmt: skip
    assert ([entry["id"] for entry in data["entries"]], entry_of(dossier).state) == (
        [entries[0].pk], EntryState.IN_CONSULTATION,
    )  # fmt: skip


def test_an_entry_whose_award_needs_no_consultation_is_refused_naming_it(scene):
    _dossier, entries = order_entries(scene, ((HOA, "BK_TINH"),))
    body = {"authority": scene.city_authority.pk, "entries": [entries[0].pk], "title": TITLE}

    response = client_of(scene, "board").post("/api/v1/consultations/", body, format="json")

    assert (response.status_code, response.json(), Consultation.objects.count()) == (400, {"non_field_errors": [
        "Đề nghị “Nguyễn Thị Hoa – Bằng khen của Chủ tịch UBND thành phố”: “Bằng khen của Chủ tịch UBND thành phố” "
        "không phải lấy ý kiến Nhân dân."
    ]}, 0)  # fmt: skip


def test_a_council_member_may_not_publish(scene):
    _dossier, entries = order_entries(scene)
    body = {"authority": scene.city_authority.pk, "entries": [entries[0].pk], "title": TITLE}

    response = client_of(scene, "member1").post("/api/v1/consultations/", body, format="json")

    assert (response.status_code, Consultation.objects.count()) == (403, 0)


def test_the_consultation_is_listed_and_shown(scene):
    found = published(scene)
    board = client_of(scene, "board")

    listed = [row["id"] for row in board.get("/api/v1/consultations/?state=open").json()["results"]]
    shown = board.get(f"/api/v1/consultations/{found.pk}/").json()

    assert (listed, shown["title"], [entry["nominee_name"] for entry in shown["entries"]]) == (
        [found.pk], TITLE, [HOA],
    )  # fmt: skip


def test_the_board_reads_the_comments_with_their_contact(scene):
    found = published(scene)
    comment = commented(found)

    response = client_of(scene, "board").get(f"/api/v1/consultations/{found.pk}/comments/")

    assert (response.status_code, response.json()["results"]) == (200, [{
        "id": comment.pk, "consultation": found.pk, "entry": found.entries.first().pk, "author_name": "Trần Văn Dân",
        "contact": "0912 345 678", "body": "Bà Hoa là tấm gương sáng, tôi đồng ý đề nghị.", "state": "pending",
        "state_display": "Chờ duyệt", "created_at": response.json()["results"][0]["created_at"],
        "moderated_by_name": None, "moderated_at": None, "moderation_note": "",
    }])  # fmt: skip


def test_comments_filter_by_state(scene):
    found = published(scene)
    kept, dropped = commented(found), commented(found, "Tôi đề nghị xem lại thành tích năm 2023.")
    consultation.moderate(dropped, by=scene.users["board"], publish=False)

    response = client_of(scene, "board").get(f"/api/v1/consultations/{found.pk}/comments/?state=pending")

    assert [row["id"] for row in response.json()["results"]] == [kept.pk]


def test_a_council_member_who_sees_the_consultation_may_not_read_its_comments(scene):
    found = published(scene)
    commented(found)

    response = client_of(scene, "member1").get(f"/api/v1/consultations/{found.pk}/comments/")

    assert response.status_code == 403


def test_the_board_publishes_a_comment(scene):
    found = published(scene)
    comment = commented(found)

    response = client_of(scene, "board").post(f"/api/v1/consultations/{found.pk}/comments/{comment.pk}/moderate/",
                                              {"publish": True, "note": "Ý kiến xác đáng."}, format="json")  # fmt: skip

    comment.refresh_from_db()
    assert (response.status_code, response.json()["state"], comment.state, comment.moderated_by) == (
        200, "published", CommentState.PUBLISHED, scene.users["board"],
    )  # fmt: skip


def test_a_comment_of_another_consultation_is_not_found(scene):
    found = published(scene)
    _dossier, entries = order_entries(scene, ((BINH, ORDER),))
    other = consultation.open_consultation(scene.city_authority, entries, by=scene.users["board"], title="Khác")
    comment = commented(other)

    response = client_of(scene, "board").post(f"/api/v1/consultations/{found.pk}/comments/{comment.pk}/moderate/",
                                              {"publish": True}, format="json")  # fmt: skip

    comment.refresh_from_db()
    assert (response.status_code, comment.state) == (404, CommentState.PENDING)


def test_a_consultation_cannot_close_before_its_period_is_over(scene):
    found = published(scene)

    response = client_of(scene, "board").post(f"/api/v1/consultations/{found.pk}/close/",
                                              {"summary": "Không có ý kiến phản đối."}, format="json")  # fmt: skip

    found.refresh_from_db()
    assert (response.status_code, response.json(), found.state) == (400, {"non_field_errors": [
        f"Chưa hết thời hạn công khai đến hết ngày {found.ends_on:%d/%m/%Y}: chưa kết thúc được đợt lấy ý kiến."
    ]}, ConsultationState.OPEN)  # fmt: skip


def test_the_board_closes_a_consultation_whose_period_is_over_with_its_summary(scene):
    found = published(scene, days_ago=40)

    response = client_of(scene, "board").post(f"/api/v1/consultations/{found.pk}/close/",
                                              {"summary": "Không có ý kiến phản đối."}, format="json")  # fmt: skip

    data = response.json()
    assert (response.status_code, data["state"], data["summary"], data["accepts_comments"]) == (
        200, "closed", "Không có ý kiến phản đối.", False,
    )  # fmt: skip


def test_closing_needs_the_summary(scene):
    found = published(scene, days_ago=40)

    response = client_of(scene, "board").post(f"/api/v1/consultations/{found.pk}/close/", {}, format="json")

    assert (response.status_code, list(response.json())) == (400, ["summary"])


def test_the_unit_does_not_see_the_city_s_consultations(scene):
    found = published(scene)
    head = client_of(scene, "head")

    assert (head.get("/api/v1/consultations/").json()["results"],
            head.get(f"/api/v1/consultations/{found.pk}/").status_code,
            head.get(f"/api/v1/consultations/{found.pk}/comments/").status_code) == ([], 404, 404)  # fmt: skip
