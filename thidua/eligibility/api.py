"""The eligibility API: /api/v1/eligibility/ (one subject's verdicts, explained, from ``evaluate.py``) and
/api/v1/eligibility/suggestions/ (a scope's candidates, from the set-based ``sweep.py``).

Scoped like everything else: a person or unit the caller may not see is a 404, a scope filter outside the caller's
scope is a 400 naming ``scope``. Suggestions are for the board and those who prepare dossiers (403 otherwise).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from thidua.accounts.scoping import scoped
from thidua.eligibility import evaluate
from thidua.eligibility.models import Rule
from thidua.eligibility.serializers import (
    EligibilityQuerySerializer,
    EligibilitySerializer,
    SuggestionQuerySerializer,
    SuggestionsSerializer,
)
from thidua.eligibility.suggestions import DEFAULT_STATUSES, can_see_suggestions, suggestions, sweep_scopes
from thidua.orgs.models import OrgUnit, Person


def verdict_award_names(verdicts) -> dict[str, str]:
    """{award code: the name of the award type of the rule that judged it}."""
    rules = Rule.objects.filter(pk__in=[verdict.rule_id for verdict in verdicts if verdict.rule_id])
    return dict(rules.values_list("award_code", "award_type__name"))


def _known_award(code: str | None) -> None:
    if code and not Rule.objects.filter(award_code=code).exists():
        raise ValidationError({"award": [_("Không có điều kiện khen thưởng nào cho mã này.")]})


class EligibilityView(APIView):
    @extend_schema(
        summary=_("Điều kiện khen thưởng của một cá nhân hoặc tập thể trong một năm, với giải thích"),
        parameters=[EligibilityQuerySerializer],
        responses={200: EligibilitySerializer},
    )
    def get(self, request: Request) -> Response:
        query = EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        if "person" in data:
            subject = get_object_or_404(scoped(Person, request.user), pk=data["person"])
            subject_data = {"recipient_kind": "individual", "id": subject.pk, "name": subject.full_name}
        else:
            subject = get_object_or_404(scoped(OrgUnit, request.user), pk=data["unit"])
            subject_data = {"recipient_kind": "collective", "id": subject.pk, "name": subject.name}
        _known_award(data.get("award"))
        codes = [data["award"]] if data.get("award") else None
        verdicts = evaluate.evaluate_all(subject, year=data["year"], as_of=data.get("as_of"), award_codes=codes)
        document = {"subject": subject_data, "year": data["year"], "as_of": data.get("as_of"), "verdicts": verdicts}
        return Response(EligibilitySerializer(document, context={"award_names": verdict_award_names(verdicts)}).data)


class SuggestionsView(APIView):
    @extend_schema(
        summary=_("Gợi ý đề nghị khen thưởng: cá nhân, tập thể đủ điều kiện trong phạm vi, theo năm"),
        parameters=[SuggestionQuerySerializer],
        responses={200: SuggestionsSerializer},
    )
    def get(self, request: Request) -> Response:
        if not can_see_suggestions(request.user):
            raise PermissionDenied(_("Bạn không có quyền xem danh sách gợi ý đề nghị khen thưởng."))
        query = SuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        scope_unit = None
        if "scope" in data:
            scope_unit = scoped(OrgUnit, request.user).filter(pk=data["scope"]).first()
            if scope_unit is None:
                raise ValidationError(
                    {"scope": [_("Không tìm thấy đối tượng đã chọn, hoặc đối tượng nằm ngoài phạm vi của bạn.")]}
                )
        award = data.get("award")
        _known_award(award)
        statuses = data.get("status") or list(DEFAULT_STATUSES)
        found = suggestions(year=data["year"], scopes=sweep_scopes(request.user, scope_unit),
                            award_codes=[award] if award else None, statuses=statuses,
                            as_of=data.get("as_of"))  # fmt: skip
        limit = data["limit"]
        document = {
            "year": data["year"],
            "scope": scope_unit.pk if scope_unit else None,
            "award": award,
            "statuses": statuses,
            "count": len(found),
            "truncated": len(found) > limit,
            "results": [item.as_dict() for item in found[:limit]],
        }
        return Response(SuggestionsSerializer(document).data)
