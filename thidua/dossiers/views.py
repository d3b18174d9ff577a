"""Staff pages of nomination dossiers, for now the drafts: the list, one dossier with its entries and where each came
from, removing an entry, and the two actions that make entries from the movements app (an accepted exemplary model,
a locked cluster score sheet).

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from ``thidua.dossiers.rules``
(403), writes from ``thidua.dossiers.services``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from thidua.accounts.scoping import scoped
from thidua.audit.queries import entries_for
from thidua.core.views import ScopedDetailView, ScopedListView, StaffView
from thidua.dossiers import rules, services
from thidua.dossiers.enums import DossierState
from thidua.dossiers.models import Dossier, DossierEntry
from thidua.movements.exemplary_forms import EntryFromModelForm, offered_award_types
from thidua.movements.models import ExemplaryModel, ScoreSheet


def error_text(error: ValidationError) -> list[str]:
    return list(error.messages)


class DossierListView(ScopedListView):
    """The draft dossiers of the user's units, newest first, with how many entries each holds."""

    nav_section = "dossiers"
    template_name = "dossiers/dossier_list.html"
    model = Dossier
    descending = True

    def get_queryset(self):
        return super().get_queryset().drafts().select_related("unit", "movement").annotate(entry_count=Count("entries"))


class DossierDetailView(ScopedDetailView):
    """One dossier: its entries with the nominee, the award type, the achievement and the source of each."""

    nav_section = "dossiers"
    template_name = "dossiers/dossier_detail.html"
    model = Dossier

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "movement", "authority", "created_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        dossier = self.object
        entries = list(
            dossier.entries.select_related(
                "person", "unit", "household", "award_type", "exemplary_model", "score_sheet__cluster"
            ).order_by("pk")
        )
        can_edit = dossier.state == DossierState.DRAFT and rules.can_prepare_dossier(self.request.user, dossier.unit)
        return super().get_context_data(
            entries=entries, can_edit=can_edit, audit_entries=entries_for(dossier), **kwargs
        )


class EntryRemoveView(StaffView, View):
    """Take an entry out of a draft dossier (the unit's side)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = get_object_or_404(scoped(DossierEntry, request.user).select_related("dossier__unit"), pk=pk)
        if not rules.can_prepare_dossier(request.user, entry.dossier.unit):
            raise PermissionDenied
        try:
            services.remove_entry(entry, by=request.user)
        except ValidationError as error:
            for message in error_text(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Đã bỏ đề nghị “%(entry)s” khỏi hồ sơ.") % {"entry": entry})
        return HttpResponseRedirect(reverse("dossiers:detail", args=[entry.dossier_id]))


def landing(user, dossier_id: int, fallback: str) -> HttpResponseRedirect:
    """The dossier's page when the user may see it, else back where they came from."""
    if scoped(Dossier, user).filter(pk=dossier_id).exists():
        return HttpResponseRedirect(reverse("dossiers:detail", args=[dossier_id]))
    return HttpResponseRedirect(fallback)


class EntryFromModelView(StaffView, View):
    """ "Đưa vào hồ sơ đề nghị": the accepted model's person or unit becomes a draft entry of the proposing unit's
    dossier for the model's movement, for an award type the movement offers; the user lands on that dossier."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, model_pk: int) -> HttpResponse:
        model = get_object_or_404(
            scoped(ExemplaryModel, request.user).select_related("movement__issuer_unit", "proposing_unit"),
            pk=model_pk,
        )
        if not rules.can_propose_from_model(request.user, model):
            raise PermissionDenied
        back = reverse("movements:exemplary-detail", args=[model.pk])
        form = EntryFromModelForm(request.POST, award_types=offered_award_types(model), prefix="entry")
        if not form.is_valid():
            messages.error(request, _("Hãy chọn một hình thức khen thưởng của phong trào phù hợp với đối tượng."))
            return HttpResponseRedirect(back)
        try:
            entry = services.entry_from_exemplary_model(
                model, by=request.user, award_type=form.cleaned_data["award_type"]
            )
        except ValidationError as error:
            for message in error_text(error):
                messages.error(request, message)
            return HttpResponseRedirect(back)
        messages.success(
            request,
            _("Đã đưa “%(nominee)s” vào hồ sơ đề nghị, hình thức %(award)s.")
            % {"nominee": entry.nominee, "award": entry.award_type.name},
        )
        return landing(request.user, entry.dossier_id, back)


class EntriesFromSheetView(StaffView, View):
    """ "Đề xuất khen thưởng": the locked sheet's flag and certificate proposals become draft entries of the cluster
    organiser's dossier; a second click adds nothing. The user lands on that dossier."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, sheet_pk: int) -> HttpResponse:
        sheet = get_object_or_404(
            scoped(ScoreSheet, request.user).select_related("cluster__organiser", "movement__issuer_unit"),
            pk=sheet_pk,
        )
        if not rules.can_propose_from_sheet(request.user, sheet):
            raise PermissionDenied
        back = reverse("movements:sheet-detail", args=[sheet.pk])
        try:
            entries = services.entries_from_score_sheet(sheet, by=request.user)
        except ValidationError as error:
            for message in error_text(error):
                messages.error(request, message)
            return HttpResponseRedirect(back)
        if not entries:
            messages.info(request, _("Bảng điểm không có đơn vị nào được đề nghị khen thưởng."))
            return HttpResponseRedirect(back)
        messages.success(request, _("Đã đưa %(count)d đơn vị vào hồ sơ đề nghị khen thưởng.") % {"count": len(entries)})
        return landing(request.user, entries[0].dossier_id, back)
