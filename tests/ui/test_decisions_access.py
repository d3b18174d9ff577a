"""Who reaches what, for every staff page of decisions (thidua/decisions/urls.py): anonymous → the login page; a user
who sees nothing of the city (the head of Huyện Thủy Nguyên) → 404 on every decision; a council member of the city,
who sees its decisions but holds no role over them → 403 on every write and on the money and the printing; the
role the page is for → 2xx (or the redirect after a write); the city's board → 404 on a draft of Quận Lê Chân's
authority. What each page does is in test_decisions.py.

Scene (tests/decisions/conftest.py): a draft of the city's Chairman with two lines (Nguyễn Thị Hoa and Lê Minh Châu,
Bằng khen) and a signed decision granting Trần Văn Bình a Bằng khen with its certificate, both on the city's register
numbered by the system; a draft of Quận Lê Chân's Chairman (Lao động tiên tiến for Nguyễn Thị Hoa of Phường An Biên).
"""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, CHAU, HOA, approved, drafted, signed
from tests.factories.decisions import CertificateLayoutFactory
from thidua.decisions import certificates
from thidua.decisions.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def objs(scene) -> dict:
    CertificateLayoutFactory()
    draft = drafted(scene, ((HOA, "BK_TINH"), (CHAU, "BK_TINH")))
    decision = signed(scene, ((BINH, "BK_TINH"),))
    district = approved(scene, ((HOA, "LDTT"),), unit=scene.units["an_bien"])
    certificate = decision.items.get().certificate
    return {
        "certificate": certificate,
        "reissue": certificates.reissue(certificate, by=scene.users["board"], reason="Bị mất do bão."),
        "draft": draft,
        "item": draft.items.order_by("pk").first(),
        "signed": decision,
        "award": decision.items.get().award,
        "district_draft": drafted(scene, dossier=district),
        "prime_minister": scene.prime_minister,
        "an_bien": scene.units["an_bien"],
    }


@dataclass(frozen=True)
class Row:
    """One page: its URL name and object, the user it is for and what they get, the body of a POST."""

    method: str
    name: str
    target: str = ""  # "draft", "signed", "item", "certificate", "reissue" or "" (no object)
    allowed: str = "board"
    status: int = 200
    body: dict = field(default_factory=dict)
    query: str = ""
    wrong_role: bool = True  # the city's council member is refused (403); False: they read it too

    def url(self, objs: dict) -> str:
        args = [objs[self.target].pk] if self.target else []
        if self.name == "decisions:document":
            args.append("pdf")
        return reverse(self.name, args=args) + self.query

    def data(self, objs: dict) -> dict:
        return {key: value(objs) if callable(value) else value for key, value in self.body.items()}


HEADER = {"subject": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố", "legal_basis": "Căn cứ …;",
          "proposal": "", "executors": "", "recipients": "", "commendation_kind": "phong_trao",
          "signing_capacity": "", "signer_position": "CHỦ TỊCH", "signer_name": "", "version": 0}  # fmt: skip

# "Ghi nhận quyết định đã ký": the Prime Minister's decision giving Nguyễn Thị Hoa of Phường An Biên a Bằng khen.
RECORD = {"authority": lambda objs: objs["prime_minister"].pk, "number_text": "1234/QĐ-TTg", "signed_on": "15/07/2025",
          "subject": "Về việc tặng Bằng khen của Thủ tướng Chính phủ", "items-TOTAL_FORMS": 1,
          "items-INITIAL_FORMS": 0, "items-0-kind": "person", "items-0-unit": lambda objs: objs["an_bien"].pk,
          "items-0-full_name": HOA, "items-0-award_code": "BK_TTG"}  # fmt: skip

