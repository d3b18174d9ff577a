"""Every row of the declared transition table (``thidua.dossiers.transitions.TRANSITIONS``) through the staff pages,
in one table: the page or button that takes the row is refused to a user of the wrong role at the right unit or
authority (403); to a user of the right role at another unit (404: the dossier is not theirs to see; 403 where the
dossier is visible but the role is not held where the authority sits); and when the row's guard fails (the page
shows the Vietnamese error naming the field or the row). Each time the dossier is left exactly as it was. Its actor
then takes it. The same table as tests/api/test_dossier_workflow_api.py, for the UI.

Where each row is taken: the dossier's buttons post to ``dossiers:transition``, the entries' buttons to
``dossiers:entry-transition``; the appraisal has its page (``dossiers:entry-appraise``), forwarding its form on the
dossier page (``dossiers:forward``), publishing for comment the consultation form (``dossiers:consultation-create``),
the council's vote is taken by the chair closing the session (``dossiers:session-close``), and the decision by the
signer signing the decision that lists the entry (``decisions:sign``).

Scene (tests/dossiers/conftest.py, with the signer of tests/decisions/scene.py): Quận Lê Chân proposes to the city's
Chairman; its officer prepares, its head submits; the city's board appraises, its head approves, its council (five
members) votes, its Chairman signs; the Prime Minister sits outside the deployment. The builders of
tests/dossiers/workflow_scene.py, tests/api/dossier_builders.py and tests/decisions/scene.py bring a dossier to each
state through the services."""

# The dossier scene fixture is imported as the helpers' rules say; its parameters shadow the import by design.
# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import ERROR
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.api.dossier_builders import forwarded, voted, voting_session, with_word_copies
from tests.conftest import user_with_role
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401 — adds the signer
from tests.decisions.scene import approved, internal_register
from tests.dossiers.conftest import Scene
from tests.dossiers.workflow_scene import (
    BINH,
    HOA,
    appraised,
    district_board_head,
    draft,
    entry_of,
    fresh,
    received,
    returned,
    state_of,
    submitted,
)
from tests.factories.catalog import AuthorityFactory
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision
from thidua.dossiers import council, workflow
from thidua.dossiers.enums import CheckItem, EntryState, Recommendation, VotingMode
from thidua.dossiers.models import AgendaItem, Dossier, DossierAttachment, DossierEvent
from thidua.dossiers.transitions import DOSSIER, TRANSITIONS, UNIT, may

pytestmark = pytest.mark.django_db


