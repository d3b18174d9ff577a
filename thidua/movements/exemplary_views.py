"""Staff pages of exemplary models (mô hình hay, điển hình tiên tiến, người tốt việc tốt): the list, the submit and
revise forms, the page of one model with the board's review and publication, and its photos.

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from
``thidua.movements.rules`` (403), writes from ``thidua.movements.exemplary``. Turning a model into a draft nomination
entry is the dossiers app's page (``dossiers:entry-from-model``); this page only offers its form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View

from thidua.accounts.rules import DOSSIER_ROLES, has_role, holds_role_over
from thidua.accounts.scoping import scoped
from thidua.audit.queries import entries_for
from thidua.core.uploads import file_response
from thidua.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedObjectFormView, StaffView
from thidua.movements import exemplary, rules
from thidua.movements.enums import ExemplaryState
from thidua.movements.exemplary_forms import (
    EntryFromModelForm,
    ExemplaryFilterForm,
    ExemplaryModelForm,
    ExemplaryPublishForm,
    ExemplaryReviewForm,
    offered_award_types,
    role_unit_menu,
)
from thidua.movements.models import ExemplaryModel, Movement
from thidua.orgs.models import Person

# Who prepares a unit's nomination dossier (dossiers.rules.can_prepare_dossier uses the same roles; movements may not
# import dossiers). It only decides whether the page offers the form; the dossiers view checks the real rule.
PREPARE_ROLES = DOSSIER_ROLES
EDITABLE_STATES = frozenset({ExemplaryState.SUBMITTED, ExemplaryState.NEEDS_MORE})


def exemplary_queryset(user):
    return scoped(ExemplaryModel, user).select_related(
        "proposing_unit", "movement__issuer_unit", "content", "subject_person", "subject_unit"
    )


def may_propose(user, model: ExemplaryModel) -> bool:
    """Whether the page offers "Đưa vào hồ sơ đề nghị": the proposing unit's side or the movement's board."""
    if holds_role_over(user, model.proposing_unit, PREPARE_ROLES):
        return True
    return model.movement is not None and rules.can_manage_movement(user, model.movement)


def may_revise(user, model: ExemplaryModel) -> bool:
    return model.state in EDITABLE_STATES and rules.can_submit_exemplary(user, model.proposing_unit)


class ExemplaryListView(ScopedListView):
    """Models the user may see, newest first, filtered by state, kind and movement."""

    nav_section = "exemplary"
    template_name = "movements/exemplary_list.html"
    model = ExemplaryModel
    descending = True

    @cached_property
    def filters(self) -> ExemplaryFilterForm:
        form = ExemplaryFilterForm(self.request.GET, user=self.request.user)
        form.is_valid()
        return form

    def get_queryset(self):
        data = getattr(self.filters, "cleaned_data", {})
        models = exemplary_queryset(self.request.user)
        if data.get("state"):
            models = models.filter(state=data["state"])
        if data.get("kind"):
            models = models.filter(kind=data["kind"])
        if data.get("movement"):
            models = models.filter(movement=data["movement"])
        return models

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            form=self.filters, can_submit=has_role(self.request.user, rules.EXEMPLARY_ROLES), **kwargs
        )


class ExemplaryCreateView(ScopedCreateView):
    """Submit a model for a unit the user holds a submitting role over; ``?movement=`` and ``?person=`` preselect."""

    nav_section = "exemplary"
    template_name = "movements/exemplary_form.html"

    def has_permission(self) -> bool:
        return has_role(self.request.user, rules.EXEMPLARY_ROLES)

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for name, model in (("movement", Movement), ("person", Person)):
            value = self.request.GET.get(name, "")
            if value.isdigit() and scoped(model, self.request.user).filter(pk=value).exists():
                initial["subject_person" if name == "person" else name] = int(value)
        menu = self.menu
        if len(menu) == 1:
            initial["proposing_unit"] = menu[0].pk
        return initial

    @cached_property
    def menu(self):
        return role_unit_menu(self.request.user, rules.EXEMPLARY_ROLES)

    def get_form(self, form_class=None) -> ExemplaryModelForm:
        return ExemplaryModelForm(user=self.request.user, menu=self.menu, **self.get_form_kwargs())

    def form_valid(self, form: ExemplaryModelForm) -> HttpResponse:
        if not rules.can_submit_exemplary(self.request.user, form.cleaned_data["proposing_unit"]):
            form.add_error("proposing_unit", _("Bạn không có quyền giới thiệu mô hình, điển hình cho đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: ExemplaryModelForm) -> ExemplaryModel:
        data = dict(form.cleaned_data)
        data["subject_name"] = data.get("subject_name") or ""
        return exemplary.submit_exemplary_model(by=self.request.user, **data)

    def still_allowed(self, obj: ExemplaryModel) -> bool:
        return scoped(ExemplaryModel, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã gửi mô hình, điển hình. Ban Thi đua - Khen thưởng sẽ xem xét."))
        return reverse("movements:exemplary-detail", args=[self.saved_object.pk])


class ExemplaryEditView(ScopedObjectFormView):
    """The submitter's side revises a model while it waits or needs more (sending it back for review)."""

    nav_section = "exemplary"
    template_name = "movements/exemplary_form.html"
    model = ExemplaryModel

    def get_queryset(self):
        return exemplary_queryset(self.request.user)

    def has_permission(self) -> bool:
        return may_revise(self.request.user, self.object)

    def get_initial(self) -> dict[str, Any]:
        model = self.object
        return {
            "kind": model.kind,
            "title": model.title,
            "story": model.story,
            "movement": model.movement_id,
            "content": model.content_id,
            "subject_person": model.subject_person_id,
            "subject_unit": model.subject_unit_id,
            "subject_name": model.subject_name,
        }

    def get_form(self, form_class=None) -> ExemplaryModelForm:
        menu = role_unit_menu(self.request.user, rules.EXEMPLARY_ROLES)
        if self.object.subject_unit and self.object.subject_unit not in menu:
            menu.insert(0, self.object.subject_unit)
        form = ExemplaryModelForm(user=self.request.user, menu=menu, with_unit=False, **self.get_form_kwargs())
        form.add_photo_removal(list(self.object.photos.all()))
        return form

    def save(self, form: ExemplaryModelForm) -> ExemplaryModel:
        data = dict(form.cleaned_data)
        add_photos, remove_photos = data.pop("photos"), list(data.pop("remove_photos", []))
        data["subject_name"] = data.get("subject_name") or ""
        return exemplary.update_exemplary_model(
            self.object, by=self.request.user, add_photos=add_photos, remove_photos=remove_photos, **data
        )

    def still_allowed(self, obj: ExemplaryModel) -> bool:
        return scoped(ExemplaryModel, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu mô hình, điển hình."))
        return reverse("movements:exemplary-detail", args=[self.object.pk])


class ExemplaryDetailMixin:
    """The model's page: its facts and photos, and the forms the user may use on it."""

    request: HttpRequest
    object: ExemplaryModel

    def detail_context(self, **forms: Any) -> dict[str, Any]:
        model, user = self.object, self.request.user
        can_curate = rules.can_curate_exemplary(user, model)
        entry = model.dossier_entries.select_related("dossier", "award_type").first()
        award_types = offered_award_types(model)
        can_propose = (
            model.state == ExemplaryState.ACCEPTED
            and entry is None
            and bool(model.subject_person_id or model.subject_unit_id)
            and may_propose(user, model)
        )
        if can_propose and "entry_form" not in forms:
            forms["entry_form"] = EntryFromModelForm(award_types=award_types, prefix="entry")
        if can_curate and "review_form" not in forms:
            forms["review_form"] = ExemplaryReviewForm(prefix="review", initial={"note": model.board_note})
        if can_curate and model.state == ExemplaryState.ACCEPTED and "publish_form" not in forms:
            forms["publish_form"] = ExemplaryPublishForm(prefix="publish", initial={"publish": not model.publish})
        return {
            "model": model,
            "photos": list(model.photos.all()),
            "can_curate": can_curate,
            "can_revise": may_revise(user, model),
            "can_propose": can_propose,
            "has_award_types": can_propose and award_types.exists(),
            "entry": entry,
            "audit_entries": entries_for(model),
            **forms,
        }


class ExemplaryDetailView(ExemplaryDetailMixin, ScopedDetailView):
    nav_section = "exemplary"
    template_name = "movements/exemplary_detail.html"
    model = ExemplaryModel

    def get_queryset(self):
        return exemplary_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**self.detail_context(), **kwargs)


