"""``thidua seed_demo``: the Hải Phòng map of 2021, its people, clusters, authorities and one account per role."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.core.text import person_sort_key
from thidua.demo import haiphong
from thidua.orgs.models import Cluster, ClusterMembership, ClusterRole, Membership, OrgUnit, Person, PersonNameToken

QUAN = ["Quận Hồng Bàng", "Quận Ngô Quyền", "Quận Lê Chân", "Quận Hải An", "Quận Kiến An", "Quận Đồ Sơn",
        "Quận Dương Kinh"]  # fmt: skip
HUYEN = ["Huyện Thủy Nguyên", "Huyện An Dương", "Huyện An Lão", "Huyện Kiến Thụy", "Huyện Tiên Lãng",
         "Huyện Vĩnh Bảo", "Huyện Cát Hải", "Huyện Bạch Long Vĩ"]  # fmt: skip
COUNTED = [OrgUnit, Person, PersonNameToken, Membership, Cluster, ClusterMembership, Authority, User, RoleAssignment]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def city() -> OrgUnit:
    return OrgUnit.objects.get(code="HP")


def test_seed_demo_second_run_creates_nothing(demo):
    before = counts()

    call_command("seed_demo", force=True, stdout=io.StringIO())

    assert counts() == before


def test_seed_demo_second_run_only_prints_the_accounts(demo, django_assert_max_num_queries):
    out = io.StringIO()

    with django_assert_max_num_queries(12):
        call_command("seed_demo", force=True, stdout=out)

    assert "Dữ liệu mẫu Hải Phòng đã có sẵn." in out.getvalue()
    assert "canbo.lechan" in out.getvalue()
    assert haiphong.DEMO_PASSWORD in out.getvalue()


def test_seed_demo_first_run_prints_one_account_per_role(demo):
    lines = demo.splitlines()

    assert all(any(line.startswith(spec.username + " ") for line in lines) for spec in haiphong.ACCOUNTS)
    assert f"Mật khẩu chung của mọi tài khoản mẫu: {haiphong.DEMO_PASSWORD}" in lines


def test_seed_demo_map_has_the_seven_quan_of_2021(demo):
    names = city().children.filter(kind__code="urban_district").values_list("name", flat=True)

    assert sorted(names) == sorted(QUAN)


def test_seed_demo_map_has_the_eight_huyen_of_2021(demo):
    names = city().children.filter(kind__code="rural_district").values_list("name", flat=True)

    assert sorted(names) == sorted(HUYEN)


def test_seed_demo_map_has_every_phuong_xa_thi_tran_of_2021(demo):
    localities = city().descendants().filter(kind__code__in=["ward", "commune", "township"])

    assert localities.count() == 216
    assert localities.filter(kind__code="township").count() == 10


def test_seed_demo_bach_long_vi_has_no_commune(demo):
    bach_long_vi = OrgUnit.objects.get(name="Huyện Bạch Long Vĩ")

    assert not bach_long_vi.descendants().filter(kind__code__in=["ward", "commune", "township"]).exists()


def test_seed_demo_le_chan_has_its_fifteen_wards(demo):
    wards = OrgUnit.objects.get(code="HP-LC").children.filter(kind__code="ward").values_list("name", flat=True)

    assert sorted(wards) == sorted(f"Phường {name}" for name in [
        "An Biên", "An Dương", "Cát Dài", "Dư Hàng", "Dư Hàng Kênh", "Đông Hải", "Hàng Kênh", "Hồ Nam", "Kênh Dương",
        "Lam Sơn", "Nghĩa Xá", "Niệm Nghĩa", "Trại Cau", "Trần Nguyên Hãn", "Vĩnh Niệm",
    ])  # fmt: skip


def test_seed_demo_so_noi_vu_holds_the_emulation_board(demo):
    board = OrgUnit.objects.get(name="Ban Thi đua - Khen thưởng")

    assert (board.parent.name, board.parent.parent.code) == ("Sở Nội vụ", "HP")


def test_seed_demo_centre_is_an_external_root(demo):
    centre = OrgUnit.objects.get(code="TW")

    assert centre.parent is None
    assert centre.kind.code == "central"
    assert set(centre.descendants(include_self=True).values_list("is_external", flat=True)) == {True}


def test_seed_demo_city_chairman_is_the_city_authority(demo):
    authority = Authority.objects.get(kind__code="ct_ubnd_tinh", unit__code="HP")

    assert (authority.issuing_body, authority.document_code, authority.place_name) == (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG", "UBND", "Hải Phòng",
    )  # fmt: skip


def test_seed_demo_district_chairmen_issue_nothing_after_june_2025(demo):
    authorities = Authority.objects.filter(kind__code="ct_ubnd_huyen")

    assert authorities.count() == 15
    assert set(authorities.values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}


def test_seed_demo_every_locality_has_its_chairman(demo):
    localities = city().descendants().filter(kind__code__in=["ward", "commune", "township"])

    assert Authority.objects.filter(kind__code="ct_ubnd_xa", unit__in=localities).count() == localities.count()


def test_seed_demo_central_authorities_are_bound_to_central_units(demo):
    bound = dict(Authority.objects.filter(kind__code__in=["thu_tuong", "chu_tich_nuoc"]).values_list(
        "kind__code", "unit__code"))  # fmt: skip

    assert bound == {"thu_tuong": "TW-CP", "chu_tich_nuoc": "TW-VPCTN"}


def test_seed_demo_has_about_two_thousand_people(demo):
    assert 1900 <= Person.objects.count() <= 2500


def test_seed_demo_family_names_follow_their_frequency(demo):
    total = Person.objects.count()
    nguyen = Person.objects.filter(family_name="Nguyễn").count()

    assert 0.30 < nguyen / total < 0.46
    assert Person.objects.filter(family_name="Trần").count() > Person.objects.filter(family_name="Đỗ").count()


def test_seed_demo_has_ethnic_minority_people(demo):
    assert Person.objects.filter(ethnicity__is_minority=True).exclude(ethnicity__code="NN").count() >= 5


def test_seed_demo_people_are_searchable_and_sorted(demo):
    person = Person.objects.get(full_name="Đặng Văn Đức")

    assert sorted(person.name_tokens.values_list("token", flat=True)) == ["dang", "duc", "van"]
    assert person.sort_key == person_sort_key("Đặng Văn Đức")
    assert not Person.objects.filter(sort_key="").exists()
    assert not Person.objects.filter(name_tokens__isnull=True).exists()


def test_seed_demo_places_dang_van_duc_in_thuy_nguyen(demo):
    membership = Membership.objects.get(person__full_name="Đặng Văn Đức")

    assert membership.unit.path.startswith(OrgUnit.objects.get(code="HP-TN").path)


def test_seed_demo_has_one_deceased_person_kept_by_their_unit(demo):
    deceased = Person.objects.get(death_date__isnull=False)

    assert deceased.owner_unit.code == "HP-SYT-CDC"
    assert deceased.memberships.get().end_date == deceased.death_date


def test_seed_demo_has_people_outside_the_tree(demo):
    outside = Person.objects.filter(memberships__isnull=True)

    assert outside.count() >= 3
    assert not outside.filter(owner_unit__isnull=True).exists()


def test_seed_demo_every_unit_under_the_city_has_a_leader(demo):
    staffed = city().descendants(include_self=True).exclude(memberships__isnull=True)
    leaderless = staffed.exclude(memberships__is_leader=True)

    assert list(leaderless.values_list("code", flat=True)) == []


def test_seed_demo_every_role_has_a_demo_user(demo):
    roles_with_users = set(RoleAssignment.objects.filter(user__username__in=[a.username for a in haiphong.ACCOUNTS])
                           .values_list("role__code", flat=True))  # fmt: skip

    assert roles_with_users == set(Role.objects.values_list("code", flat=True))


@pytest.mark.parametrize("account", haiphong.ACCOUNTS, ids=lambda account: account.username)
def test_seed_demo_account_holds_its_role_at_its_unit(demo, account):
    assignment = RoleAssignment.objects.get(user__username=account.username)

    assert (assignment.role.code, assignment.unit.code) == (account.role, account.unit)
    assert assignment.user.check_password(haiphong.DEMO_PASSWORD)


def test_seed_demo_admin_account_is_a_superuser(demo):
    admin = User.objects.get(username="quantri")

    assert (admin.is_superuser, admin.is_staff) == (True, True)


def test_seed_demo_le_chan_officer_sees_nguyen_thi_people(demo):
    officer = User.objects.get(username="canbo.lechan")

    found = list(scoped(Person.objects.search("nguyen thi"), officer).values_list("full_name", flat=True))

    assert len([name for name in found if name.startswith("Nguyễn Thị ")]) >= 5
    assert "Nguyễn Thị Hoa" in found


def test_seed_demo_le_chan_officer_does_not_see_thuy_nguyen_people(demo):
    officer = User.objects.get(username="canbo.lechan")
    thuy_nguyen = OrgUnit.objects.get(code="HP-TN")
    in_thuy_nguyen = Person.objects.filter(memberships__unit__in=thuy_nguyen.descendants(include_self=True))

    assert in_thuy_nguyen.exists()
    assert not scoped(Person, officer).filter(pk__in=in_thuy_nguyen).exists()
    assert not scoped(Person.objects.search("dang van duc"), officer).exists()


def test_seed_demo_le_chan_officer_sees_only_le_chan_units(demo):
    officer = User.objects.get(username="canbo.lechan")

    codes = set(scoped(OrgUnit, officer).values_list("code", flat=True))

    assert "HP-LC-AB" in codes
    assert {code for code in codes if not code.startswith("HP-LC")} == set()


def test_seed_demo_clusters_have_one_leader_in_2021(demo):
    leaders = {
        cluster.code: list(cluster.members.filter(year=2021, role=ClusterRole.LEADER).values_list("unit__code",
                                                                                                  flat=True))
        for cluster in Cluster.objects.all()
    }  # fmt: skip

    assert leaders == {spec.code: [spec.leader] for spec in haiphong.CLUSTERS}


def test_seed_demo_cluster_of_quan_gathers_the_seven_quan(demo):
    cluster = Cluster.objects.get(code="hp-cum-cac-quan")

    names = cluster.members.filter(year=2021).values_list("unit__name", flat=True)

    assert sorted(names) == sorted(QUAN)


def test_seed_demo_careers_start_before_2021(demo):
    assert not Membership.objects.filter(start_date__gt=dt.date(2021, 1, 1)).exists()


def test_seed_demo_earlier_memberships_end_before_the_current_one(demo):
    ended = Membership.objects.filter(end_date__isnull=False, person__death_date__isnull=True)

    assert ended.exists()
    for membership in ended.select_related("person"):
        current = membership.person.memberships.get(end_date__isnull=True)
        assert membership.end_date < current.start_date
