"""The staff page "Ghi nhận quyết định đã ký" (/app/decisions/record/): the city's board records the Prime Minister's
decision on its people, the clerk records one of the city signed before the system with its PDF; every row is checked
(the person found among the members of the chosen unit by the full name with its diacritics) and a refused decision
writes nothing and shows the rows again. Who reaches the page is in test_decisions_access.py.

Scene (tests/decisions/conftest.py): Nguyễn Thị Hoa and Trần Văn Bình of Phường An Biên, Lê Minh Châu of Quận Lê
Chân (all born 01/05/1980); the Prime Minister outside the deployment; the city's board and clerk."""

# ruff: noqa: F811 — the scene fixture is imported from tests/decisions/conftest.py and named by the tests.

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.decisions.conftest import dossier_scene, scene  # noqa: F401
from tests.decisions.scene import BINH, HOA
from tests.factories.files import pdf_upload
from tests.factories.orgs import MembershipFactory, PersonFactory
from thidua.decisions import services
from thidua.decisions.enums import DecisionOrigin, DecisionState
from thidua.decisions.models import Decision
from thidua.records.models import Award

pytestmark = pytest.mark.django_db

URL = "/app/decisions/record/"
SIGNED_ON = dt.date(2025, 7, 15)
SUBJECT = "Về việc tặng Bằng khen của Thủ tướng Chính phủ"
ROWS = 5


def as_user(client, scene, name: str):
    client.force_login(scene.users[name])
    return client


def body(scene, rows: list[dict], **header) -> dict:
    """The page's POST: the header (the Prime Minister's decision by default) and ``rows`` in the first rows of five
    (or more) with the rest left empty."""
    data = {"authority": scene.prime_minister.pk, "number_text": "1234/QĐ-TTg", "signed_on": "15/07/2025",
            "subject": SUBJECT, "signing_capacity": "KT. THỦ TƯỚNG", "signer_position": "PHÓ THỦ TƯỚNG",
            "signer_name": "Lê Thành Long", **header}  # fmt: skip
    total = max(ROWS, len(rows))
    data.update({"items-TOTAL_FORMS": total, "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0,
                 "items-MAX_NUM_FORMS": 500})  # fmt: skip
    for index in range(total):
        row = rows[index] if index < len(rows) else {}
        data[f"items-{index}-kind"] = row.pop("kind", "person")
        for name, value in row.items():
            data[f"items-{index}-{name}"] = value
    return data


def person_row(scene, name: str = HOA, unit: str = "an_bien", **extra) -> dict:
    return {"unit": scene.units[unit].pk, "full_name": name, "award_code": "BK_TTG", "year": 2025,
            "achievement": "Đã có thành tích xuất sắc trong phong trào thi đua.", **extra}  # fmt: skip


def errors_of(response) -> list[str]:
    """Every error the page shows: the header's and each row's."""
    form, formset = response.context["form"], response.context["formset"]
    found = [str(error) for errors in form.errors.values() for error in errors]
    found += [str(error) for error in formset.non_form_errors()]
    found += [str(error) for row in formset for errors in row.errors.values() for error in errors]
    return found


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_city_board_records_the_prime_ministers_decision_on_a_person_of_its_unit(client, scene):
    response = as_user(client, scene, "board").post(URL, body(scene, [person_row(scene)]), follow=True)

    decision = Decision.objects.get()
    award = Award.objects.in_force().get(person=scene.people[HOA])
    assert response.redirect_chain == [(reverse("decisions:detail", args=[decision.pk]), 302)]
    assert (decision.state, decision.origin, decision.number_text, decision.signed_on, decision.authority) == (
        DecisionState.SIGNED, DecisionOrigin.RECORDED, "1234/QĐ-TTg", SIGNED_ON, scene.prime_minister)  # fmt: skip
    assert (decision.signing_capacity, decision.signer_position, decision.signer_name) == (
        "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Lê Thành Long")  # fmt: skip
    assert (award.award_code, award.decision_number, award.decision_date, award.year, award.unit_name) == (
        "BK_TTG", "1234/QĐ-TTg", SIGNED_ON, 2025, "Phường An Biên")  # fmt: skip
    assert messages_of(response) == ["Đã ghi nhận Quyết định số 1234/QĐ-TTg ngày 15/07/2025 của Thủ tướng Chính phủ; "
                                     "1 khen thưởng đã vào lịch sử khen thưởng."]  # fmt: skip


def test_a_birth_date_tells_two_namesakes_of_a_unit_apart(client, scene):
    namesake = PersonFactory(full_name=HOA, birth_date=dt.date(1992, 3, 8))
    MembershipFactory(person=namesake, unit=scene.units["an_bien"])
    as_user(client, scene, "board").post(URL, body(scene, [person_row(scene, birth="08/03/1992")]))

    assert Award.objects.get().person == namesake


def test_a_row_for_a_collective_is_the_unit_itself(client, scene):
    row = {"kind": "unit", "unit": scene.units["le_chan"].pk, "award_code": "BK_TINH"}
    data = body(scene, [row], authority=scene.city_authority.pk, number_text="215/QĐ-UBND",
                subject="Về việc tặng Bằng khen của Chủ tịch UBND thành phố")  # fmt: skip
    response = as_user(client, scene, "board").post(URL, data)

    assert response.status_code == 302, errors_of(response)
    award = Award.objects.get()
    assert (award.unit, award.person, award.recipient_name, award.year) == (
        scene.units["le_chan"], None, "Quận Lê Chân", 2025)  # fmt: skip


