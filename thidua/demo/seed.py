"""``thidua seed_demo``: the Hải Phòng demo of 2021, as a list of idempotent steps.

Each ``Step`` knows whether it is done (a cheap query) and how to run (one transaction, audited as the system
"seed_demo"). ``seed_demo`` loads the catalog and runs the steps not yet done, so a second run only prints the demo
accounts. Later issues extend the demo by appending a step to ``STEPS`` (movements, history, dossiers …): on a
database seeded before, only the new step runs.

Units, clusters and authorities go through the service functions one by one; the ~2,000 people go in with bulk
inserts (with the same derived fields and name tokens as ``Person.save``) and one audit row that says so.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.audit.context import acting_as_system
from thidua.audit.services import record_action
from thidua.catalog.models import Authority, AuthorityKind
from thidua.demo import decisions_seed, dossiers_seed, haiphong, history_seed, movements_seed
from thidua.demo.names import NameGenerator, birth_date, career_start, citizen_id, date_between
from thidua.demo.positions import STAFF, Slot, position_title, titles_for
from thidua.orgs import services as org_services
from thidua.orgs.models import (
    Cluster,
    ClusterRole,
    Ethnicity,
    Membership,
    OrgUnit,
    Person,
    PersonNameToken,
    Sector,
    UnitKind,
)

SEED = 2021
TODAY = dt.date(2021, 1, 1)  # ages and careers are those of the year of the plan
SYSTEM_LABEL = "seed_demo"
OTHER_HOMETOWNS = (
    "Tỉnh Hải Dương", "Tỉnh Thái Bình", "Tỉnh Nam Định", "Tỉnh Quảng Ninh", "Tỉnh Hưng Yên", "Thành phố Hà Nội",
    "Tỉnh Thanh Hóa", "Tỉnh Nghệ An", "Tỉnh Ninh Bình", "Tỉnh Bắc Giang",
)  # fmt: skip


@dataclass
class SeedContext:
    stdout: TextIO
    units: dict[str, OrgUnit] = field(default_factory=dict)  # by code, filled on first use

    def rng(self, step: str) -> random.Random:
        """A generator of its own per step, so a step draws the same values whatever ran before it."""
        return random.Random(f"{SEED}-{step}")

    def unit(self, code: str) -> OrgUnit:
        if code not in self.units:
            self.units.update({unit.code: unit for unit in OrgUnit.objects.filter(code__in=_unit_codes())})
        try:
            return self.units[code]
        except KeyError:
            raise KeyError(f"The demo data names a unit that does not exist: {code}") from None


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # what the step creates, in Vietnamese, for the command's output
    is_done: Callable[[], bool]
    run: Callable[[SeedContext], None]


# --- Units --------------------------------------------------------------------------------------------------


def _unit_codes() -> list[str]:
    return [spec.code for _parent, spec in haiphong.walk(haiphong.MAP)]


def units_done() -> bool:
    codes = _unit_codes()
    return OrgUnit.objects.filter(code__in=codes).count() == len(codes)


def create_units(context: SeedContext) -> None:
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    existing = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=_unit_codes())}
    for parent_code, spec in haiphong.walk(haiphong.MAP):
        if spec.code in existing:
            continue
        existing[spec.code] = org_services.create_unit(
            by=None, parent=existing[parent_code] if parent_code else None, code=spec.code, name=spec.name,
            short_name=spec.short_name, kind=kinds[spec.kind], sector=sectors[spec.sector],
            is_external=spec.is_external,
        )  # fmt: skip
    context.units.update(existing)


# --- Authorities --------------------------------------------------------------------------------------------


def _authority_specs() -> list[tuple[str, haiphong.AuthoritySpec]]:
    return [(spec.code, authority) for _parent, spec in haiphong.walk(haiphong.MAP) for authority in spec.authorities]


def authorities_done() -> bool:
    expected = {(code, spec.kind) for code, spec in _authority_specs()}
    existing = set(Authority.objects.filter(unit__code__in={code for code, _kind in expected}).values_list(
        "unit__code", "kind__code"))  # fmt: skip
    return expected <= existing


def create_authorities(context: SeedContext) -> None:
    kinds = {kind.code: kind for kind in AuthorityKind.objects.all()}
    existing = set(Authority.objects.values_list("unit__code", "kind__code"))
    for unit_code, spec in _authority_specs():
        if (unit_code, spec.kind) in existing:
            continue
        # The catalog app has no write service for authorities yet; this is its reference data, like load_catalog's.
        authority = Authority(
            kind=kinds[spec.kind], unit=context.unit(unit_code), name=spec.name, issuing_body=spec.issuing_body,
            parent_body=spec.parent_body, signer_title=spec.signer_title, document_code=spec.document_code,
            place_name=spec.place_name, valid_to=spec.valid_to,
        )  # fmt: skip
        authority.full_clean()
        authority.save()


# --- People -------------------------------------------------------------------------------------------------


def people_done() -> bool:
    return Membership.objects.filter(unit__code="HP-TN-MD", person__full_name="Đặng Văn Đức").exists()


@dataclass
class _Draft:
    person: Person
    memberships: list[Membership]


def _hometowns() -> list[str]:
    towns = []
    for district in haiphong.DISTRICTS:
        label = district.name[0].lower() + district.name[1:]
        towns += [f"{unit.name}, {label}, thành phố Hải Phòng" for unit in district.children
                  if unit.kind in ("ward", "commune", "township")]  # fmt: skip
    return towns + list(OTHER_HOMETOWNS)


def _slot_count(slot: Slot, rng: random.Random) -> int:
    return slot.count if isinstance(slot.count, int) else rng.randint(*slot.count)


class _PeopleDrawer:
    """Draws people in a fixed order from one seeded generator."""

    def __init__(self, rng: random.Random, ethnicities: dict[str, Ethnicity]) -> None:
        self.rng = rng
        self.names = NameGenerator(rng, reserved=haiphong.RESERVED_NAMES)
        self.ethnicities = ethnicities
        self.hometowns = _hometowns()

    def staff(self, unit: OrgUnit, slot: Slot, position: str, *, female_share: float | None) -> _Draft:
        rng = self.rng
        share = slot.female_share if female_share is None else female_share
        name = self.names.person(female_share=share)
        born = birth_date(rng, min_age=slot.min_age, max_age=slot.max_age, on=TODAY)
        person = Person(
            full_name=name.full_name, gender=name.gender, birth_date=born,
            ethnicity=self.ethnicities.get(name.ethnicity_code), is_direct_worker=slot.is_direct_worker,
            position_category=slot.category,
            id_number=citizen_id(rng, birth=born, gender=name.gender) if rng.random() < 0.6 else "",
            hometown=rng.choice(self.hometowns) if rng.random() < 0.4 else "",
        )  # fmt: skip
        start = career_start(rng, born, first_age=slot.min_age, earliest=dt.date(1990, 1, 1))
        if slot.category == "student":
            start = dt.date(2018, 9, 5)  # the school year they entered upper secondary school
        membership = Membership(person=person, unit=unit, position=position, is_leader=slot.is_leader,
                                start_date=start)  # fmt: skip
        return _Draft(person, [membership])

    def named(self, spec: haiphong.NamedPerson, units: SeedContext) -> _Draft:
        person = Person(
            full_name=spec.full_name, gender=spec.gender, birth_date=spec.birth_date, death_date=spec.death_date,
            ethnicity=self.ethnicities.get(spec.ethnicity), nationality=spec.nationality,
            is_direct_worker=spec.is_direct_worker, position_category=spec.position_category, hometown=spec.hometown,
            owner_unit=units.unit(spec.owner_unit) if spec.owner_unit else None,
        )  # fmt: skip
        memberships = []
        if spec.unit:
            memberships.append(Membership(person=person, unit=units.unit(spec.unit), position=spec.position,
                                          start_date=spec.start_date, end_date=spec.death_date))  # fmt: skip
        return _Draft(person, memberships)


def _staff_unit(context: SeedContext, spec: haiphong.UnitSpec, draw: _PeopleDrawer) -> list[_Draft]:
    drafts = []
    head_title, deputy_title = titles_for(spec.kind, spec.head_title, spec.deputy_title)
    for slot in STAFF.get(spec.staff or spec.kind, []):
        for _index in range(_slot_count(slot, draw.rng)):
            drafts.append(draw.staff(context.unit(spec.code), slot, position_title(slot, head_title, deputy_title),
                                     female_share=spec.female_share))  # fmt: skip
    return drafts


def _add_past_memberships(drafts: list[_Draft], rng: random.Random, context: SeedContext) -> None:
    """About one staff member in twelve worked elsewhere in the same district or department before."""
    units_by_branch: dict[str, list[OrgUnit]] = {}
    for _parent, spec in haiphong.walk((haiphong.CITY,)):
        branch = spec.code.split("-")[1] if "-" in spec.code else ""
        if branch and spec.kind not in ("village",):
            units_by_branch.setdefault(branch, []).append(context.unit(spec.code))
    for draft in drafts:
        current = draft.memberships[0] if draft.memberships else None
        if current is None or current.is_leader or draft.person.position_category == "student":
            continue
        if rng.random() >= 1 / 12:
            continue
        branch = current.unit.code.split("-")[1] if "-" in current.unit.code else ""
        candidates = [unit for unit in units_by_branch.get(branch, []) if unit.code != current.unit.code]
        born = draft.person.birth_date
        earliest = dt.date(born.year + 21, born.month, 1)
        latest = current.start_date - dt.timedelta(days=400)
        if not candidates or latest <= earliest:
            continue
        start = date_between(rng, earliest, latest)
        draft.memberships.append(Membership(
            person=draft.person, unit=rng.choice(candidates), position=current.position, start_date=start,
            end_date=current.start_date - dt.timedelta(days=1), is_primary=True,
        ))  # fmt: skip


def create_people(context: SeedContext) -> None:
    rng = context.rng("people")
    ethnicities = {ethnicity.code: ethnicity for ethnicity in Ethnicity.objects.all()}
    draw = _PeopleDrawer(rng, ethnicities)
    drafts: list[_Draft] = []
    for _parent, spec in haiphong.walk(haiphong.MAP):
        if spec.staffed:
            drafts += _staff_unit(context, spec, draw)
    _add_past_memberships(drafts, rng, context)
    drafts += [draw.named(spec, context) for spec in haiphong.NAMED_PEOPLE]

    people = [draft.person for draft in drafts]
    for person in people:
        person.fill_derived_fields()
    # bulk_create sends no signals: the derived fields are filled above, the tokens and the audit row below.
    Person.objects.bulk_create(people, batch_size=500)
    PersonNameToken.objects.bulk_create(
        [token for person in people for token in person.build_name_tokens()], batch_size=2000
    )
    memberships = [membership for draft in drafts for membership in draft.memberships]
    for membership in memberships:
        membership.person_id = membership.person.pk
    Membership.objects.bulk_create(memberships, batch_size=1000)
    record_action(context.unit("HP"), code="orgs.person.demo_seeded", by=None,
                  data={"people": len(people), "memberships": len(memberships)})  # fmt: skip


# --- Clusters -----------------------------------------------------------------------------------------------


def clusters_done() -> bool:
    codes = [spec.code for spec in haiphong.CLUSTERS]
    return Cluster.objects.filter(code__in=codes).count() == len(codes)


def create_clusters(context: SeedContext) -> None:
    existing = set(Cluster.objects.values_list("code", flat=True))
    for spec in haiphong.CLUSTERS:
        if spec.code in existing:
            continue
        cluster = org_services.create_cluster(by=None, code=spec.code, name=spec.name,
                                              organiser=context.unit(spec.organiser), kind=spec.kind,
                                              description=spec.description)  # fmt: skip
        members = {context.unit(code): ClusterRole.MEMBER for code in spec.members}
        members[context.unit(spec.leader)] = ClusterRole.LEADER
        if spec.deputy:
            members[context.unit(spec.deputy)] = ClusterRole.DEPUTY
        org_services.set_cluster_members(cluster, by=None, year=haiphong.CLUSTER_YEAR, members=members)


# --- Accounts -----------------------------------------------------------------------------------------------


def accounts_done() -> bool:
    usernames = [spec.username for spec in haiphong.ACCOUNTS]
    return RoleAssignment.objects.filter(user__username__in=usernames).values("user").distinct().count() == len(
        usernames
    )


def create_accounts(context: SeedContext) -> None:
    roles = {role.code: role for role in Role.objects.all()}
    # One shared password: hash it once rather than once per account (each hash takes a good part of a second).
    password_hash = make_password(haiphong.DEMO_PASSWORD)
    for spec in haiphong.ACCOUNTS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            is_admin = spec.role == "admin"
            user = User(username=spec.username, password=password_hash, full_name=spec.full_name,
                        position=spec.position, is_staff=is_admin, is_superuser=is_admin)  # fmt: skip
            user.full_clean()
            user.save()
        RoleAssignment.objects.get_or_create(user=user, role=roles[spec.role], unit=context.unit(spec.unit))


STEPS: list[Step] = [
    Step("units", _lazy("đơn vị"), units_done, create_units),
    Step("authorities", _lazy("cấp có thẩm quyền"), authorities_done, create_authorities),
    Step("people", _lazy("cá nhân và quá trình công tác"), people_done, create_people),
    Step("clusters", _lazy("cụm, khối thi đua năm 2021"), clusters_done, create_clusters),
    Step("accounts", _lazy("tài khoản mẫu"), accounts_done, create_accounts),
    Step(
        "movement_muc_tieu_kep",
        _lazy("phong trào “Mục tiêu kép”, kế hoạch, đăng ký, báo cáo của các đơn vị"),
        movements_seed.movement_done,
        movements_seed.seed_movement,
    ),
    Step(
        "exemplary_models",
        _lazy("mô hình hay, điển hình tiên tiến"),
        movements_seed.exemplary_done,
        movements_seed.seed_exemplary_models,
    ),
    Step(
        "cluster_scoring_2021",
        _lazy("giao ước và bảng chấm điểm năm 2021 của cụm các quận"),
        movements_seed.cluster_done,
        movements_seed.seed_cluster_scoring,
    ),
    Step(
        "history_2016_2021",
        _lazy("lịch sử 2016–2021: xếp loại, danh hiệu, khen thưởng, sáng kiến, kỷ luật"),
        history_seed.history_done,
        history_seed.seed_history,
    ),
    Step(
        "dossiers_muc_tieu_kep",
        _lazy("hồ sơ đề nghị khen thưởng phong trào “Mục tiêu kép”, phiên họp Hội đồng, hồ sơ tổng kết năm 2021"),
        dossiers_seed.dossiers_done,
        dossiers_seed.seed_dossiers,
    ),
    Step(
        "decisions_muc_tieu_kep",
        _lazy("quyết định khen thưởng cấp thành phố và cấp phường (có một quyết định đính chính), bằng, giấy khen"),
        decisions_seed.decisions_done,
        decisions_seed.seed_decisions,
    ),
]


def seed_demo(stdout: TextIO) -> list[str]:
    """Run the steps not done yet (after loading the catalog); return their labels. Nothing pending: nothing runs."""
    pending = [step for step in STEPS if not step.is_done()]
    if not pending:
        return []
    call_command("load_catalog", stdout=stdout)
    context = SeedContext(stdout)
    for step in pending:
        started = time.perf_counter()
        with transaction.atomic(), acting_as_system(SYSTEM_LABEL):
            step.run(context)
        stdout.write(
            _("Đã tạo %(what)s (%(seconds).1f giây).") % {"what": step.label, "seconds": time.perf_counter() - started}
            + "\n"
        )
    analyze_people_tables()
    return [str(step.label) for step in pending]


def analyze_people_tables() -> None:
    """Fresh planner statistics after a bulk load (SQLite keeps none until asked)."""
    with connection.cursor() as cursor:
        for model in (OrgUnit, Person, PersonNameToken, Membership):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def account_rows() -> list[tuple[str, str, str, str]]:
    """(username, role, unit, full name) of each demo account, as they are in the database."""
    assignments = (
        RoleAssignment.objects.filter(user__username__in=[spec.username for spec in haiphong.ACCOUNTS])
        .select_related("user", "role", "unit")
        .order_by("pk")
    )
    by_user = {assignment.user.username: assignment for assignment in assignments}
    rows = []
    for spec in haiphong.ACCOUNTS:
        assignment = by_user.get(spec.username)
        if assignment is not None:
            rows.append((spec.username, assignment.role.name, assignment.unit.name, assignment.user.display_name))
    return rows


def format_accounts() -> str:
    header = (_("Tên đăng nhập"), _("Vai trò"), _("Đơn vị"), _("Họ và tên"))
    rows = [header, *account_rows()]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    lines.append("")
    lines.append(_("Mật khẩu chung của mọi tài khoản mẫu: %(password)s") % {"password": haiphong.DEMO_PASSWORD})
    return "\n".join(lines)
