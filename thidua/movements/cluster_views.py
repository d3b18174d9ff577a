"""Staff pages of clusters (cụm, khối thi đua): yearly covenants and their signatures, score sheets, the scoring
page of one member, and the leader's buttons that open, publish and lock a sheet.

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from
``thidua.movements.rules`` (403), writes from ``thidua.movements.scoring``. Proposing the ranked units as draft
nomination entries is the dossiers app's action (``dossiers:entries-from-sheet``); the sheet page offers its button.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View

from thidua.accounts.rules import has_role, holds_role_over
from thidua.accounts.scoping import scoped
from thidua.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedObjectFormView, StaffView
from thidua.movements import rules, scoring
from thidua.movements.cluster_forms import (
    CovenantForm,
    CovenantSignForm,
    ScoreForm,
    ScoreSheetForm,
    evidence_field_name,
    files_field_name,
    points_field_name,
)
from thidua.movements.enums import CriterionSource, ScoreKind, SheetState
from thidua.movements.exemplary_views import PREPARE_ROLES
from thidua.movements.models import Covenant, Score, ScoreSheet, SheetCriterion, SheetMember
from thidua.orgs.models import ClusterMembership, ClusterRole, OrgUnit

CENT = Decimal("0.01")
SCORING_STATES = frozenset({SheetState.SCORING, SheetState.PUBLISHED})


# --- Covenants ------------------------------------------------------------------------------------------


class CovenantListView(ScopedListView):
    """Covenants of the clusters the user organises or belongs to, newest first, with their signature counts."""

    nav_section = "scoring"
    template_name = "movements/covenant_list.html"
    model = Covenant
    descending = True

    def get_queryset(self):
        return (
            super().get_queryset().select_related("cluster", "movement").annotate(signature_count=Count("signatures"))
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_create = has_role(self.request.user, rules.CLUSTER_LEADER_ROLES | rules.BOARD_ROLES)
        return super().get_context_data(can_create=can_create, **kwargs)


class CovenantCreateView(ScopedCreateView):
    """The leader side of a cluster (or the board over its organiser) draws up the year's covenant."""

    nav_section = "scoring"
    template_name = "movements/covenant_form.html"

    def has_permission(self) -> bool:
        return has_role(self.request.user, rules.CLUSTER_LEADER_ROLES | rules.BOARD_ROLES)

    def get_form(self, form_class=None) -> CovenantForm:
        return CovenantForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form: CovenantForm) -> HttpResponse:
        cluster, year = form.cleaned_data["cluster"], form.cleaned_data["year"]
        if not rules.can_lead_cluster(self.request.user, cluster, year):
            form.add_error("cluster", _("Bạn không phụ trách cụm, khối thi đua này trong năm đã chọn."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: CovenantForm) -> Covenant:
        return scoring.create_covenant(by=self.request.user, **form.cleaned_data)

    def still_allowed(self, obj: Covenant) -> bool:
        return scoped(Covenant, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lập giao ước thi đua; các đơn vị thành viên có thể ký."))
        return reverse("movements:covenant-detail", args=[self.saved_object.pk])


class CovenantDetailMixin:
    request: HttpRequest
    object: Covenant

    @cached_property
    def memberships(self) -> list[ClusterMembership]:
        covenant = self.object
        return list(
            ClusterMembership.objects.filter(cluster=covenant.cluster, year=covenant.year)
            .select_related("unit")
            .order_by("unit__sort_key", "pk")
        )

    @cached_property
    def signable_units(self) -> list[OrgUnit]:
        """Member units that have not signed yet and for which the user may sign."""
        signed = set(self.object.signatures.values_list("unit_id", flat=True))
        user = self.request.user
        return [m.unit for m in self.memberships if m.unit_id not in signed and rules.can_sign_covenant(user, m.unit)]

    def detail_context(self, sign_form: CovenantSignForm | None = None) -> dict[str, Any]:
        signatures = {signature.unit_id: signature for signature in self.object.signatures.all()}
        rows = [{"membership": m, "signature": signatures.get(m.unit_id)} for m in self.memberships]
        if sign_form is None and self.signable_units:
            sign_form = CovenantSignForm(units=self.signable_units, initial={"unit": self.signable_units[0].pk})
        return {
            "covenant": self.object,
            "rows": rows,
            "signed_count": len(signatures),
            "sign_form": sign_form,
            "signable_units": self.signable_units,
        }


class CovenantDetailView(CovenantDetailMixin, ScopedDetailView):
    nav_section = "scoring"
    template_name = "movements/covenant_detail.html"
    model = Covenant

    def get_queryset(self):
        return super().get_queryset().select_related("cluster__organiser", "movement", "document")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**self.detail_context(), **kwargs)


class CovenantSignView(CovenantDetailMixin, ScopedObjectFormView):
    """ "Ký giao ước": an officer or head of a member unit signs for it (signer's name and position from the user)."""

    nav_section = "scoring"
    template_name = "movements/covenant_detail.html"
    model = Covenant
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("cluster__organiser", "movement", "document")

    def has_permission(self) -> bool:
        return bool(self.signable_units)

    def still_allowed(self, obj) -> bool:
        return scoped(Covenant, self.request.user).filter(pk=self.object.pk).exists()

    def get_form(self, form_class=None) -> CovenantSignForm:
        return CovenantSignForm(units=self.signable_units, **self.get_form_kwargs())

    def save(self, form: CovenantSignForm):
        return scoring.sign_covenant(self.object, by=self.request.user, unit=form.cleaned_data["unit"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**context, **self.detail_context(sign_form=context.pop("form"))}

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã ký giao ước thi đua."))
        return reverse("movements:covenant-detail", args=[self.object.pk])


# --- Score sheets ---------------------------------------------------------------------------------------


class SheetListView(ScopedListView):
    nav_section = "scoring"
    template_name = "movements/sheet_list.html"
    model = ScoreSheet
    descending = True

    def get_queryset(self):
        return super().get_queryset().select_related("cluster", "movement", "target_group")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_create = has_role(self.request.user, rules.CLUSTER_LEADER_ROLES | rules.BOARD_ROLES)
        return super().get_context_data(can_create=can_create, **kwargs)


class SheetCreateView(ScopedCreateView):
    """A sheet for a cluster, year and movement, built from the movement's scored criteria (the leader's side)."""

    nav_section = "scoring"
    template_name = "movements/sheet_form.html"

    def has_permission(self) -> bool:
        return has_role(self.request.user, rules.CLUSTER_LEADER_ROLES | rules.BOARD_ROLES)

    def get_form(self, form_class=None) -> ScoreSheetForm:
        return ScoreSheetForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form: ScoreSheetForm) -> HttpResponse:
        cluster, year = form.cleaned_data["cluster"], form.cleaned_data["year"]
        if not rules.can_lead_cluster(self.request.user, cluster, year):
            form.add_error("cluster", _("Bạn không phụ trách cụm, khối thi đua này trong năm đã chọn."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: ScoreSheetForm) -> ScoreSheet:
        return scoring.create_score_sheet(by=self.request.user, **form.cleaned_data)

    def still_allowed(self, obj: ScoreSheet) -> bool:
        return scoped(ScoreSheet, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lập bảng chấm điểm thi đua."))
        return reverse("movements:sheet-detail", args=[self.saved_object.pk])


def criteria_tree(sheet: ScoreSheet) -> list[tuple[SheetCriterion, int, bool]]:
    """The sheet's criteria in tree order, each with its depth and whether it is a leaf."""
    criteria = list(sheet.criteria.order_by("position", "pk"))
    children: dict[int | None, list[SheetCriterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)
    ordered: list[tuple[SheetCriterion, int, bool]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for criterion in children.get(parent_id, []):
            ordered.append((criterion, depth, not children.get(criterion.pk)))
            walk(criterion.pk, depth + 1)

    walk(None, 0)
    return ordered


def ranked_members(sheet: ScoreSheet) -> list[SheetMember]:
    return list(sheet.members.select_related("unit").order_by(F("rank").asc(nulls_last=True), "unit__sort_key", "pk"))


def may_propose(user, sheet: ScoreSheet) -> bool:
    """Whether the page offers "Đề xuất khen thưởng": the organiser's side (its dossier gets the entries) or the
    movement's board; the dossiers view checks the real rule."""
    return holds_role_over(user, sheet.cluster.organiser, PREPARE_ROLES) or rules.can_manage_movement(
        user, sheet.movement
    )


class SheetDetailView(ScopedDetailView):
    """The members × criteria matrix (self, cross and computed scores), totals, ranks, ties and proposals; the
    scoring links of the user's units; the leader's buttons."""

    nav_section = "scoring"
    template_name = "movements/sheet_detail.html"
    model = ScoreSheet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "cluster__organiser",
                "movement__issuer_unit",
                "target_group",
                "flag_award_type",
                "certificate_award_type",
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sheet, user = self.object, self.request.user
        members = ranked_members(sheet)
        tree = criteria_tree(sheet)
        cells: dict[tuple[int, int], dict[str, Any]] = defaultdict(lambda: {"self": None, "cross": [], "computed": None,
                                                                            "cross_pending": 0})  # fmt: skip
        for score in sheet.scores.all():
            cell = cells[(score.criterion_id, score.member_id)]
            if score.kind == ScoreKind.SELF:
                cell["self"] = score
            elif score.kind == ScoreKind.CROSS:
                if score.submitted_at:
                    cell["cross"].append(score.points)
                else:
                    cell["cross_pending"] += 1
            else:
                cell["computed"] = score.points
        counted = scoring.points_table(sheet)
        rows = []
        for criterion, depth, is_leaf in tree:
            row_cells = []
            for member in members:
                cell = cells[(criterion.pk, member.pk)]
                cross = cell["cross"]
                row_cells.append({**cell, "cross_count": len(cross),
                                  "cross_mean": (sum(cross) / len(cross)).quantize(CENT) if cross else None,
                                  "counted": counted.get(member.pk, {}).get(criterion.pk)})  # fmt: skip
            rows.append({"criterion": criterion, "indent": "— " * depth, "is_leaf": is_leaf, "cells": row_cells,
                         "computed": criterion.source != CriterionSource.MANUAL})  # fmt: skip
        scorer_units = [member.unit for member in members if rules.can_score_for(user, member.unit)]
        can_lead = rules.can_lead_cluster(user, sheet.cluster, sheet.year)
        leader = (
            ClusterMembership.objects.filter(cluster=sheet.cluster, year=sheet.year, role=ClusterRole.LEADER)
            .select_related("unit")
            .first()
        )
        return super().get_context_data(
            sheet=sheet,
            members=members,
            rows=rows,
            leader=leader,
            scorer_units=scorer_units,
            scoring_open=sheet.state in SCORING_STATES,
            can_lead=can_lead,
            can_propose=sheet.state == SheetState.LOCKED and may_propose(user, sheet),
            entry_count=sheet.dossier_entries.count() if sheet.state == SheetState.LOCKED else 0,
            tie_groups=scoring.cut_ties(
                members, flag_count=sheet.flag_count, certificate_count=sheet.certificate_count
            ),
            has_ranks=any(member.rank is not None for member in members),
            **kwargs,
        )


class SheetScoreView(ScopedObjectFormView):
    """One scorer unit's points for one member: its own (self) or another's (cross). ``?as=<unit>`` picks the
    scoring unit when the user acts for several members."""

    nav_section = "scoring"
    template_name = "movements/sheet_score.html"
    model = ScoreSheet

    def get_queryset(self):
        return super().get_queryset().select_related("cluster", "movement")

    @cached_property
    def member(self) -> SheetMember:
        return get_object_or_404(self.object.members.select_related("unit"), pk=self.kwargs["member_pk"])

    @cached_property
    def scorer_choices(self) -> list[OrgUnit]:
        units = [member.unit for member in self.object.members.select_related("unit").order_by("unit__sort_key")]
        return [unit for unit in units if rules.can_score_for(self.request.user, unit)]

    @cached_property
    def scorer_unit(self) -> OrgUnit | None:
        choices = {unit.pk: unit for unit in self.scorer_choices}
        requested = self.request.GET.get("as", "")
        if requested.isdigit():
            return choices.get(int(requested))
        if self.member.unit_id in choices:
            return choices[self.member.unit_id]
        return self.scorer_choices[0] if self.scorer_choices else None

    def has_permission(self) -> bool:
        self.member  # noqa: B018 — a member of another sheet is a 404 before any 403
        return self.scorer_unit is not None

    @cached_property
    def criteria(self) -> list[SheetCriterion]:
        return [
            criterion
            for criterion, _depth, is_leaf in criteria_tree(self.object)
            if is_leaf and criterion.source == CriterionSource.MANUAL
        ]

    @cached_property
    def scores(self) -> dict[int, Score]:
        found = Score.objects.filter(sheet=self.object, member=self.member, scorer_unit=self.scorer_unit)
        return {score.criterion_id: score for score in found.prefetch_related("evidence_files")}

    def get_form(self, form_class=None) -> ScoreForm:
        return ScoreForm(criteria=self.criteria, scores=self.scores, **self.get_form_kwargs())

    def save(self, form: ScoreForm) -> ScoreSheet:
        sheet, user = self.object, self.request.user
        reason = form.cleaned_data.get("reason", "")
        for change in form.cleaned_data["changes"]:
            criterion = change["criterion"]
            try:
                scoring.score(
                    sheet,
                    by=user,
                    member=self.member,
                    criterion=criterion,
                    scorer_unit=self.scorer_unit,
                    points=change["points"],
                    evidence=change["evidence"],
                    evidence_files=change["files"],
                    reason=reason,
                )
            except ValidationError as error:
                raise ValidationError(self.errors_for(criterion, error)) from error
        if "submit" in self.request.POST:
            scoring.submit_scores(sheet, by=user, scorer_unit=self.scorer_unit)
        return sheet

    @staticmethod
    def errors_for(criterion: SheetCriterion, error: ValidationError) -> dict[str, list[str]]:
        """A service error on one criterion, put on that criterion's fields."""
        fields = {
            "points": points_field_name(criterion),
            "evidence": evidence_field_name(criterion),
            "evidence_files": files_field_name(criterion),
            "reason": "reason",
        }
        if not hasattr(error, "error_dict"):  # about the sheet, not the criterion (its state, say)
            return {NON_FIELD_ERRORS: error.messages}
        mapped: dict[str, list[str]] = defaultdict(list)
        for field, messages_ in error.message_dict.items():
            mapped[fields.get(field, points_field_name(criterion))].extend(messages_)
        return dict(mapped)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            sheet=self.object,
            member=self.member,
            scorer_unit=self.scorer_unit,
            scorer_choices=self.scorer_choices,
            is_self=self.scorer_unit is not None and self.scorer_unit.pk == self.member.unit_id,
            scoring_open=self.object.state in SCORING_STATES,
            submitted=any(score.submitted_at for score in self.scores.values()),
            **kwargs,
        )

    def get_success_url(self) -> str:
        if "submit" in self.request.POST:
            messages.success(self.request, _("Đã gửi điểm."))
        else:
            messages.success(self.request, _("Đã lưu điểm."))
        url = reverse("movements:sheet-score", args=[self.object.pk, self.member.pk])
        return f"{url}?as={self.scorer_unit.pk}"


class SheetActionView(StaffView, View):
    """A leader's button on the sheet (open scoring, publish, lock): refused transitions come back as a message."""

    http_method_names = ["post"]
    success_message = ""

    def act(self, sheet: ScoreSheet, *, by) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        sheet = get_object_or_404(scoped(ScoreSheet, request.user).select_related("cluster"), pk=pk)
        if not rules.can_lead_cluster(request.user, sheet.cluster, sheet.year):
            raise PermissionDenied
        try:
            self.act(sheet, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(reverse("movements:sheet-detail", args=[sheet.pk]))


class SheetOpenView(SheetActionView):
    success_message = _("Đã mở chấm điểm: các đơn vị thành viên có thể tự chấm và chấm chéo.")

    def act(self, sheet: ScoreSheet, *, by) -> None:
        scoring.open_scoring(sheet, by=by)


class SheetPublishView(SheetActionView):
    success_message = _("Đã công bố kết quả chấm điểm.")

    def act(self, sheet: ScoreSheet, *, by) -> None:
        scoring.publish_sheet(sheet, by=by)


class SheetLockView(SheetActionView):
    success_message = _("Đã khóa bảng điểm và xác định các đơn vị được đề nghị khen thưởng.")

    def act(self, sheet: ScoreSheet, *, by) -> None:
        scoring.lock_sheet(sheet, by=by)