ROWS = [
    Row("get", "decisions:list", wrong_role=False),
    Row("get", "decisions:create"),
    Row("post", "decisions:create", status=200, body={"authority": ""}),
    Row("get", "decisions:record"),
    Row("post", "decisions:record", status=302, body=RECORD),
    Row("get", "decisions:totals", allowed="finance"),
    Row("get", "decisions:totals-xlsx", allowed="finance"),
    Row("get", "decisions:detail", "draft", wrong_role=False),
    Row("get", "decisions:detail", "signed", wrong_role=False),
    Row("get", "decisions:edit", "draft"),
    Row("post", "decisions:edit", "draft", status=302, body=HEADER),
    Row("post", "decisions:add-entries", "draft", status=302, body={"entries": [], "version": 0}),
    Row("post", "decisions:delete", "draft", status=302),
    Row("get", "decisions:sign", "draft", allowed="signer"),
    Row("post", "decisions:sign", "draft", allowed="signer", status=302,
        body={"version": 0, "signed_on": "02/01/2026", "confirm": "on"}),
    Row("get", "decisions:amend", "signed"),
    Row("post", "decisions:amend", "signed", status=302,
        body={"kind": "revocation", "awards": lambda objs: [objs["award"].pk], "reason": "Trùng khen thưởng."}),
    Row("get", "decisions:document", "draft", wrong_role=False),
    Row("get", "decisions:signed-file", "signed", status=404, wrong_role=False),  # numbered by the system: none
    Row("get", "decisions:payment-list", "signed", allowed="finance"),
    Row("post", "decisions:certificates", "signed", status=302, body={"mode": "full"}),
    Row("get", "decisions:certificates-status", "signed"),
    Row("get", "decisions:certificates-file", "signed", status=404),  # nothing printed yet
    Row("post", "decisions:item-remove", "item", status=302, body={"version": 0}),
    Row("get", "decisions:reissue", "certificate"),
    Row("post", "decisions:reissue", "certificate", status=302, body={"reason": "Bị hư hỏng do ngập nước."}),
    Row("get", "decisions:reissue-pdf", "reissue"),
]  # fmt: skip
IDS = [f"{row.method} {row.name} {row.target}".strip() for row in ROWS]


def call(client, row: Row, objs: dict, user=None):
    if user is not None:
        client.force_login(user)
    if row.method == "get":
        return client.get(row.url(objs))
    return client.post(row.url(objs), row.data(objs))


def test_every_page_of_decisions_is_in_the_table():
    from thidua.decisions.urls import urlpatterns

    names = {f"decisions:{pattern.name}" for pattern in urlpatterns}
    assert sorted(names - {row.name for row in ROWS}) == []


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_anonymous_is_sent_to_login(client, objs, row):
    response = call(client, row, objs)
    path = row.url(objs)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={path}")


OBJECT_ROWS = [row for row in ROWS if row.target]


@pytest.mark.parametrize("row", OBJECT_ROWS, ids=[f"{row.method} {row.name} {row.target}" for row in OBJECT_ROWS])
def test_someone_outside_gets_404_on_every_decision(client, scene, objs, row):
    assert call(client, row, objs, scene.users["outsider"]).status_code == 404


# A certificate and its reissues belong to a signed decision of the city (no certificate of Quận Lê Chân here).
DECISION_ROWS = [row for row in OBJECT_ROWS if row.target in ("draft", "signed", "item")]


@pytest.mark.parametrize("row", DECISION_ROWS, ids=[f"{row.method} {row.name} {row.target}" for row in DECISION_ROWS])
def test_the_city_board_gets_404_on_a_draft_of_another_authority(client, scene, objs, row):
    other = {**objs, "draft": objs["district_draft"], "item": objs["district_draft"].items.get(),
             "signed": objs["district_draft"]}  # fmt: skip
    allowed = {"board": scene.users["board"], "signer": scene.users["signer"], "finance": scene.users["finance"]}
    assert call(client, row, other, allowed[row.allowed]).status_code == 404


def test_someone_outside_sees_an_empty_list_and_may_not_draft_or_count_money(client, scene, objs):
    client.force_login(scene.users["outsider"])
    listed = client.get(reverse("decisions:list"))
    assert (listed.status_code, list(listed.context["page"].items)) == (200, [])
    assert client.get(reverse("decisions:create")).status_code == 403
    assert client.get(reverse("decisions:totals")).status_code == 403


WRONG_ROLE_ROWS = [row for row in ROWS if row.wrong_role]


@pytest.mark.parametrize("row", WRONG_ROLE_ROWS, ids=[f"{r.method} {r.name} {r.target}" for r in WRONG_ROLE_ROWS])
def test_a_council_member_who_sees_the_decisions_may_change_none(client, scene, objs, row):
    before = list(Decision.objects.order_by("pk").values())
    assert call(client, row, objs, scene.users["member1"]).status_code == 403
    assert list(Decision.objects.order_by("pk").values()) == before


READ_ROWS = [row for row in ROWS if not row.wrong_role]


@pytest.mark.parametrize("row", READ_ROWS, ids=[f"{r.method} {r.name} {r.target}" for r in READ_ROWS])
def test_a_council_member_reads_what_they_see(client, scene, objs, row):
    assert call(client, row, objs, scene.users["member1"]).status_code == row.status


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_the_role_the_page_is_for_gets_it(client, scene, objs, row):
    response = call(client, row, objs, scene.users[row.allowed])
    assert response.status_code == row.status, getattr(response, "context", None) and [
        str(message) for message in response.context.get("messages", [])
    ]
