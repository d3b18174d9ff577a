"""The staff forms that add a rating, a historical award, an initiative or a discipline from a person's or a unit's
page: who may open them (anonymous → login, no role or another district → 404, a reader → 403) and what they save."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.records import services
from thidua.records.models import Award, Discipline, Initiative, Rating

pytestmark = pytest.mark.django_db

FORMS = [
    ("rating-create-person", "Thêm xếp loại"),
    ("rating-create-unit", "Thêm xếp loại"),
    ("award-create-person", "Thêm khen thưởng đã có"),
    ("award-create-unit", "Thêm khen thưởng đã có"),
    ("initiative-create-person", "Thêm sáng kiến"),
    ("initiative-create-unit", "Thêm sáng kiến"),
    ("discipline-create-person", "Thêm kỷ luật"),
    ("discipline-create-unit", "Thêm kỷ luật"),
]
NAMES = [name for name, _heading in FORMS]


def form_url(name: str, person, unit) -> str:
    return reverse(f"records:{name}", args=[person.pk if name.endswith("-person") else unit.pk])


def html_of(response) -> str:
    return " ".join(response.content.decode().split())


# --- Who may open them ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_record_form_anonymous_is_sent_to_login(client, le_chan_person, city, name):
    path = form_url(name, le_chan_person, city["an_bien"])
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next={path}")


@pytest.mark.parametrize("name", NAMES)
def test_record_form_without_role_is_not_found(no_role_client, le_chan_person, city, name):
    assert no_role_client.get(form_url(name, le_chan_person, city["an_bien"])).status_code == 404


@pytest.mark.parametrize("name", NAMES)
def test_record_form_for_another_district_is_not_found(officer_client, thuy_nguyen_person, city, name):
    assert officer_client.get(form_url(name, thuy_nguyen_person, city["minh_duc"])).status_code == 404


@pytest.mark.parametrize("name", NAMES)
def test_record_form_for_a_reader_is_forbidden(reader_client, le_chan_person, city, name):
    assert reader_client.get(form_url(name, le_chan_person, city["an_bien"])).status_code == 403


@pytest.mark.parametrize("name", NAMES)
def test_record_form_post_by_a_reader_is_forbidden_and_saves_nothing(reader_client, le_chan_person, city, name):
    response = reader_client.post(form_url(name, le_chan_person, city["an_bien"]), {"year": "2023", "level": "htt"})
    counts = [model.objects.count() for model in (Rating, Award, Initiative, Discipline)]
    assert (response.status_code, counts) == (403, [0, 0, 0, 0])


@pytest.mark.parametrize(("name", "heading"), FORMS)
def test_record_form_opens_for_an_officer(officer_client, le_chan_person, city, award_types, name, heading):
    response = officer_client.get(form_url(name, le_chan_person, city["an_bien"]))
    assert (response.status_code, f"<h1>{heading}</h1>" in response.content.decode()) == (200, True)


# --- Ratings -------------------------------------------------------------------------------------------------------


def test_rating_form_adds_a_rating_to_the_person(officer_client, le_chan_person):
    response = officer_client.post(
        reverse("records:rating-create-person", args=[le_chan_person.pk]), {"year": "2023", "level": "htxs"}
    )
    rating = Rating.objects.get()
    assert (response.status_code, response["Location"], rating.person, rating.rank, rating.period_kind) == (
        302, reverse("orgs:person-detail", args=[le_chan_person.pk]), le_chan_person, 4, "calendar"
    )  # fmt: skip


def test_rating_form_adds_a_rating_to_the_unit(officer_client, city):
    response = officer_client.post(
        reverse("records:rating-create-unit", args=[city["an_bien"].pk]), {"year": "2023", "level": "htt"}
    )
    assert (response.status_code, response["Location"], Rating.objects.get().unit) == (
        302, reverse("orgs:unit-detail", args=[city["an_bien"].pk]), city["an_bien"]
    )  # fmt: skip


def test_rating_form_twice_in_a_year_shows_the_error_on_the_year(officer_client, le_chan_person):
    services.create_rating(by=None, person=le_chan_person, year=2023, level="htt")
    response = officer_client.post(
        reverse("records:rating-create-person", args=[le_chan_person.pk]), {"year": "2023", "level": "htxs"}
    )
    assert (response.status_code, Rating.objects.count()) == (200, 1)
    assert '<p class="field__error" id="id_year_error">“Nguyễn Thị Hoa” đã có xếp loại năm 2023.</p>' in (
        response.content.decode()
    )


# --- Awards --------------------------------------------------------------------------------------------------------


def test_award_form_offers_the_codes_for_the_kind_of_recipient(officer_client, le_chan_person, city, award_types):
    person_form = html_of(officer_client.get(reverse("records:award-create-person", args=[le_chan_person.pk])))
    unit_form = html_of(officer_client.get(reverse("records:award-create-unit", args=[city["an_bien"].pk])))
    assert (
        '<option value="LDTT">Lao động tiên tiến (LDTT)</option>' in person_form,
        '<option value="TTLDTT">' in person_form,
        '<option value="TTLDTT">Tập thể lao động tiên tiến (TTLDTT)</option>' in unit_form,
        '<option value="LDTT">' in unit_form,
        'name="posthumous"' in person_form,
        'name="posthumous"' in unit_form,
    ) == (True, False, True, False, True, False)


def test_award_form_adds_a_historical_award_resting_on_an_initiative(officer_client, le_chan_person, award_types):
    initiative = services.create_initiative(by=None, authors=[le_chan_person], title="Sổ tay số", level="co_so",
                                            recognised_on=dt.date(2023, 5, 1))  # fmt: skip
    data = {"award_code": "LDTT", "year": "2023", "commendation_kind": "cong_trang", "decision_number": "12/QĐ-UBND",
            "decision_date": "20/12/2023", "authority_name": "Chủ tịch UBND phường An Biên",
            "backing_initiative": initiative.pk}  # fmt: skip
    response = officer_client.post(reverse("records:award-create-person", args=[le_chan_person.pk]), data)
    award = Award.objects.get()
    initiative.refresh_from_db()
    assert (response.status_code, award.award_type, award.decision_date, award.source, initiative.backed_award) == (
        302, award_types["ldtt_2017"], dt.date(2023, 12, 20), "historical", award
    )  # fmt: skip


def test_award_form_of_a_code_out_of_force_shows_the_error(officer_client, le_chan_person, award_types):
    data = {"award_code": "CSTT", "year": "2024", "commendation_kind": "cong_trang"}
    response = officer_client.post(reverse("records:award-create-person", args=[le_chan_person.pk]), data)
    assert (response.status_code, Award.objects.count()) == (200, 0)
    assert "“Chiến sĩ tiên tiến” (mã CSTT) không còn hiệu lực vào ngày 31/12/2024." in response.content.decode()


def test_award_form_lists_only_initiatives_not_yet_used(officer_client, le_chan_person, award_types):
    used = services.create_initiative(by=None, authors=[le_chan_person], title="Đã dùng", level="co_so",
                                      recognised_on=dt.date(2023, 5, 1))  # fmt: skip
    free = services.create_initiative(by=None, authors=[le_chan_person], title="Chưa dùng", level="co_so",
                                      recognised_on=dt.date(2023, 6, 1))  # fmt: skip
    services.create_award(by=None, person=le_chan_person, award_code="LDTT", year=2023, backing_initiatives=[used])
    response = officer_client.get(reverse("records:award-create-person", args=[le_chan_person.pk]))
    choices = list(response.context["form"].fields["backing_initiative"].queryset)
    assert choices == [free]


# --- Initiatives ---------------------------------------------------------------------------------------------------


def test_initiative_form_of_a_person_makes_them_the_author(officer_client, le_chan_person):
    data = {"title": "Sổ tay số", "kind": "initiative", "level": "co_so", "recognised_on": "15/11/2023"}
    response = officer_client.post(reverse("records:initiative-create-person", args=[le_chan_person.pk]), data)
    initiative = Initiative.objects.get()
    assert (response.status_code, list(initiative.authors.all()), initiative.year, initiative.unit) == (
        302, [le_chan_person], 2023, None
    )  # fmt: skip


def test_initiative_form_of_a_unit_takes_authors_from_its_staff(officer_client, le_chan_person, city):
    data = {"title": "Sổ tay số", "kind": "initiative", "level": "co_so", "recognised_on": "15/11/2023",
            "authors": [le_chan_person.pk]}  # fmt: skip
    response = officer_client.post(reverse("records:initiative-create-unit", args=[city["an_bien"].pk]), data)
    initiative = Initiative.objects.get()
    assert (response.status_code, list(initiative.authors.all()), initiative.unit) == (
        302, [le_chan_person], city["an_bien"]
    )  # fmt: skip


def test_initiative_form_of_a_unit_refuses_an_author_from_elsewhere(officer_client, thuy_nguyen_person, city):
    data = {"title": "Sổ tay số", "kind": "initiative", "level": "co_so", "recognised_on": "15/11/2023",
            "authors": [thuy_nguyen_person.pk]}  # fmt: skip
    response = officer_client.post(reverse("records:initiative-create-unit", args=[city["an_bien"].pk]), data)
    assert (response.status_code, Initiative.objects.count()) == (200, 0)
    assert 'id="id_authors_error"' in response.content.decode()


# --- Discipline ----------------------------------------------------------------------------------------------------


def test_discipline_form_adds_a_discipline(officer_client, le_chan_person):
    data = {"status": "in_effect", "kind": "canh_cao", "start_date": "01/03/2024", "end_date": "28/02/2025",
            "decision_number": "4/QĐ-UBND", "reason": "Vi phạm quy chế"}  # fmt: skip
    response = officer_client.post(reverse("records:discipline-create-person", args=[le_chan_person.pk]), data)
    discipline = Discipline.objects.get()
    assert (response.status_code, discipline.severity, discipline.year, discipline.end_date) == (
        302, 2, 2024, dt.date(2025, 2, 28)
    )  # fmt: skip


def test_discipline_form_pending_with_a_kind_shows_the_error_on_the_kind(officer_client, le_chan_person):
    data = {"status": "pending", "kind": "canh_cao", "start_date": "01/03/2024"}
    response = officer_client.post(reverse("records:discipline-create-person", args=[le_chan_person.pk]), data)
    assert (response.status_code, Discipline.objects.count()) == (200, 0)
    assert (
        '<p class="field__error" id="id_kind_error">Chỉ ghi hình thức kỷ luật khi đã có quyết định kỷ luật.</p>'
        in response.content.decode()
    )
