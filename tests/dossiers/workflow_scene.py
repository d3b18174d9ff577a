"""Builders for the workflow tests (tests/dossiers/test_workflow_*.py) on the dossier scene (``scene`` in conftest):
Quận Lê Chân prepares a dossier for the city's Chairman (the default authority of a district) with its documents,
and the steps that bring it to each state; plus ``state_of`` — everything a refused step must leave as it was."""

from __future__ import annotations

from tests.conftest import user_with_role
from tests.factories.files import pdf_upload
from thidua.audit.models import AuditEntry
from thidua.core.models import StoredFile
from thidua.dossiers import services, workflow
from thidua.dossiers.enums import CheckItem, DossierKind, Procedure, Recommendation
from thidua.dossiers.models import Dossier, DossierAttachment, DossierEntry, DossierEvent, EntryCheck
from thidua.notifications.models import Notification

YEAR = 2025
TITLE = "Hồ sơ đề nghị khen thưởng phong trào “Mục tiêu kép”"
HOA = "Nguyễn Thị Hoa"
BINH = "Trần Văn Bình"


def attach(scene, dossier, code: str, *, by=None, entry=None, name: str = ""):
    """Upload a small real PDF as the document ``code`` of the dossier (or of the entry)."""
    by = by or scene.users["officer"]
    upload = pdf_upload(name or f"{code}-{entry.pk if entry else 'hs'}.pdf")
    return workflow.add_attachment(dossier, by=by, upload=upload, document_kind=scene.documents[code], entry=entry)


def attach_required(scene, dossier: Dossier) -> None:
    """Every document the entries' award types require of the unit: dossier-level ones once, per-entry ones each."""
    done = set()
    for entry in dossier.entries.select_related("award_type"):
        for kind in entry.award_type.required_documents.filter(by_authority=False).order_by("pk"):
            if kind.per_entry:
                attach(scene, dossier, kind.code, entry=entry)
            elif kind.code not in done:
                attach(scene, dossier, kind.code)
                done.add(kind.code)


def draft(scene, nominees=((HOA, "BK_TINH"),), *, kind=DossierKind.MOVEMENT, documents: bool = True,
          procedure=Procedure.NORMAL, unit=None, by=None) -> Dossier:  # fmt: skip
    """A draft of Quận Lê Chân addressed to the city's Chairman with one entry per (person name, award code)."""
    by = by or scene.users["officer"]
    unit = unit or scene.units["le_chan"]
    dossier = services.create_dossier(unit, by=by, kind=kind, title=TITLE, year=YEAR, procedure=procedure)
    for name, code in nominees:
        services.add_entry(dossier, by=by, award_type=scene.awards[code], person=scene.people[name],
                           achievement=f"Thành tích của {name} năm {YEAR}.")  # fmt: skip
    if documents:
        attach_required(scene, dossier)
    return fresh(dossier)


def submitted(scene, nominees=((HOA, "BK_TINH"),), **kwargs) -> Dossier:
    dossier = draft(scene, nominees, **kwargs)
    return workflow.submit(dossier, by=scene.users["head"])


def received(scene, nominees=((HOA, "BK_TINH"),), **kwargs) -> Dossier:
    return workflow.receive(submitted(scene, nominees, **kwargs), by=scene.users["board"])


def returned(scene, nominees=((HOA, "BK_TINH"), (BINH, "BK_TINH")), reason="Bổ sung báo cáo thành tích.") -> Dossier:
    """A submitted dossier whose first entry was returned with ``reason``, the dossier returned."""
    dossier = submitted(scene, nominees)
    workflow.return_entry(entry_of(dossier), by=scene.users["board"], reason=reason)
    return workflow.return_dossier(dossier, by=scene.users["board"])


def check_all(entry: DossierEntry, *, ok: bool = True) -> None:
    """Every item of the appraisal checklist checked (as the officer does on the checklist page)."""
    for item in CheckItem.values:
        EntryCheck.objects.update_or_create(entry=entry, item=item, defaults={"ok": ok})


def appraised(scene, nominees=((HOA, "BK_TINH"),), recommendation=Recommendation.PROPOSE) -> Dossier:
    dossier = received(scene, nominees)
    for entry in dossier.entries.all():
        check_all(entry)
        workflow.appraise(entry, by=scene.users["board"], recommendation=recommendation, notes="Đủ điều kiện.")
    return fresh(dossier)


def entry_of(dossier: Dossier, name: str = HOA) -> DossierEntry:
    return DossierEntry.objects.select_related("dossier", "award_type").get(dossier=dossier, person__full_name=name)


def fresh(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related("authority__unit", "unit").get(pk=dossier.pk)


def district_board_head(scene):
    """The board head of another authority (Quận Lê Chân's): the right role at the wrong unit for city dossiers."""
    return user_with_role("board_head", scene.units["le_chan"], username="truongban.lechan",
                          full_name="Ngô Thị Thu")  # fmt: skip


def state_of(dossier: Dossier) -> dict:
    """The dossier's row, its entries, attachments, events and checks, the stored files, the notifications and the
    audit rows: what a refused step must leave exactly as it was."""
    return {
        "dossier": Dossier.objects.filter(pk=dossier.pk).values().get(),
        "entries": list(DossierEntry.objects.filter(dossier=dossier).order_by("pk").values()),
        "attachments": list(DossierAttachment.objects.filter(dossier=dossier).order_by("pk").values()),
        "events": list(DossierEvent.objects.filter(dossier=dossier).order_by("pk").values()),
        "checks": list(EntryCheck.objects.filter(entry__dossier=dossier).order_by("pk").values()),
        "files": sorted(str(pk) for pk in StoredFile.objects.values_list("pk", flat=True)),
        "notifications": Notification.objects.count(),
        "audit": AuditEntry.objects.count(),
    }
