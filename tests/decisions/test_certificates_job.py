"""The batch job "decisions.certificates": every certificate of a signed decision in one PDF, progress per page, the
file kept as the decision's file of its kind (the newest replaces the older)."""

from __future__ import annotations

import pytest

from tests.decisions.certificate_scene import pages, pdf_text, seed_layouts, signed_with_certificates
from thidua.core.models import StoredFile
from thidua.decisions.enums import DecisionFileKind, PrintMode
from thidua.decisions.jobs import CERTIFICATES
from thidua.decisions.models import DecisionFile
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.services import start_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(scene):
    seed_layouts()
    return signed_with_certificates(scene)


def run(django_capture_on_commit_callbacks, decision, *, by, mode=PrintMode.FULL) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(CERTIFICATES, by=by, params={"decision_id": decision.pk, "mode": mode})
    job.refresh_from_db()
    return job


def test_certificate_job_reports_progress_to_the_last_page(scene, decision, django_capture_on_commit_callbacks):
    job = run(django_capture_on_commit_callbacks, decision, by=scene.users["board"])

    assert (job.status, job.done, job.total, job.percent) == (JobStatus.SUCCEEDED, 2, 2, 100)
    assert job.result["pages"] == 2


def test_certificate_job_keeps_the_pdf_as_the_decisions_file(scene, decision, django_capture_on_commit_callbacks):
    job = run(django_capture_on_commit_callbacks, decision, by=scene.users["board"])

    kept = DecisionFile.objects.get(decision=decision, kind=DecisionFileKind.CERTIFICATES)
    data = kept.file.file.open("rb").read()
    assert (str(kept.file_id), kept.pk, kept.created_by) == (
        job.result["file"],
        job.result["decision_file"],
        scene.users["board"],
    )
    assert kept.file.name.endswith(".pdf")
    assert kept.file.content_type == "application/pdf"
    assert len(pages(data)) == 2
    assert "Nguyễn Thị Hoa" in pdf_text(data)[0]


def test_blank_mode_job_keeps_its_own_kind_of_file(scene, decision, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks, decision, by=scene.users["board"], mode=PrintMode.BLANK)

    kept = DecisionFile.objects.get(decision=decision)
    assert kept.kind == DecisionFileKind.CERTIFICATES_BLANK
    assert "BẰNG KHEN" not in pdf_text(kept.file.file.open("rb").read())[0]


def test_a_second_print_replaces_the_first_file(scene, decision, django_capture_on_commit_callbacks):
    first = run(django_capture_on_commit_callbacks, decision, by=scene.users["board"])

    second = run(django_capture_on_commit_callbacks, decision, by=scene.users["board"])

    assert list(DecisionFile.objects.filter(decision=decision).values_list("pk", flat=True)) == [
        second.result["decision_file"]]  # fmt: skip
    assert not StoredFile.objects.filter(pk=first.result["file"]).exists()


def test_certificate_job_of_a_draft_fails_with_a_vietnamese_message(scene, django_capture_on_commit_callbacks):
    from tests.decisions.scene import drafted

    seed_layouts()
    draft = drafted(scene)

    job = run(django_capture_on_commit_callbacks, draft, by=scene.users["board"])

    assert job.status == JobStatus.FAILED
    assert "chưa ký ban hành" in job.message
    assert not DecisionFile.objects.exists()