class ExemplaryActionView(ExemplaryDetailMixin, ScopedObjectFormView):
    """A board action posted from the model's page; a refused one shows the page again with the error."""

    nav_section = "exemplary"
    template_name = "movements/exemplary_detail.html"
    model = ExemplaryModel
    http_method_names = ["post"]
    form_name = ""

    def get_queryset(self):
        return exemplary_queryset(self.request.user)

    def has_permission(self) -> bool:
        return rules.can_curate_exemplary(self.request.user, self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.pop("form")
        return {**context, **self.detail_context(**{self.form_name: form})}

    def get_success_url(self) -> str:
        return reverse("movements:exemplary-detail", args=[self.object.pk])


class ExemplaryReviewView(ExemplaryActionView):
    """The board's verdict: accepted, needs more (with a note) or declined (with a note)."""

    form_class = ExemplaryReviewForm
    form_name = "review_form"
    prefix = "review"

    def save(self, form: ExemplaryReviewForm) -> ExemplaryModel:
        return exemplary.review_exemplary_model(
            self.object, by=self.request.user, state=form.cleaned_data["state"], note=form.cleaned_data["note"]
        )

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã ghi kết quả xem xét."))
        return super().get_success_url()


class ExemplaryPublishView(ExemplaryActionView):
    """Publish an accepted model on the portal, or take it down."""

    form_class = ExemplaryPublishForm
    form_name = "publish_form"
    prefix = "publish"

    def save(self, form: ExemplaryPublishForm) -> ExemplaryModel:
        return exemplary.set_publication(self.object, by=self.request.user, publish=form.cleaned_data["publish"])

    def get_success_url(self) -> str:
        self.object.refresh_from_db(fields=["publish"])
        if self.object.publish:
            messages.success(self.request, _("Mô hình, điển hình sẽ được đăng trên cổng thông tin."))
        else:
            messages.success(self.request, _("Đã thôi đăng mô hình, điển hình trên cổng thông tin."))
        return super().get_success_url()


class ExemplaryPhotoView(StaffView, View):
    """One photo of a model the user may see, shown inline; any other file id is a 404."""

    def get(self, request: HttpRequest, pk: int, file_id) -> HttpResponse:
        model = get_object_or_404(scoped(ExemplaryModel, request.user), pk=pk)
        photo = get_object_or_404(model.photos.all(), pk=file_id)
        return file_response(photo, inline=True)
