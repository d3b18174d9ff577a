"""Helpers of the certificate, verification and extract tests: the seeded layouts, signed decisions with
certificates, and reading generated PDFs with pypdf."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from tests.decisions.scene import BINH, HOA, YEAR, approved, drafted, sign, signed
from thidua.catalog.loader import load_catalog
from thidua.decisions import layouts
from thidua.decisions.models import Certificate, Decision
from thidua.dossiers.models import DossierEntry

__all__ = [
    "BINH",
    "HOA",
    "SIGNED_ON",
    "YEAR",
    "certificates_of",
    "page_size_mm",
    "pages",
    "pdf_text",
    "seed_layouts",
    "signed_with_certificates",
]  # fmt: skip

SIGNED_ON = dt.date(2026, 1, 15)
MM = 72 / 25.4


def seed_layouts() -> None:
    """The layouts of data/certificate_layouts.yaml, as ``thidua load_catalog`` seeds them."""
    load_catalog(files=[layouts.DATA_FILE])


def signed_with_certificates(scene, nominees=((HOA, "BK_TINH"), (BINH, "BK_TINH")), *, posthumous=(),
                             **kwargs) -> Decision:  # fmt: skip
    """A signed decision of the city (internal register) whose items have certificates; the entries of the people
    named in ``posthumous`` are posthumous ("truy tặng")."""
    if not posthumous:
        return signed(scene, nominees, signed_on=kwargs.pop("signed_on", SIGNED_ON), **kwargs)
    dossier = approved(scene, nominees)
    DossierEntry.objects.filter(dossier=dossier, person__full_name__in=posthumous).update(posthumous=True)
    decision = drafted(scene, dossier=dossier)
    return sign(scene, decision, signed_on=kwargs.pop("signed_on", SIGNED_ON))


def certificates_of(decision: Decision) -> list[Certificate]:
    return list(Certificate.objects.filter(decision_item__decision=decision).order_by("serial_number"))


def pages(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    return [page.extract_text() for page in pages(data)]


def page_size_mm(page) -> tuple[float, float]:
    return round(float(page.mediabox.width) / MM, 1), round(float(page.mediabox.height) / MM, 1)
