"""Builders for the dossier workflow API tests, on the dossier scene (``scene``, tests/dossiers/conftest.py) and the
workflow builders of tests/dossiers/workflow_scene.py: the states after the council (voted) and after forwarding to
the Prime Minister (forwarded), reached through the services as a user would, plus small request helpers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from tests.api.conftest import token_client
from tests.dossiers.workflow_scene import HOA, appraised, entry_of, fresh
from tests.factories.files import docx_upload
from tests.factories.orgs import PersonFactory
from thidua.dossiers import council, forwarding, workflow
from thidua.dossiers.models import CouncilSession, Dossier
from thidua.eligibility.engine import Status
from thidua.eligibility.models import Rule
from thidua.orgs.models import Membership
from thidua.records.enums import RATING_RANK
from thidua.records.models import Rating

VOTERS = ("chair", "secretary", "member1", "member2", "member3")
MEETS_ON = dt.date(2025, 3, 14)
RULES = Path(__file__).resolve().parents[2] / "thidua" / "eligibility" / "data" / "rules.yaml"
# The seeded LĐTT rule has a judgement condition: everyone with the history is "to weigh", and the unit asks for both.
SUGGESTED = (Status.ELIGIBLE, Status.TO_WEIGH)


def client_of(scene, who: str):
    return token_client(scene.users[who])


def voting_session(scene, entries, **kwargs) -> CouncilSession:
    """A session of the city's council (its five members, all present) with the entries on its agenda, voting."""
    kwargs.setdefault("title", "Phiên họp Hội đồng Thi đua - Khen thưởng thành phố tháng 3/2025")
    kwargs.setdefault("meets_on", MEETS_ON)
    session = council.schedule_session(scene.city_authority, by=scene.users["secretary"], **kwargs)
    council.add_to_agenda(session, entries, by=scene.users["secretary"])
    return council.open_voting(session, by=scene.users["chair"])


def voted(scene, award: str = "BK_TTG", nominees=None) -> Dossier:
    """A received dossier whose entries the council passed (every member votes for, the chair closes)."""
    dossier = appraised(scene, nominees or ((HOA, award),))
    entries = list(dossier.entries.all())
    session = voting_session(scene, entries)
    for item in session.items.all():
        for who in VOTERS:
            council.cast_vote(item, by=scene.users[who], choice="for")
    council.close_voting(session, by=scene.users["chair"])
    return fresh(dossier)


def with_word_copies(scene, dossier: Dossier) -> Dossier:
    """The board adds the Word copies of the tờ trình and of each report the centre's package needs."""
    board = scene.users["board"]
    workflow.add_attachment(dossier, by=board, upload=docx_upload("to-trinh.docx"),
                            document_kind=scene.documents["to_trinh"])  # fmt: skip
    for entry in dossier.entries.all():
        workflow.add_attachment(dossier, by=board, upload=docx_upload("bao-cao.docx", text=entry.nominee_name),
                                document_kind=scene.documents["bao_cao_thanh_tich"], entry=entry)  # fmt: skip
    return fresh(dossier)


def forwarded(scene) -> Dossier:
    """Nguyễn Thị Hoa's Bằng khen of the Prime Minister, voted by the city's council and forwarded to the centre
    (outside the deployment): the original dossier, whose entry waits in "forwarded"."""
    dossier = with_word_copies(scene, voted(scene, "BK_TTG"))
    forwarding.forward([entry_of(dossier)], by=scene.users["board_head"])
    return fresh(dossier)


def ldtt_rule(scene) -> Rule:
    """The seeded individual LĐTT rule of the 2025 regime, as a Rule row of the scene's award type."""
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    expression = next(rule["expression"] for rule in rules if rule["award"] == "LDTT"
                      and rule["recipient"] == "individual" and "nd152_2025" in rule["regimes"])  # fmt: skip
    award_type = scene.awards["LDTT"]
    rule = Rule(award_code="LDTT", award_type=award_type, regime=award_type.regime, recipient_kind="individual",
                expression=expression, legal_source="Luật TĐKT 06/2022/QH15 Điều 24")  # fmt: skip
    rule.full_clean()
    rule.save()
    return rule


def staff(unit, count: int, *, year: int) -> list:
    """``count`` people working in ``unit`` since 2020, rated "hoàn thành tốt nhiệm vụ" for ``year``."""
    people = PersonFactory.create_batch(count)
    Membership.objects.bulk_create(
        Membership(person=person, unit=unit, position="Chuyên viên", start_date=dt.date(2020, 1, 1))
        for person in people
    )
    Rating.objects.bulk_create(
        Rating(person=person, year=year, level="htt", rank=RATING_RANK["htt"]) for person in people
    )
    return people
