import factory

from thidua.orgs import models


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sector
        django_get_or_create = ("code",)

    code = "general"
    name = "Quản lý nhà nước"


class UnitKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.UnitKind
        django_get_or_create = ("code",)

    code = "agency"
    name = "Cơ quan"
    level = 2


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.OrgUnit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    kind = factory.SubFactory(UnitKindFactory)
    parent = None


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = models.Gender.MALE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(OrgUnitFactory)
    position = "Chuyên viên"


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Cluster

    code = factory.Sequence(lambda n: f"cum-{n}")
    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    organiser = factory.SubFactory(OrgUnitFactory)
