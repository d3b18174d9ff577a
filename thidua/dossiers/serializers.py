"""API representations of nomination dossiers and their entries (for now the drafts units build, by hand or from
exemplary models and cluster score sheets). Field names are English; ``*_display`` carry the Vietnamese labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from thidua.accounts.serializers import ScopedPrimaryKeyField
from thidua.catalog.models import AwardType
from thidua.core.api import ModelSerializer, Serializer
from thidua.dossiers.enums import DossierKind
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements.models import Movement
from thidua.orgs.models import Household, OrgUnit, Person


class DossierEntrySerializer(ModelSerializer):
    dossier = serializers.IntegerField(source="dossier_id", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True, allow_null=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, allow_null=True)
    nominee_name = serializers.CharField(source="nominee", read_only=True, help_text=_("Tên đối tượng đề nghị"))
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = DossierEntry
        fields = [
            "id",
            "dossier",
            "person",
            "person_name",
            "unit",
            "unit_name",
            "household",
            "nominee_name",
            "award_type",
            "award_type_name",
            "achievement",
            "state",
            "state_display",
            "source",
            "source_display",
            "exemplary_model",
            "score_sheet",
            "created_at",
        ]
        read_only_fields = fields


class DossierSerializer(ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    movement_title = serializers.CharField(source="movement.title", read_only=True, allow_null=True)

    class Meta:
        model = Dossier
        fields = [
            "id",
            "title",
            "unit",
            "unit_name",
            "authority",
            "kind",
            "kind_display",
            "movement",
            "movement_title",
            "milestone",
            "year",
            "state",
            "state_display",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DossierDetailSerializer(DossierSerializer):
    entries = DossierEntrySerializer(many=True, read_only=True)

    class Meta(DossierSerializer.Meta):
        fields = [*DossierSerializer.Meta.fields, "entries"]
        read_only_fields = fields


class DraftDossierInputSerializer(Serializer):
    """The unit's draft dossier for a movement (or of a kind and year): the existing draft, or a new one."""

    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), help_text=_("Đơn vị trình (mã số)"))
    movement = ScopedPrimaryKeyField(queryset=Movement.objects.all(), required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=DossierKind.choices, default=DossierKind.MOVEMENT)
    year = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True, default=None)


class EntryInputSerializer(Serializer):
    """One nominee (exactly one of person, unit, household) and one award type that fits it."""

    award_type = serializers.PrimaryKeyRelatedField(queryset=AwardType.objects.all(), help_text=_("Mã số"))
    person = ScopedPrimaryKeyField(queryset=Person.objects.all(), required=False, allow_null=True, default=None)
    unit = ScopedPrimaryKeyField(queryset=OrgUnit.objects.all(), required=False, allow_null=True, default=None)
    household = ScopedPrimaryKeyField(queryset=Household.objects.all(), required=False, allow_null=True, default=None)
    achievement = serializers.CharField(required=False, default="", allow_blank=True, help_text=_("Tóm tắt thành tích"))


class ProposeFromModelInputSerializer(Serializer):
    award_type = serializers.PrimaryKeyRelatedField(
        queryset=AwardType.objects.all(),
        help_text=_("Hình thức khen thưởng (mã số): một hình thức của phong trào, phù hợp cá nhân hoặc tập thể"),
    )
