"""Factories of the history: minimal valid rows. Awards copy their code from the award type as the service does;
tests that care about snapshots and merit flags create awards through ``thidua.records.services``."""

import datetime as dt

import factory

from thidua.records import models
from thidua.records.enums import RATING_RANK, DisciplineStatus, RatingLevel, RecognitionLevel


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Rating

    person = factory.SubFactory("tests.factories.orgs.PersonFactory")
    year = 2023
    level = RatingLevel.GOOD
    rank = factory.LazyAttribute(lambda rating: RATING_RANK[rating.level])


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Award

    person = factory.SubFactory("tests.factories.orgs.PersonFactory")
    award_type = factory.SubFactory("tests.factories.catalog.AwardTypeFactory")
    award_code = factory.LazyAttribute(lambda award: award.award_type.code)
    counts_toward_merit = True
    year = 2023
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    decision_date = factory.LazyAttribute(lambda award: dt.date(award.year, 12, 20))
    recipient_name = factory.LazyAttribute(lambda award: str(award.person or award.unit or award.household))


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Initiative
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến số {n + 1}")
    level = RecognitionLevel.GRASSROOTS
    year = 2023
    recognised_on = factory.LazyAttribute(lambda initiative: dt.date(initiative.year, 11, 15))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for person in extracted or []:
            models.InitiativeAuthor.objects.create(initiative=self, person=person)


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Discipline

    person = factory.SubFactory("tests.factories.orgs.PersonFactory")
    status = DisciplineStatus.IN_EFFECT
    kind = "khien_trach"
    severity = 1
    year = 2023
    start_date = dt.date(2023, 5, 1)
    end_date = dt.date(2024, 4, 30)
