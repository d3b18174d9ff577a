"""Job kinds of decisions: printing the certificates of a signed decision in one batch, with progress per page.

    start_job("decisions.certificates", by=user, params={"decision_id": decision.pk, "mode": "full"})

The PDF (one page per certificate) is stored as a ``StoredFile`` and kept as the decision's ``DecisionFile`` of kind
"certificates" (full design) or "certificates_blank" (on pre-printed blanks); it replaces the previous file of that
kind. ``Job.result`` is {"file": <StoredFile id>, "decision_file": <id>, "pages": n}.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.models import StoredFile
from thidua.core.uploads import discard, safe_filename, store_generated
from thidua.decisions import certificates
from thidua.decisions.enums import DecisionFileKind, DecisionState, PrintMode
from thidua.decisions.models import Certificate, Decision, DecisionFile
from thidua.jobs.registry import JobContext, job_kind

CERTIFICATES = "decisions.certificates"
FILE_KINDS = {PrintMode.FULL: DecisionFileKind.CERTIFICATES, PrintMode.BLANK: DecisionFileKind.CERTIFICATES_BLANK}


def file_name(decision: Decision, mode: str) -> str:
    number = decision.number_text.replace("/", "-")
    if mode == PrintMode.BLANK:
        return safe_filename(_("Bằng, giấy khen in trên phôi - Quyết định %(number)s") % {"number": number}, ".pdf")
    return safe_filename(_("Bằng, giấy khen - Quyết định %(number)s") % {"number": number}, ".pdf")


@job_kind(CERTIFICATES, title=gettext_lazy("In bằng, giấy khen của quyết định"), atomic=False)
def print_certificates(job: JobContext, *, decision_id: int, mode: str = PrintMode.FULL) -> dict:
    """Render every certificate of the decision (register order), then store the file in one short transaction:
    a failure while rendering writes nothing, a failure while storing leaves no file behind."""
    if mode not in FILE_KINDS:
        raise ValidationError({"mode": _("Cách in không hợp lệ.")})
    decision = Decision.objects.select_related("authority").get(pk=decision_id)
    if decision.state != DecisionState.SIGNED:
        raise ValidationError({"decision": _("Quyết định chưa ký ban hành: chưa in được bằng, giấy khen.")})
    queryset = Certificate.objects.filter(decision_item__decision=decision).order_by("serial_year", "serial_number")
    total = queryset.count()
    if not total:
        raise ValidationError({"decision": _("Quyết định này không có bằng, giấy khen nào để in.")})
    job.progress(0, total, _("Bắt đầu in %(total)d bằng, giấy khen") % {"total": total})

    def report(done: int, count: int) -> None:
        job.progress(done, count, _("Đã in %(done)d/%(total)d trang") % {"done": done, "total": count})

    data = certificates.render(queryset, mode=mode, progress=report)
    by = job.job.created_by
    stored = None
    try:
        with transaction.atomic():
            stored = store_generated(data, name=file_name(decision, mode), kind="pdf", by=by)
            kind = FILE_KINDS[mode]
            previous = list(DecisionFile.objects.filter(decision=decision, kind=kind).select_related("file"))
            made = DecisionFile.objects.create(decision=decision, kind=kind, file=stored, created_by=by)
            replaced = _forget(previous)
    except BaseException:
        discard([stored])
        raise
    transaction.on_commit(lambda: discard(replaced))
    job.progress(total, total, _("Đã in xong %(total)d bằng, giấy khen") % {"total": total})
    return {"file": str(stored.pk), "decision_file": made.pk, "pages": total}


def _forget(previous: list[DecisionFile]) -> list[StoredFile]:
    """Drop the older files of the kind (the newest replaces them); their bytes go once the transaction commits."""
    gone = []
    for old in previous:
        stored = old.file
        old.delete()
        try:
            with transaction.atomic():
                stored.delete()
        except ProtectedError:
            continue  # still used elsewhere: the row stays, and so do its bytes
        gone.append(stored)
    return gone