def day(offset: int) -> str:
    """A date as the pages take it (dd/mm/yyyy), ``offset`` days from today."""
    return (timezone.localdate() + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


# --- How each row is posted from its page ------------------------------------------------------------------------
# A route gives, for a dossier, the URL its page posts to and the fields the page itself fills in (the version it
# showed, the entry it is about).

Route = Callable[[Scene, Dossier], tuple[str, dict]]


def button(code: str) -> Route:
    """A button of the dossier page (one form per dossier transition)."""

    def route(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
        return reverse("dossiers:transition", args=[dossier.pk, code]), {"version": fresh(dossier).version}

    return route


def entry_button(code: str) -> Route:
    """A button of Nguyễn Thị Hoa's row in the entries table."""

    def route(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
        entry = entry_of(dossier)
        return reverse("dossiers:entry-transition", args=[entry.pk, code]), {"version": fresh(dossier).version}

    return route


def appraisal_page(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
    """ "Hoàn thành thẩm định" on the entry's checklist page."""
    url = reverse("dossiers:entry-appraise", args=[entry_of(dossier).pk])
    return url, {"version": fresh(dossier).version, "action": "appraise", "notes": ""}


def forward_form(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
    """ "Trình cấp trên" on the dossier page, Nguyễn Thị Hoa's entry ticked."""
    return reverse("dossiers:forward", args=[dossier.pk]), {"entries": [entry_of(dossier).pk], "reason": ""}


def consultation_form(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
    """The consultations' "new" form: the city's Chairman, Nguyễn Thị Hoa's entry ticked."""
    return reverse("dossiers:consultation-create"), {
        "authority": scene.city_authority.pk, "title": "Lấy ý kiến Nhân dân đề nghị tặng Huân chương Lao động",
        "introduction": "", "starts_on": "", "entries": [entry_of(dossier).pk],
    }  # fmt: skip


def session_close(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
    """ "Kết thúc bỏ phiếu" on the page of the session whose agenda holds the dossier's entry."""
    session_id = AgendaItem.objects.filter(entry__dossier=dossier).values_list("session_id", flat=True).get()
    return reverse("dossiers:session-close", args=[session_id]), {"minutes": ""}


def sign_page(scene: Scene, dossier: Dossier) -> tuple[str, dict]:
    """ "Ký ban hành" on the page of the draft decision that lists the dossier's entry (the system numbers it)."""
    decision = Decision.objects.filter(items__entry__dossier=dossier).get()
    return reverse("decisions:sign", args=[decision.pk]), {"version": decision.version, "signed_on": day(0),
                                                           "confirm": "on"}  # fmt: skip


def checklist(ok: str) -> dict:
    """Every item of the checklist answered ``ok`` ("yes", "no", or "" for not checked), no notes."""
    return {**{f"ok_{item}": ok for item in CheckItem.values}, **{f"note_{item}": "" for item in CheckItem.values}}


# --- The states the rows leave from, and the ones where their guard fails ----------------------------------------


def returned_without_its_to_trinh(scene: Scene) -> Dossier:
    """Returned for completion, and the unit then took its tờ trình out: resubmitting lacks a document."""
    dossier = returned(scene)
    to_trinh = DossierAttachment.objects.get(dossier=dossier, entry=None, document_kind=scene.documents["to_trinh"])
    workflow.remove_attachment(to_trinh, by=scene.users["officer"])
    return fresh(dossier)


def submitted_with_a_returned_entry(scene: Scene) -> Dossier:
    dossier = submitted(scene, ((HOA, "BK_TINH"), (BINH, "BK_TINH")))
    workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason="Bổ sung báo cáo thành tích.")
    return fresh(dossier)


def received_with_its_entry_rejected(scene: Scene) -> Dossier:
    dossier = received(scene)
    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Chưa đủ thời gian công tác.")
    return fresh(dossier)


def appraised_for_the_order(scene: Scene) -> Dossier:
    """Nguyễn Thị Hoa appraised for the Huân chương Lao động hạng Ba, which must be published for comment first."""
    return appraised(scene, ((HOA, "HCLD3"),))


def in_a_draft_decision(scene: Scene) -> Dossier:
    """Nguyễn Thị Hoa's Bằng khen approved and listed in a draft decision of the city, on a register the system
    numbers (so the signer signs it)."""
    dossier = approved(scene)
    internal_register(scene.city_authority)
    decisions.draft_decision(by=scene.users["board"], authority=scene.city_authority, entries=dossier.entries.all())
    return fresh(dossier)


def in_a_draft_decision_then_rejected(scene: Scene) -> Dossier:
    """In a draft decision, then not approved after all: the signing is refused naming the entry."""
    dossier = in_a_draft_decision(scene)
    workflow.reject(entry_of(dossier), by=scene.users["board_head"], reason="Phát hiện vi phạm sau khi duyệt.")
    return fresh(dossier)


def voted_on(scene: Scene, *, mode: str = VotingMode.ONLINE) -> Dossier:
    """Nguyễn Thị Hoa's Bằng khen of the Prime Minister on the agenda of the city's council, the vote open; online,
    every member has voted for it; on paper, the secretary has entered no tally yet."""
    dossier = appraised(scene, ((HOA, "BK_TTG"),))
    session = voting_session(scene, [entry_of(dossier)], mode=mode)
    if mode == VotingMode.ONLINE:
        item = session.items.get()
        for who in ("chair", "secretary", "member1", "member2", "member3"):
            council.cast_vote(item, by=scene.users[who], choice="for")
    return fresh(dossier)


def paper_vote_without_tallies(scene: Scene) -> Dossier:
    return voted_on(scene, mode=VotingMode.PAPER)


def voted_with_word_copies(scene: Scene) -> Dossier:
    """Voted by the council for the Prime Minister's award, the Word copies the centre's package needs attached."""
    return with_word_copies(scene, voted(scene, "BK_TTG"))


def appraised_with_an_order_waiting_too(scene: Scene) -> Dossier:
    """Nguyễn Thị Hoa appraised for the city's Bằng khen, which is never published for comment; another dossier
    holds an entry that is (Trần Văn Bình's Huân chương), so the form is there to post to."""
    dossier = appraised(scene)
    appraised(scene, ((BINH, "HCLD3"),))
    return dossier


def nothing(scene: Scene) -> dict:
    return {}


@dataclass(frozen=True)
class Case:
    route: Route  # the page's form that takes the row
    build: Callable[[Scene], Dossier]  # a dossier in a state the row leaves from
    actor: str  # who takes it (a key of scene.users)
    wrong_role: str  # at the right unit or authority, sees the dossier, holds no role the row names
    guard: Callable[[Scene], Dossier]  # a dossier where the row's guard fails
    shown: str  # the start of the error the page shows then: the field's label, or the row it names
    data: Callable[[Scene], dict] = nothing  # what the actor fills in
    guard_data: Callable[[Scene], dict] = nothing  # what the actor fills in when the guard fails
    # What the actor's role at Thủy Nguyên gets: 404 (the city's dossier, its session, is not theirs to see), or a
    # form refusing the choice where the page is a form of the user's own authorities (see "consult").
    elsewhere: int = 404


BK_TINH = "Bằng khen của Chủ tịch UBND thành phố"


def reason(text: str) -> Callable[[Scene], dict]:
    return lambda scene: {"reason": text}


CASES: dict[str, Case] = {
    # --- the dossier's buttons -----------------------------------------------------------------------------------
    "submit": Case(button("submit"), draft, "head", "officer", lambda scene: draft(scene, documents=False),
                   "Tài liệu: Thiếu “Tờ trình đề nghị khen thưởng”."),
    "resubmit": Case(button("resubmit"), returned, "head", "officer", returned_without_its_to_trinh,
                     "Tài liệu: Thiếu “Tờ trình đề nghị khen thưởng”."),
    "withdraw": Case(button("withdraw"), submitted, "head", "officer", submitted,
                     "Lý do: Nhập lý do để “Rút hồ sơ”.", data=reason("Đơn vị rút hồ sơ để bổ sung.")),
    "return": Case(button("return"), submitted, "board", "member1", submitted,
                   "Lý do: Nhập lý do trả lại hồ sơ, hoặc trả lại từng đề nghị cần bổ sung trước.",
                   data=reason("Tờ trình chưa ký, đóng dấu.")),
    "receive": Case(button("receive"), submitted, "board", "member1", submitted_with_a_returned_entry,
                    f"Đề nghị: Có đề nghị đã bị trả lại ({HOA} – {BK_TINH})"),
    # An officer outside the board is no choice of the form (the board's officers only): refused on the field, in
    # Django's own words after the field's label.
    "assign": Case(button("assign"), submitted, "board_head", "board", submitted, "Cán bộ thẩm định: ",
                   data=lambda scene: {"officer": scene.users["board2"].pk},
                   guard_data=lambda scene: {"officer": scene.users["head"].pk}),
    "close": Case(button("close"), received_with_its_entry_rejected, "board_head", "board", received,
                  f"Đề nghị: Chưa thể kết thúc hồ sơ: còn đề nghị chưa xử lý xong ({HOA} – {BK_TINH}"),
    # --- the entries' buttons and pages --------------------------------------------------------------------------
    "return_entry": Case(entry_button("return_entry"), submitted, "board", "member1", submitted,
                         "Lý do: Nhập lý do để “Trả lại đề nghị để bổ sung”.",
                         data=reason("Báo cáo thành tích chưa có xác nhận của thủ trưởng.")),
    # The checklist left unanswered: the appraisal names the items still to check.
    "appraise": Case(appraisal_page, received, "board", "member1", received,
                     f"Nội dung thẩm định: “{HOA} – {BK_TINH}” chưa kiểm tra xong: Thành phần hồ sơ,",
                     data=lambda scene: {**checklist("yes"), "recommendation": Recommendation.PROPOSE},
                     guard_data=lambda scene: {**checklist(""), "recommendation": Recommendation.PROPOSE}),
    # The form offers only appraised entries of the user's authorities whose award must be published: a Bằng khen
    # of the city is no choice there, and the field says so (in Django's words). At Thủy Nguyên the board serves
    # its own chairman, so the form opens (200) and refuses the city's entry and authority the same way.
    "consult": Case(consultation_form, appraised_for_the_order, "board", "member1",
                    appraised_with_an_order_waiting_too, "Đề nghị công khai: ", elsewhere=200),
    # Taken by the chair closing the vote; the close is refused while a paper ballot has no tally (naming the entry).
    "vote": Case(session_close, voted_on, "chair", "secretary", paper_vote_without_tallies,
                 f"Chưa nhập kết quả kiểm phiếu cho: {HOA} – Bằng khen của Thủ tướng Chính phủ."),
    "approve": Case(entry_button("approve"), appraised, "board_head", "board",
                    lambda scene: appraised(scene, recommendation=Recommendation.NOT_PROPOSE),
                    f"Ý kiến thẩm định: “{HOA} – {BK_TINH}” không có ý kiến thẩm định đề nghị khen thưởng."),
    "reject": Case(entry_button("reject"), received, "board_head", "board", received,
                   "Lý do: Nhập lý do để “Không duyệt đề nghị”.", data=reason("Chưa đủ thời gian giữ danh hiệu.")),
    "forward": Case(forward_form, voted_with_word_copies, "board_head", "board", appraised_for_the_order,
                    f"Đề nghị: “{HOA} – Huân chương Lao động hạng Ba”: Hội đồng Thi đua - Khen thưởng chưa bỏ phiếu "
                    "đạt."),
    # Taken by signing the decision that lists the entry; the signing is refused when an entry is no longer approved.
    "decide": Case(sign_page, in_a_draft_decision, "signer", "board", in_a_draft_decision_then_rejected,
                   "Danh sách kèm theo: Đề nghị không còn ở trạng thái được duyệt"),
    "record_decision": Case(entry_button("record_decision"), forwarded, "board", "member1", forwarded,
                            "Ngày văn bản: Ngày văn bản trả lời không được sau ngày hôm nay.",
                            data=lambda scene: {"reference": "1234/QĐ-TTg", "on": day(-1)},
                            guard_data=lambda scene: {"reference": "1234/QĐ-TTg", "on": day(1)}),
    "record_refusal": Case(entry_button("record_refusal"), forwarded, "board", "member1", forwarded,
                           "Lý do: Nhập lý do để “Ghi nhận cấp trên không khen thưởng”.",
                           data=lambda scene: {"reference": "56/VPCP-TĐKT", "on": day(-1),
                                               "reason": "Chưa đủ tiêu chuẩn theo Điều 71."},
                           guard_data=lambda scene: {"reference": "56/VPCP-TĐKT", "on": day(-1)}),
}  # fmt: skip
CODES = sorted(CASES)

# The roles the actors of the scene hold, for a user holding the same role at Thủy Nguyên.
ROLE_OF = {
    "head": "unit_head",
    "board": "board_officer",
    "board_head": "board_head",
    "chair": "council_chair",
    "signer": "signer",
}


def post(client, scene: Scene, case: Case, dossier: Dossier, data: dict, *, follow: bool = False):
    url, filled = case.route(scene, dossier)
    return client.post(url, {**filled, **data}, follow=follow)


def signed_in(client, user):
    client.force_login(user)
    return client


def refusals(response) -> list[tuple[str, str]]:
    """What the page tells the user went wrong: (as it reads, after the field's label; as it is rendered)."""
    shown = [(str(message), str(message)) for message in response.context["messages"] if message.level == ERROR]
    form = response.context.get("form")
    if form is not None:
        for name, texts in form.errors.items():
            label = form.fields[name].label if name in form.fields else None
            shown += [(f"{label}: {text}" if label else text, text) for text in texts]
    return shown


def test_every_row_of_the_table_is_taken_from_a_page_tested_here():
    assert sorted(TRANSITIONS) == CODES


def test_every_actor_of_the_table_holds_a_role_the_row_names(scene):
    """The table's actors are right and its wrong roles wrong, so the refusals below are for the reason they say."""
    dossier = submitted(scene)
    rows = {code: (may(scene.users[c.actor], code, dossier), may(scene.users[c.wrong_role], code, dossier))
            for code, c in CASES.items()}  # fmt: skip
    assert rows == dict.fromkeys(CODES, (True, False))


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_to_the_wrong_role_and_nothing_changes(client, scene, code):
    case = CASES[code]
    dossier = case.build(scene)
    before = state_of(dossier)

    response = post(signed_in(client, scene.users[case.wrong_role]), scene, case, dossier, case.data(scene))

    assert (response.status_code, state_of(dossier)) == (403, before)


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_to_the_same_role_at_another_district(client, scene, code):
    """Thủy Nguyên's head, board or council chair (Thủy Nguyên has its own chairman, whose board they are) does not
    see a dossier of Lê Chân sent to the city, nor the city council's session: 404. The consultation form is not
    about one dossier: it opens for Thủy Nguyên's board, whose choices are its own chairman's entries only."""
    case = CASES[code]
    dossier = case.build(scene)
    AuthorityFactory(kind=scene.district_authority.kind, unit=scene.units["thuy_nguyen"],
                     name="Chủ tịch UBND huyện Thủy Nguyên")  # fmt: skip
    role = ROLE_OF[case.actor]
    elsewhere = user_with_role(role, scene.units["thuy_nguyen"], username=f"{role}.thuynguyen",
                               full_name="Phạm Văn Hải")  # fmt: skip
    before = state_of(dossier)

    response = post(signed_in(client, elsewhere), scene, case, dossier, case.data(scene))

    assert (response.status_code, state_of(dossier)) == (case.elsewhere, before)
    if case.elsewhere == 200:  # the form of the user's own authorities: neither the city nor its entry is a choice
        assert sorted(response.context["form"].errors) == ["authority", "entries"]


# The consultation, the vote and the decision have pages of their own that the district does not see (404, above).
OWN_PAGES = ("consult", "vote", "decide")
AUTHORITY_PAGES = [code for code in CODES if TRANSITIONS[code].side != UNIT and code not in OWN_PAGES]


@pytest.mark.parametrize("code", AUTHORITY_PAGES)
def test_a_step_of_the_city_is_refused_to_the_board_head_of_the_district_that_sees_the_dossier(client, scene, code):
    """Lê Chân's board head sees the dossier (it is their district's) but does not act for the city's Chairman:
    the object is visible, the role is not held where the authority sits, so 403 rather than 404."""
    case = CASES[code]
    dossier = case.build(scene)
    district = district_board_head(scene)
    before = state_of(dossier)

    response = post(signed_in(client, district), scene, case, dossier, case.data(scene))

    assert (response.status_code, state_of(dossier)) == (403, before)


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_refused_when_its_guard_fails_showing_the_error_and_nothing_changes(client, scene, code):
    case = CASES[code]
    dossier = case.guard(scene)
    before = state_of(dossier)
    data = case.guard_data(scene)

    response = post(signed_in(client, scene.users[case.actor]), scene, case, dossier, data, follow=True)

    errors = [rendered for text, rendered in refusals(response) if text.startswith(case.shown)]
    html = response.content.decode()
    assert (response.status_code, len(errors) >= 1) == (200, True), refusals(response)
    assert all(escape(error) in html for error in errors)
    assert state_of(dossier) == before


@pytest.mark.parametrize("code", CODES)
def test_a_step_is_taken_by_its_actor(client, scene, code):
    case = CASES[code]
    dossier = case.build(scene)
    row = TRANSITIONS[code]
    moved = fresh(dossier) if row.moves == DOSSIER else entry_of(dossier)
    expected = row.target or moved.state
    # The row's own step on the timeline: of the dossier, or of the entry (a resubmission adds one per entry too).
    steps = DossierEvent.objects.filter(dossier=dossier, action=code, entry=None if row.moves == DOSSIER else moved)
    before = steps.count()

    response = post(signed_in(client, scene.users[case.actor]), scene, case, dossier, case.data(scene), follow=True)

    moved = fresh(dossier) if row.moves == DOSSIER else entry_of(dossier)
    assert (response.status_code, refusals(response)) == (200, [])
    assert (moved.state, steps.count()) == (expected, before + 1)
    assert (steps.last().actor, steps.last().to_state) == (scene.users[case.actor], expected)


def test_the_assigned_officer_is_the_one_chosen(client, scene):
    dossier = submitted(scene)
    case = CASES["assign"]

    post(signed_in(client, scene.users["board_head"]), scene, case, dossier, case.data(scene))

    assert fresh(dossier).assignee == scene.users["board2"]


def test_the_entry_taken_to_consultation_is_published_and_waits(client, scene):
    dossier = appraised_for_the_order(scene)
    case = CASES["consult"]

    post(signed_in(client, scene.users["board"]), scene, case, dossier, case.data(scene))

    entry = entry_of(dossier)
    assert (entry.state, entry.consultation.authority) == (EntryState.IN_CONSULTATION, scene.city_authority)
