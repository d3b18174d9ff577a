import factory

from thidua.dossiers import enums, models


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Dossier

    unit = factory.SubFactory("tests.factories.orgs.OrgUnitFactory")
    kind = enums.DossierKind.MOVEMENT
    title = factory.Sequence(lambda n: f"Hồ sơ đề nghị khen thưởng số {n}")
    year = 2025


class DossierEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.DossierEntry

    dossier = factory.SubFactory(DossierFactory)
    person = factory.SubFactory("tests.factories.orgs.PersonFactory")
    award_type = factory.SubFactory("tests.factories.catalog.AwardTypeFactory")
    achievement = "Hoàn thành xuất sắc nhiệm vụ năm 2025."
