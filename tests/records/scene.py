"""Pieces of the history scenes, shared by tests/records and tests/api/test_records_api.py: award types in three
regimes (as the seeded catalog has them, reduced to what the tests need) and a school with a teacher."""

from __future__ import annotations

import datetime as dt

from tests.factories.catalog import AwardTypeFactory, LegalRegimeFactory
from tests.factories.orgs import MembershipFactory, OrgUnitFactory, PersonFactory, SectorFactory
from thidua.orgs.models import Ethnicity, PeriodKind


def make_regimes() -> dict:
    return {
        "nd91": LegalRegimeFactory(
            code="nd91_2017", name="NĐ 91/2017", valid_from=dt.date(2017, 10, 1), valid_to=dt.date(2023, 12, 31)
        ),
        "nd98": LegalRegimeFactory(
            code="nd98_2023", name="NĐ 98/2023", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 6, 30)
        ),
        "nd152": LegalRegimeFactory(code="nd152_2025", name="NĐ 152/2025", valid_from=dt.date(2025, 7, 1)),
    }


def make_award_types() -> dict:
    """LDTT in the three regimes (only individuals), TTLDTT (collectives) from 2024, GK (both) from 2017, KNC (a
    commemorative medal that does not count toward merit chains), CSTT only until 2023."""
    regimes = make_regimes()

    def version(code: str, name: str, regime: str, **fields):
        return AwardTypeFactory(code=code, name=name, regime=regimes[regime], **fields)

    individual, collective = ["individual"], ["collective"]
    return {
        "regimes": regimes,
        "ldtt_2017": version("LDTT", "Lao động tiên tiến", "nd91", recipient_kinds=individual),
        "ldtt_2024": version("LDTT", "Lao động tiên tiến", "nd98", recipient_kinds=individual),
        "ldtt_2025": version("LDTT", "Lao động tiên tiến", "nd152", recipient_kinds=individual),
        "ttldtt": version("TTLDTT", "Tập thể lao động tiên tiến", "nd98", recipient_kinds=collective),
        "gk": version(
            "GK", "Giấy khen", "nd91", recipient_kinds=[*individual, *collective], kind="form", valid_to=None
        ),
        "knc": version(
            "KNC", "Kỷ niệm chương", "nd152", recipient_kinds=individual, kind="form", counts_toward_merit=False
        ),
        "cstt": version("CSTT", "Chiến sĩ tiên tiến", "nd91", recipient_kinds=individual),
    }


def make_school(city) -> dict:
    """Trường THCS An Biên (education sector, rated by school year from September) and a teacher there since 2019."""
    education = SectorFactory(code="education", name="Giáo dục và đào tạo", period_kind=PeriodKind.SCHOOL_YEAR)
    school = OrgUnitFactory(code="HP-LC-AB-THCS", name="Trường THCS An Biên", parent=city["an_bien"], sector=education)
    kinh = Ethnicity.objects.get_or_create(code="01", defaults={"name": "Kinh", "is_minority": False})[0]
    teacher = PersonFactory(full_name="Lê Thị Mai", gender="F", birth_date=dt.date(1985, 3, 2), ethnicity=kinh,
                            position_category="civil_servant", is_direct_worker=False)  # fmt: skip
    MembershipFactory(person=teacher, unit=school, position="Giáo viên", start_date=dt.date(2019, 9, 1))
    return {"sector": education, "school": school, "teacher": teacher}