def test_the_clerk_records_a_decision_of_the_city_with_its_signed_pdf(client, scene):
    data = body(scene, [person_row(scene, award_code="BK_TINH")], authority=scene.city_authority.pk,
                number_text="3998/QĐ-UBND", subject="Về việc tặng Bằng khen của Chủ tịch UBND thành phố",
                signed_file=pdf_upload("qd-3998.pdf"))  # fmt: skip
    response = as_user(client, scene, "clerk").post(URL, data)

    decision = Decision.objects.select_related("signed_file").get()
    assert response.status_code == 302, errors_of(response)
    assert (decision.number_text, decision.origin, decision.signed_file is not None) == (
        "3998/QĐ-UBND", DecisionOrigin.RECORDED, True)  # fmt: skip
    downloaded = client.get(reverse("decisions:signed-file", args=[decision.pk]))
    assert b"".join(downloaded.streaming_content).startswith(b"%PDF")


def test_the_clerk_is_offered_the_authority_of_their_office_and_not_the_prime_minister(client, scene):
    response = as_user(client, scene, "clerk").get(URL)
    assert list(response.context["form"].fields["authority"].queryset) == [scene.city_authority]


def test_a_name_no_member_of_the_unit_has_names_the_row_and_the_field_and_writes_nothing(client, scene):
    rows = [person_row(scene, BINH), person_row(scene, "Nguyễn Thị Hồng")]
    response = as_user(client, scene, "board").post(URL, body(scene, rows))

    assert response.status_code == 200
    assert errors_of(response) == ["Dòng 2, Họ và tên: không có “Nguyễn Thị Hồng” tại “Phường An Biên”: hãy nhập cá "
                                   "nhân trước."]  # fmt: skip
    assert (Decision.objects.count(), Award.objects.count()) == (0, 0)
    html = response.content.decode()
    assert 'value="Trần Văn Bình"' in html
    assert 'value="Nguyễn Thị Hồng"' in html
    assert 'value="1234/QĐ-TTg"' in html


def test_a_name_typed_without_its_diacritics_is_refused_naming_the_near_match(client, scene):
    response = as_user(client, scene, "board").post(URL, body(scene, [person_row(scene, "Nguyen Thi Hoa")]))

    assert errors_of(response) == ["Dòng 1, Họ và tên: không có “Nguyen Thi Hoa” tại “Phường An Biên”; có “Nguyễn "
                                   "Thị Hoa” (sinh 01/05/1980) gần giống — kiểm tra lại dấu."]  # fmt: skip
    assert Decision.objects.count() == 0


def test_a_number_already_used_in_that_register_and_year_is_refused_on_the_number(client, scene):
    services.record_decision(by=scene.users["board"], authority=scene.prime_minister, number_text="1234/QĐ-TTg",
                             signed_on=dt.date(2025, 3, 1), subject=SUBJECT,
                             items=[{"person": scene.people[BINH], "award_code": "BK_TTG"}])  # fmt: skip
    response = as_user(client, scene, "board").post(URL, body(scene, [person_row(scene)]))

    assert response.status_code == 200
    assert response.context["form"].errors["number_text"] == [
        "Số 1234/QĐ-TTg đã được dùng trong “Sổ quyết định khen thưởng” năm 2025."]  # fmt: skip
    assert (Decision.objects.count(), Award.objects.filter(person=scene.people[HOA]).count()) == (1, 0)


def test_an_empty_list_and_missing_cells_are_told_by_row_and_field(client, scene):
    empty = as_user(client, scene, "board").post(URL, body(scene, []))
    missing = client.post(URL, body(scene, [{"kind": "person", "full_name": HOA}, {}, {"kind": "unit",
                                             "unit": scene.units["le_chan"].pk, "full_name": "Quận Lê Chân",
                                             "award_code": "BK_TTG"}]))  # fmt: skip

    assert errors_of(empty) == ["Nhập ít nhất một người, tập thể được khen thưởng."]
    assert errors_of(missing) == [
        "Dòng 1, Đơn vị: chọn đơn vị.",
        "Dòng 1, Hình thức, danh hiệu: chọn hình thức khen thưởng hoặc danh hiệu.",
        "Dòng 3, Họ và tên: để trống với tập thể: tập thể được khen là đơn vị đã chọn.",
    ]
    assert Decision.objects.count() == 0


def test_adding_rows_keeps_the_rows_typed_and_adds_five_empty_ones(client, scene):
    data = body(scene, [person_row(scene, posthumous="on")], add_rows="1")
    response = as_user(client, scene, "board").post(URL, data)

    formset = response.context["formset"]
    html = response.content.decode()
    assert (response.status_code, len(formset.forms), formset.is_bound) == (200, 10, False)
    assert 'value="Nguyễn Thị Hoa"' in html
    assert 'value="1234/QĐ-TTg"' in html
    assert 'name="items-0-posthumous" id="id_items-0-posthumous" checked' in html
    assert 'name="items-9-full_name"' in html
    assert 'name="items-10-full_name"' not in html
    assert Decision.objects.count() == 0


def test_the_list_links_the_record_page_only_for_those_who_may_record(client, scene):
    link = f'href="{reverse("decisions:record")}"'
    seen = {}
    for name in ("board", "clerk", "officer", "member1"):
        client.force_login(scene.users[name])
        seen[name] = link in client.get(reverse("decisions:list")).content.decode()
    assert seen == {"board": True, "clerk": True, "officer": False, "member1": False}


def test_a_district_board_cannot_name_a_unit_outside_its_district(client, scene, thuy_nguyen_person):
    row = person_row(scene, "Đặng Văn Đức", unit="minh_duc")
    response = as_user(client, scene, "district_board").post(URL, body(scene, [row]))

    assert [error.split(":")[0] for error in errors_of(response)] == ["Dòng 1, Đơn vị"]
    assert Decision.objects.count() == 0
