"""The hash chain that makes the audit log tamper-evident, without making writers wait on it.

Entries are written unsealed, inside their own transaction. Right after a transaction that wrote entries commits
(and from ``thidua run_periodic``), ``seal_pending`` takes a short lock on the single ``AuditChainHead`` row and
gives each committed, unsealed entry the next sequence number and ``sha256(previous hash + canonical JSON of the
entry)``. A sealer finding the head locked skips (``SKIP LOCKED`` on PostgreSQL): the sealer holding it, or the next
run, seals its entries. Since a long transaction's entries are invisible until it commits, they are sealed after
those of shorter transactions that committed first: the chain follows commit order.

What is hashed is what never changes: not ``actor_id``, which becomes NULL when a user is deleted (``actor_name``
keeps the name), and the content type by its natural key, so a dump restored elsewhere still verifies.
``verify_chain`` recomputes the chain and lists every changed entry, every gap (removed entries), a head that does
not match the last entry (removed tail) and entries left unsealed for too long.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.models import AuditChainHead, AuditEntry

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
HEAD_PK = 1
BATCH_SIZE = 500
# Entries still unsealed after this long mean sealing is not running (or a row was slipped in).
UNSEALED_GRACE = dt.timedelta(minutes=5)

HASHED_FIELDS = (
    "id",
    "content_type__app_label",
    "content_type__model",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "cid",
    "remote_addr",
    "remote_port",
    "timestamp",
    "additional_data",
    "actor_email",
    "code",
    "reason",
    "actor_name",
)


def _canonical(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def entry_hash(previous_hash: str, seq: int, row: dict) -> str:
    """The seal of one entry: sha256 over the previous hash and the canonical JSON of its immutable fields."""
    payload = {name: _canonical(row[name]) for name in HASHED_FIELDS}
    payload["seal_seq"] = seq
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256((previous_hash + text).encode()).hexdigest()


# --- Sealing --------------------------------------------------------------------------------------------


def _seal_after_commit() -> None:
    seal_pending()


_seal_after_commit.thidua_seal = True  # marks the callback so a transaction queues it only once


def schedule_sealing(using: str | None = None) -> None:
    using = using or router.db_for_write(AuditEntry)
    connection = connections[using]
    if connection.in_atomic_block and any(
        getattr(func, "thidua_seal", False) for _sids, func, _robust in connection.run_on_commit
    ):
        return
    # robust: a failed seal must not turn a committed user action into an error; run_periodic catches up.
    transaction.on_commit(_seal_after_commit, using=using, robust=True)


def _lock_head(using: str) -> AuditChainHead | None:
    """The head row, locked for this transaction; None when another sealer holds it."""
    connection = connections[using]
    heads = AuditChainHead.objects.using(using)
    if connection.features.has_select_for_update_skip_locked:
        heads = heads.select_for_update(skip_locked=True)
    else:
        heads = heads.select_for_update()  # SQLite: BEGIN IMMEDIATE already serialises writers
    head = heads.filter(pk=HEAD_PK).first()
    if head is not None:
        return head
    if AuditChainHead.objects.using(using).filter(pk=HEAD_PK).exists():
        return None  # locked by another sealer
    try:
        with transaction.atomic(using=using):
            AuditChainHead.objects.using(using).create(pk=HEAD_PK, last_seq=0, last_hash=GENESIS_HASH)
    except IntegrityError:
        pass  # another sealer created it at the same moment
    return heads.filter(pk=HEAD_PK).first()


def seal_pending(*, using: str | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Seal every committed, unsealed entry in order; returns how many were sealed (0 if another sealer runs)."""
    using = using or router.db_for_write(AuditEntry)
    sealed = 0
    while True:
        with transaction.atomic(using=using):
            head = _lock_head(using)
            if head is None:
                return sealed
            rows = list(
                AuditEntry.objects.using(using)
                .filter(seal_seq__isnull=True)
                .order_by("pk")
                .values(*HASHED_FIELDS)[:batch_size]
            )
            if not rows:
                return sealed
            seq, previous = head.last_seq, head.last_hash or GENESIS_HASH
            seals = []
            for row in rows:
                seq += 1
                previous = entry_hash(previous, seq, row)
                seals.append(AuditEntry(pk=row["id"], seal_seq=seq, seal_hash=previous))
            # One UPDATE for the batch (a signing of 1,000 lines writes 3,000 entries); the head's lock keeps other
            # sealers out and the filter leaves a row that is already sealed as it is.
            unsealed = AuditEntry.objects.using(using).filter(seal_seq__isnull=True)
            unsealed.bulk_update(seals, ["seal_seq", "seal_hash"], batch_size=batch_size)
            head.last_seq, head.last_hash = seq, previous
            head.save(update_fields=["last_seq", "last_hash", "updated_at"])
            sealed += len(rows)
        if len(rows) < batch_size:
            return sealed


