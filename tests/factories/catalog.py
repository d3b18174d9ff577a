import datetime as dt
from decimal import Decimal

import factory

from thidua.catalog import models


class LegalRegimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LegalRegime
        django_get_or_create = ("code",)

    code = "nd152_2025"
    name = "Luật TĐKT 06/2022/QH15 và NĐ 152/2025/NĐ-CP"
    instruments = "Nghị định 152/2025/NĐ-CP"
    valid_from = dt.date(2025, 7, 1)
    valid_to = None


class AuthorityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AuthorityKind
        django_get_or_create = ("code",)

    code = "ct_ubnd_tinh"
    name = "Chủ tịch UBND tỉnh, thành phố trực thuộc Trung ương"
    level = "province"


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Authority

    kind = factory.SubFactory(AuthorityKindFactory)
    unit = factory.SubFactory("tests.factories.orgs.OrgUnitFactory")
    name = factory.LazyAttribute(lambda authority: f"{authority.kind.name} – {authority.unit.name}")
    issuing_body = factory.LazyAttribute(lambda authority: f"ỦY BAN NHÂN DÂN {authority.unit.name.upper()}")
    document_code = "UBND"
    place_name = "Hải Phòng"


class DocumentKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DocumentKind
        django_get_or_create = ("code",)

    code = "to_trinh"
    name = "Tờ trình đề nghị khen thưởng"


class AwardTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AwardType

    code = factory.Sequence(lambda n: f"AWARD_{n}")
    name = factory.Sequence(lambda n: f"Danh hiệu thử {n}")
    kind = models.AwardKind.TITLE
    level = models.AwardLevel.GRASSROOTS
    recipient_kinds = factory.LazyFunction(lambda: [models.RecipientKind.INDIVIDUAL])
    regime = factory.SubFactory(LegalRegimeFactory)
    coef_individual = Decimal("0.3")
    legal_source = "Luật TĐKT 06/2022/QH15"
    valid_from = factory.LazyAttribute(lambda award_type: award_type.regime.valid_from)
    valid_to = factory.LazyAttribute(lambda award_type: award_type.regime.valid_to)


class BaseSalaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BaseSalary
        django_get_or_create = ("valid_from",)

    valid_from = dt.date(2024, 7, 1)
    amount = 2_340_000
    instrument = "Nghị định 73/2024/NĐ-CP"
