"""Giấy xác nhận khen thưởng on the staff pages (namespace "extracts"): who reaches each page — anonymous → the login
page; the head of Huyện Thủy Nguyên, who does not see the person → 404; a council member of the city, who sees the
person but serves no board → 403 on issuing, reads the rest; the city's board → 2xx — and what the pages do: the
person and unit pages offer the action to the boards, the form pre-selects the only authority the user serves, the
PDF lists the awards and the public /verify page shows them."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.decisions.certificate_scene import BINH, pdf_text, seed_layouts, signed_with_certificates
from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from thidua.decisions import extracts
from thidua.decisions.models import Extract

pytestmark = pytest.mark.django_db


@pytest.fixture
def objs(scene) -> dict:
    seed_layouts()
    signed_with_certificates(scene, ((BINH, "BK_TINH"),))
    person = scene.people[BINH]
    extract = extracts.issue_extract(by=scene.users["board"], person=person, issuer=scene.city_authority)
    return {"person": person, "extract": extract, "authority": scene.city_authority}


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    target: str = ""
    status: int = 200
    body: dict = field(default_factory=dict)
    query: str = ""
    wrong_role: bool = True  # the council member is refused (403); False: they read it too

    def url(self, objs: dict) -> str:
        args = [objs[self.target].pk] if self.target else []
        if self.name == "extracts:document":
            args.append("pdf")
        return reverse(self.name, args=args) + self.query.format(**{key: obj.pk for key, obj in objs.items()})

    def data(self, objs: dict) -> dict:
        return {key: value.format(**{k: obj.pk for k, obj in objs.items()}) for key, value in self.body.items()}


ROWS = [
    Row("get", "extracts:list", wrong_role=False),
    Row("get", "extracts:create", query="?person={person}"),
    Row("post", "extracts:create", query="?person={person}", status=302, body={"issuer": "{authority}"}),
    Row("get", "extracts:detail", "extract", wrong_role=False),
    Row("get", "extracts:document", "extract", wrong_role=False),
]
IDS = [f"{row.method} {row.name}" for row in ROWS]


def call(client, row: Row, objs: dict, user=None):
    if user is not None:
        client.force_login(user)
    if row.method == "get":
        return client.get(row.url(objs))
    return client.post(row.url(objs), row.data(objs))


def test_every_page_of_extracts_is_in_the_table():
    from thidua.decisions.extract_urls import urlpatterns

    assert sorted({f"extracts:{pattern.name}" for pattern in urlpatterns} - {row.name for row in ROWS}) == []


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_anonymous_is_sent_to_login(client, objs, row):
    response = call(client, row, objs)
    assert (response.status_code, response["Location"]) == (
        302, f"{reverse('accounts:login')}?next={quote(row.url(objs), safe='/')}")  # fmt: skip


OUT_OF_SCOPE = [row for row in ROWS if row.name != "extracts:list"]


@pytest.mark.parametrize("row", OUT_OF_SCOPE, ids=[f"{row.method} {row.name}" for row in OUT_OF_SCOPE])
def test_someone_who_does_not_see_the_person_gets_404(client, scene, objs, row):
    assert call(client, row, objs, scene.users["outsider"]).status_code == 404


def test_someone_outside_sees_an_empty_list(client, scene, objs):
    client.force_login(scene.users["outsider"])
    response = client.get(reverse("extracts:list"))
    assert (response.status_code, list(response.context["page"].items)) == (200, [])


WRONG_ROLE = [row for row in ROWS if row.wrong_role]


@pytest.mark.parametrize("row", WRONG_ROLE, ids=[f"{row.method} {row.name}" for row in WRONG_ROLE])
def test_a_council_member_may_not_issue(client, scene, objs, row):
    assert call(client, row, objs, scene.users["member1"]).status_code == 403
    assert Extract.objects.count() == 1


READS = [row for row in ROWS if not row.wrong_role]


@pytest.mark.parametrize("row", READS, ids=[f"{row.method} {row.name}" for row in READS])
def test_a_council_member_reads_the_extracts_of_people_they_see(client, scene, objs, row):
    assert call(client, row, objs, scene.users["member1"]).status_code == row.status


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_the_board_reaches_every_page(client, scene, objs, row):
    assert call(client, row, objs, scene.users["board"]).status_code == row.status


def test_a_create_page_without_a_person_or_unit_is_404(client, scene, objs):
    client.force_login(scene.users["board"])
    assert client.get(reverse("extracts:create")).status_code == 404
    assert client.get(reverse("extracts:create") + "?person=abc").status_code == 404


# --- What the pages do ----------------------------------------------------------------------------------------


def test_the_person_page_offers_the_extract_to_the_board_only(client, scene, objs):
    url = reverse("orgs:person-detail", args=[objs["person"].pk])
    action = f"{reverse('extracts:create')}?person={objs['person'].pk}"
    client.force_login(scene.users["board"])
    assert action in client.get(url).content.decode()
    client.force_login(scene.users["member1"])
    assert action not in client.get(url).content.decode()


def test_the_unit_page_offers_the_extract_to_the_board(client, scene, objs):
    unit = scene.units["an_bien"]
    client.force_login(scene.users["board"])
    page = client.get(reverse("orgs:unit-detail", args=[unit.pk])).content.decode()
    assert f"{reverse('extracts:create')}?unit={unit.pk}" in page


def test_the_only_authority_the_board_serves_is_preselected(client, scene, objs):
    client.force_login(scene.users["board"])
    response = client.get(reverse("extracts:create") + f"?person={objs['person'].pk}")
    assert response.context["form"]["issuer"].value() == scene.city_authority.pk


def test_issuing_shows_the_extract_with_its_downloads_and_verification_link(client, scene, objs):
    client.force_login(scene.users["board"])
    response = client.post(reverse("extracts:create") + f"?person={objs['person'].pk}",
                           {"issuer": scene.city_authority.pk})  # fmt: skip
    extract = Extract.objects.exclude(pk=objs["extract"].pk).get()
    assert response["Location"] == reverse("extracts:detail", args=[extract.pk])
    page = client.get(response["Location"]).content.decode()
    for url in (
        reverse("extracts:document", args=[extract.pk, "pdf"]),
        reverse("extracts:document", args=[extract.pk, "docx"]),
        reverse("verify", args=[extract.code]),
    ):
        assert url in page  # fmt: skip
    assert "Bằng khen của Chủ tịch UBND thành phố" in page


def test_the_extract_pdf_lists_the_awards_and_the_verify_page_shows_them(client, scene, objs):
    extract = objs["extract"]
    client.force_login(scene.users["board"])
    # The table cells wrap: compare with the line breaks folded into spaces.
    text = " ".join(
        " ".join(pdf_text(client.get(reverse("extracts:document", args=[extract.pk, "pdf"])).content)).split()
    )
    assert "Trần Văn Bình" in text
    assert "Bằng khen của Chủ tịch UBND thành phố" in text

    client.logout()
    verified = client.get(reverse("verify", args=[extract.code]))
    assert verified.status_code == 200
    assert "Trần Văn Bình" in verified.content.decode()
    assert "Bằng khen của Chủ tịch UBND thành phố" in verified.content.decode()


def test_the_list_holds_the_extracts_of_people_in_scope(client, scene, objs):
    client.force_login(scene.users["member1"])
    response = client.get(reverse("extracts:list"))
    assert [extract.pk for extract in response.context["page"].items] == [objs["extract"].pk]