# --- Verification ---------------------------------------------------------------------------------------


@dataclass
class ChainReport:
    sealed: int = 0
    pending: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _gap_message(first: int, last: int) -> str:
    if first == last:
        return _("Thiếu mục niêm phong số %(first)d: mục này đã bị xóa.") % {"first": first}
    return _("Thiếu các mục niêm phong số %(first)d–%(last)d: các mục này đã bị xóa.") % {"first": first, "last": last}


def verify_chain(*, using: str | None = None, batch_size: int = 2000, now: dt.datetime | None = None) -> ChainReport:
    """Recompute the whole chain in sequence order (keyset pages, so millions of rows fit in memory)."""
    using = using or router.db_for_write(AuditEntry)
    report = ChainReport()
    entries = AuditEntry.objects.using(using).filter(seal_seq__isnull=False).order_by("seal_seq")
    expected_seq = 1
    previous_hash: str | None = GENESIS_HASH
    last_seen = 0
    while True:
        page = list(entries.filter(seal_seq__gt=last_seen).values(*HASHED_FIELDS, "seal_seq", "seal_hash")[:batch_size])
        if not page:
            break
        for row in page:
            seq = row["seal_seq"]
            if seq != expected_seq:
                report.problems.append(_gap_message(expected_seq, seq - 1))
                previous_hash = None  # the entry before this one is gone: its link cannot be checked
            if previous_hash is not None and entry_hash(previous_hash, seq, row) != row["seal_hash"]:
                report.problems.append(
                    _("Mục nhật ký #%(id)d (niêm phong số %(seq)d) đã bị sửa: mã băm không khớp.")
                    % {"id": row["id"], "seq": seq}
                )
            previous_hash = row["seal_hash"]
            expected_seq = seq + 1
            last_seen = seq
            report.sealed += 1

    head = AuditChainHead.objects.using(using).filter(pk=HEAD_PK).first()
    head_seq = head.last_seq if head else 0
    if head_seq > last_seen:
        report.problems.append(
            _("Đầu chuỗi ghi đến số %(head)d nhưng mục cuối còn lại là số %(last)d: các mục cuối đã bị xóa.")
            % {"head": head_seq, "last": last_seen}
        )
    elif head_seq < last_seen:
        report.problems.append(
            _("Có mục niêm phong số %(last)d vượt quá đầu chuỗi (số %(head)d): mục này không do hệ thống niêm phong.")
            % {"head": head_seq, "last": last_seen}
        )
    elif head is not None and head_seq and head.last_hash != previous_hash:
        report.problems.append(_("Mã băm ở đầu chuỗi không khớp với mục niêm phong số %(seq)d.") % {"seq": head_seq})

    unsealed = AuditEntry.objects.using(using).filter(seal_seq__isnull=True)
    report.pending = unsealed.count()
    stale = unsealed.filter(timestamp__lt=(now or timezone.now()) - UNSEALED_GRACE).count()
    if stale:
        report.problems.append(
            _("%(count)d mục nhật ký chưa được niêm phong sau hơn %(minutes)d phút.")
            % {"count": stale, "minutes": int(UNSEALED_GRACE.total_seconds() // 60)}
        )
    return report
