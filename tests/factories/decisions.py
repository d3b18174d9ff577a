"""Factories of decisions: registers and certificate layouts. Decisions themselves are made through
``thidua.decisions.services`` (tests/decisions/scene.py builds them on the dossier scene)."""

from decimal import Decimal

import factory

from thidua.decisions import models
from thidua.decisions.enums import Numbering, RegisterKind


class RegisterFactory(factory.django.DjangoModelFactory):
    """A decision register numbered by the system (the usual case in tests: no clerk, no uploaded file)."""

    class Meta:
        model = models.Register

    authority = factory.SubFactory("tests.factories.catalog.AuthorityFactory")
    kind = RegisterKind.DECISION
    numbering = Numbering.INTERNAL
    name = "Sổ quyết định khen thưởng"
    symbol = factory.LazyAttribute(
        lambda register: f"QĐ-{register.authority.document_code}" if register.kind == RegisterKind.DECISION else "BK"
    )
    is_active = True


def _field(x, y, size=14, **extra):
    return {"x": x, "y": y, "size": size, **extra}


class CertificateLayoutFactory(factory.django.DjangoModelFactory):
    """A Bằng khen layout on A4 landscape for the given award codes (default the city's BK_TINH)."""

    class Meta:
        model = models.CertificateLayout
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"bang-khen-{n}")
    name = "Bằng khen của Chủ tịch UBND thành phố"
    award_codes = factory.LazyFunction(lambda: ["BK_TINH"])
    title = "BẰNG KHEN"
    page_width_mm = Decimal("297.0")
    page_height_mm = Decimal("210.0")
    fields = factory.LazyFunction(lambda: {
        "recipient_name": _field(148.5, 95, 22, bold=True, align="center", width=240),
        "position_unit": _field(148.5, 108, 14, align="center", width=240),
        "achievement": _field(148.5, 120, 14, italic=True, align="center", width=240),
        "decision_line": _field(40, 175, 11, italic=True),
        "place_date": _field(215, 150, 13, italic=True, align="center", width=120),
        "signer": _field(215, 160, 13, bold=True, align="center", width=120),
        "serial": _field(40, 185, 11),
        "qr": {"x": 255, "y": 170, "size": 25},
    })  # fmt: skip
    blank_fields = factory.LazyFunction(lambda: {
        "recipient_name": _field(148.5, 100, 22, bold=True, align="center", width=240),
        "achievement": _field(148.5, 125, 14, italic=True, align="center", width=240),
        "serial": _field(40, 185, 11),
    })  # fmt: skip
    is_active = True
