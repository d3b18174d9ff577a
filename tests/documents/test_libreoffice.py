"""Every kind of generated DOCX (tờ trình, biên bản kiểm phiếu, báo cáo thành tích, quyết định, giấy xác nhận) opens
in LibreOffice: headless ``soffice --convert-to txt:Text`` turns each into text, in a temporary folder with its own
user profile, and the names with their diacritics survive.

Without soffice (Debian's libreoffice-writer-nogui; $SOFFICE_PATH to point elsewhere) the test is skipped with a loud
reason and a warning banner at the end of the run; with the CI environment variable set, a missing soffice fails
instead (.ci/run installs it)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.documents.kinds import KINDS, build, names_of
from tests.documents.reading import squeeze
from thidua.documents.docx import render_docx

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]

CONVERT_TIMEOUT = 240


def convert(soffice: str, files: list[Path], folder: Path) -> dict[str, str]:
    """Convert the DOCX files in one soffice run (its own profile); the text of each, by stem."""
    profile = folder / "profile"
    out = folder / "txt"
    command = [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
        "--convert-to", "txt:Text", "--outdir", str(out), *map(str, files),
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False)
    texts = {}
    for file in files:
        converted = out / f"{file.stem}.txt"
        assert converted.is_file(), f"soffice did not convert {file.name}: {completed.stdout} {completed.stderr}"
        texts[file.stem] = squeeze(converted.read_text(encoding="utf-8-sig"))
    return texts


def test_every_kind_of_docx_converts_with_libreoffice_and_keeps_the_names(soffice, request, tmp_path):
    files = []
    for kind in KINDS:
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(render_docx(build(kind, request)))
        files.append(path)
    texts = convert(soffice, files, tmp_path)
    missing = {kind: [name for name in names_of(kind) if name not in texts[kind]] for kind in KINDS}
    assert missing == {kind: [] for kind in KINDS}
