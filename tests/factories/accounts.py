import factory

from thidua.accounts import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Role
        django_get_or_create = ("code",)

    code = "unit_officer"
    name = factory.LazyAttribute(lambda role: role.code)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = factory.SubFactory(RoleFactory)
    unit = factory.SubFactory("tests.factories.orgs.OrgUnitFactory")
