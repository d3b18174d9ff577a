"""Historical awards through thidua.records.services: the award type version in force, the stable code, the merit
flag, the recipient's snapshot and the initiatives an award rests on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories.orgs import PersonFactory
from thidua.audit.models import AuditEntry
from thidua.records import services
from thidua.records.models import Award, Initiative

pytestmark = pytest.mark.django_db


def ldtt(by, person, **fields) -> Award:
    return services.create_award(by=by, person=person, award_code="LDTT", **{"year": 2024, **fields})


def initiative_of(by, person, title: str = "Số hóa hồ sơ một cửa") -> Initiative:
    return services.create_initiative(by=by, authors=[person], title=title, level="co_so",
                                      recognised_on=dt.date(2024, 10, 1))  # fmt: skip


def test_award_takes_the_version_in_force_on_the_decision_date(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person, year=2024, decision_date=dt.date(2025, 1, 10), decision_number="5/QĐ-UBND")
    assert (award.award_type, award.award_code, award.counts_toward_merit, award.created_by) == (
        award_types["ldtt_2024"], "LDTT", True, officer
    )  # fmt: skip


def test_award_without_a_decision_date_takes_the_version_at_the_end_of_the_period(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person, year=2023)
    assert (award.award_type, award.period_kind, award.year) == (award_types["ldtt_2017"], "calendar", 2023)


def test_award_older_than_the_catalog_takes_its_first_version(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person, year=2016, decision_date=dt.date(2016, 12, 20))
    assert (award.award_type, award.award_code) == (award_types["ldtt_2017"], "LDTT")


def test_award_of_a_code_no_longer_in_force_is_refused(officer, le_chan_person, award_types):
    with pytest.raises(ValidationError) as error:
        services.create_award(by=officer, person=le_chan_person, award_code="CSTT", year=2024)
    assert error.value.message_dict == {
        "award_code": ["“Chiến sĩ tiên tiến” (mã CSTT) không còn hiệu lực vào ngày 31/12/2024."]
    }


def test_award_of_an_unknown_code_is_refused(officer, le_chan_person, award_types):
    with pytest.raises(ValidationError) as error:
        services.create_award(by=officer, person=le_chan_person, award_code="LDXS", year=2024)
    assert error.value.message_dict == {"award_code": ["Không có danh hiệu, hình thức khen thưởng mã “LDXS”."]}


def test_award_to_the_wrong_kind_of_recipient_names_the_recipient(officer, city, award_types):
    with pytest.raises(ValidationError) as error:
        services.create_award(by=officer, unit=city["an_bien"], award_code="LDTT", year=2024)
    assert error.value.message_dict == {"unit": ["“Lao động tiên tiến” không dùng để khen thưởng tập thể."]}


def test_award_ad_hoc_does_not_count_toward_merit(officer, le_chan_person, award_types):
    award = services.create_award(by=officer, person=le_chan_person, award_code="GK", year=2024,
                                  commendation_kind="dot_xuat")  # fmt: skip
    assert (award.award_code, award.commendation_kind, award.counts_toward_merit) == ("GK", "dot_xuat", False)


def test_award_of_a_type_that_does_not_count_does_not_count(officer, le_chan_person, award_types):
    award = services.create_award(by=officer, person=le_chan_person, award_code="KNC", year=2025,
                                  decision_date=dt.date(2025, 9, 2))  # fmt: skip
    assert (award.commendation_kind, award.counts_toward_merit) == ("cong_trang", False)


def test_award_snapshot_copies_the_person(officer, teacher, award_types):
    award = ldtt(officer, teacher, year=2024, decision_date=dt.date(2024, 8, 20))
    snapshot = {field: getattr(award, field) for field in (
        "recipient_name", "gender", "birth_year", "ethnicity_name", "is_minority", "is_direct_worker",
        "position_category", "position", "unit_name", "period_kind",
    )}  # fmt: skip
    assert snapshot == {
        "recipient_name": "Lê Thị Mai", "gender": "F", "birth_year": 1985, "ethnicity_name": "Kinh",
        "is_minority": False, "is_direct_worker": False, "position_category": "civil_servant",
        "position": "Giáo viên", "unit_name": "Trường THCS An Biên", "period_kind": "school",
    }  # fmt: skip


def test_award_snapshot_stays_when_the_person_moves(officer, teacher, city, award_types):
    award = ldtt(officer, teacher)
    teacher.full_name = "Lê Thị Mai Anh"
    teacher.save()
    award.refresh_from_db()
    assert award.recipient_name == "Lê Thị Mai"


def test_award_of_a_unit_snapshots_its_name(officer, city, award_types):
    award = services.create_award(by=officer, unit=city["an_bien"], award_code="TTLDTT", year=2024)
    assert (award.recipient_name, award.award_code, award.period_kind) == ("Phường An Biên", "TTLDTT", "calendar")


def test_award_without_a_recipient_is_refused(officer, award_types):
    with pytest.raises(ValidationError) as error:
        services.create_award(by=officer, award_code="LDTT", year=2024)
    assert error.value.message_dict == {
        "person": ["Chọn đúng một đối tượng: một cá nhân, một tập thể hoặc một hộ gia đình."]
    }


def test_award_from_a_decision_is_not_created_by_hand(officer, le_chan_person, award_types):
    with pytest.raises(ValidationError) as error:
        ldtt(officer, le_chan_person, source="decision")
    assert error.value.message_dict == {
        "source": ["Khen thưởng theo quyết định trên hệ thống do chính quyết định đó ghi nhận."]
    }


def test_award_imported_leaves_an_audit_action(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person, source="import")
    entry = AuditEntry.objects.get(object_pk=str(award.pk), code="records.award.imported")
    assert (entry.actor_id, entry.additional_data) == (officer.pk, {"award_code": "LDTT", "year": 2024})


# --- Backing initiatives ---------------------------------------------------------------------------------------


def test_award_links_the_initiative_it_rests_on(officer, le_chan_person, award_types):
    initiative = initiative_of(officer, le_chan_person)
    award = ldtt(officer, le_chan_person, backing_initiatives=[initiative])
    initiative.refresh_from_db()
    assert initiative.backed_award == award


def test_award_cannot_rest_on_an_initiative_already_used(officer, le_chan_person, award_types):
    initiative = initiative_of(officer, le_chan_person)
    ldtt(officer, le_chan_person, backing_initiatives=[initiative])
    with pytest.raises(ValidationError) as error:
        ldtt(officer, le_chan_person, year=2025, backing_initiatives=[initiative])
    assert error.value.message_dict["backing_initiatives"][0].endswith(
        "một sáng kiến chỉ làm căn cứ cho một khen thưởng."
    )
    assert Award.objects.count() == 1


def test_award_cannot_rest_on_an_initiative_of_someone_else(officer, le_chan_person, award_types):
    initiative = initiative_of(officer, PersonFactory(full_name="Phạm Văn Bình"))
    with pytest.raises(ValidationError) as error:
        ldtt(officer, le_chan_person, backing_initiatives=[initiative])
    assert error.value.message_dict == {
        "backing_initiatives": ["“Nguyễn Thị Hoa” không phải tác giả của sáng kiến “Số hóa hồ sơ một cửa”."]
    }


def test_award_rests_on_one_initiative_at_most(officer, le_chan_person, award_types):
    first, second = initiative_of(officer, le_chan_person), initiative_of(officer, le_chan_person, "Sổ tay số")
    with pytest.raises(ValidationError) as error:
        ldtt(officer, le_chan_person, backing_initiatives=[first, second])
    assert error.value.message_dict == {"backing_initiatives": ["Mỗi khen thưởng ghi nhận một sáng kiến làm căn cứ."]}


def test_award_update_can_swap_its_initiative(officer, le_chan_person, award_types):
    first, second = initiative_of(officer, le_chan_person), initiative_of(officer, le_chan_person, "Sổ tay số")
    award = ldtt(officer, le_chan_person, backing_initiatives=[first])
    services.update_award(award, by=officer, backing_initiatives=[second])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.backed_award, second.backed_award) == (None, award)


def test_award_delete_frees_its_initiative(officer, le_chan_person, award_types):
    initiative = initiative_of(officer, le_chan_person)
    award = ldtt(officer, le_chan_person, backing_initiatives=[initiative])
    services.delete_award(award, by=officer)
    initiative.refresh_from_db()
    assert (Award.objects.count(), initiative.backed_award) == (0, None)


# --- Update and delete -----------------------------------------------------------------------------------------


def test_award_update_derives_the_type_again(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person, year=2024, decision_date=dt.date(2025, 1, 10))
    award = services.update_award(award, by=officer, decision_date=dt.date(2025, 8, 1), commendation_kind="dot_xuat")
    assert (award.award_type, award.counts_toward_merit, award.recipient_name) == (
        award_types["ldtt_2025"], False, "Nguyễn Thị Hoa"
    )  # fmt: skip


def test_award_update_to_another_code(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person)
    award = services.update_award(award, by=officer, award_code="GK")
    assert (award.award_code, award.award_type) == ("GK", award_types["gk"])


def test_award_of_a_decision_cannot_be_changed_or_deleted(officer, le_chan_person, award_types):
    award = ldtt(officer, le_chan_person)
    Award.objects.filter(pk=award.pk).update(source="decision")
    message = {"__all__": [
        "Khen thưởng theo quyết định trên hệ thống chỉ được sửa, hủy bằng một quyết định điều chỉnh."
    ]}  # fmt: skip
    with pytest.raises(ValidationError) as change:
        services.update_award(award, by=officer, achievement="Sửa")
    with pytest.raises(ValidationError) as delete:
        services.delete_award(award, by=officer)
    assert (change.value.message_dict, delete.value.message_dict) == (message, message)
