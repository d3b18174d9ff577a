"""Factories of the movements app: minimal valid rows. Scenes that need a launched movement call the services
(``thidua.movements.services.launch_movement``) rather than building obligations by hand."""

import datetime as dt
from decimal import Decimal

import factory

from thidua.movements import models
from thidua.movements.enums import MilestoneKind, MovementKind


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Movement

    title = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = MovementKind.THEMATIC
    issuer_unit = factory.SubFactory("tests.factories.orgs.OrgUnitFactory")
    period_start = dt.date(2021, 10, 1)
    period_end = dt.date(2022, 12, 31)


class MovementContentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MovementContent

    movement = factory.SubFactory(MovementFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Nội dung thi đua {n}")


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TargetGroup

    movement = factory.SubFactory(MovementFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Đối tượng {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Criterion

    movement = factory.SubFactory(MovementFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Tiêu chí {n}")
    max_points = Decimal("10")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Milestone

    movement = factory.SubFactory(MovementFactory)
    kind = MilestoneKind.REGISTRATION
    title = "Hạn đăng ký thi đua"
    due_date = dt.date(2021, 10, 31)


class MovementAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MovementAward

    movement = factory.SubFactory(MovementFactory)
    level = "province"
    award_type = factory.SubFactory("tests.factories.catalog.AwardTypeFactory")
