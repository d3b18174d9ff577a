"""Staff pages of movements and of what units owe them: the list, the draft's form, the movement's page, launching,
amending and closing; the compliance dashboard with reminders and its XLSX; "Việc cần làm" of a unit officer; the
unit plan, registration (and its review) and progress report pages; the consolidated pledge list.

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from
``thidua.movements.rules`` (403), writes from ``thidua.movements.services`` with the acting user, reads from
``thidua.movements.queries``. Exemplary models and the cluster pages have their own modules.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import has_role
from thidua.accounts.scoping import scoped
from thidua.audit.queries import entries_for
from thidua.core.uploads import file_response
from thidua.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectFormView,
    StaffView,
)
from thidua.movements import exports, queries, rules, services
from thidua.movements.enums import AnswerState, MovementState
from thidua.movements.forms import (
    AwardFormSet,
    CollectivePledgeFormSet,
    DashboardFilterForm,
    FigureFormSet,
    IndividualPledgeFormSet,
    MilestoneFormSet,
    MovementAmendForm,
    MovementForm,
    ProgressReportForm,
    ReasonForm,
    RegistrationForm,
    SubMovementForm,
    UnitPlanForm,
    award_menus,
    award_rows,
    figures_for_service,
    milestone_rows,
    pledge_menus,
)
from thidua.movements.models import (
    Movement,
    ProgressReport,
    Registration,
    UnitPlan,
)
from thidua.orgs.models import OrgUnit, paths_filter

EDITABLE_ANSWER_STATES = frozenset({AnswerState.NOT_SENT, AnswerState.RETURNED})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Where a service's error keys land on the movement form when the form names them otherwise.
MOVEMENT_ERROR_FIELDS = {"scope_root": "scope_root", "root": "scope_root"}
# Errors about lists that are not one field of the form go on top of it, after their label.
ERROR_LABELS = {
    "awards": _("Hình thức khen thưởng"),
    "milestones": _("Mốc thời gian"),
    "collective": _("Danh hiệu tập thể"),
    "individual": _("Danh hiệu cá nhân"),
    "figures": _("Số liệu"),
    "reason": _("Lý do"),
}


def role_units(user, roles: frozenset[str] | None = None):
    """The units where the user holds a role now (of ``roles`` when given): a permission input, not a list to
    scope."""
    held = RoleAssignment.objects.current().filter(user=user)
    if roles is not None:
        held = held.filter(role__code__in=roles)
    return held.values("unit")


# --- Movements ------------------------------------------------------------------------------------------------


class MovementListView(ScopedListView):
    """Movements the user may see, the newest period first."""

    nav_section = "movements"
    template_name = "movements/movement_list.html"
    model = Movement
    keyset_key = "period_start"
    descending = True
    paginate_by = 30

    @cached_property
    def state(self) -> str:
        state = self.request.GET.get("state", "")
        return state if state in MovementState.values else ""

    def get_queryset(self):
        movements = super().get_queryset().select_related("issuer_unit", "parent")
        return movements.filter(state=self.state) if self.state else movements

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            states=MovementState.choices,
            state=self.state,
            can_create=has_role(self.request.user, rules.BOARD_ROLES),
            **kwargs,
        )


class MovementFormMixin:
    """The draft's form and its two formsets (awards, milestones), validated together and saved in one
    transaction through the services."""

    request: HttpRequest
    object: Movement | None = None
    service_error_fields = MOVEMENT_ERROR_FIELDS
    service_error_labels = ERROR_LABELS

    def get_formsets(self) -> dict[str, Any]:
        data = self.request.POST if self.request.method == "POST" else None
        movement = self.object
        return {
            "awards": AwardFormSet(
                data, prefix="awards", menus=award_menus(), initial=award_rows(movement) if movement else None
            ),
            "milestones": MilestoneFormSet(
                data, prefix="milestones", initial=milestone_rows(movement) if movement else None
            ),
        }

    @cached_property
    def formsets(self) -> dict[str, Any]:
        return self.get_formsets()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.get_form()
        formsets_valid = all(formset.is_valid() for formset in self.formsets.values())
        if form.is_valid() and formsets_valid:
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(award_formset=self.formsets["awards"], milestone_formset=self.formsets["milestones"])
        return context

    def milestones(self) -> list[dict]:
        """The milestone rows; a row read from a saved milestone keeps its id, so answers keep their deadline."""
        rows = []
        for row in self.formsets["milestones"].rows():
            if row.get("id") is None:
                row.pop("id", None)
            rows.append(row)
        return rows

    def lists(self, form) -> dict[str, Any]:
        """Everything of a draft besides its own fields, as the list keywords of the services."""
        data = form.cleaned_data
        return {
            "scope": form.scope(),
            "co_organisers": data["co_organisers"],
            "contents": data["contents"],
            "target_groups": data["target_groups"],
            "criteria": data["criteria"],
            "awards": self.formsets["awards"].rows(),
            "milestones": self.milestones(),
        }

    def attach(self, movement: Movement, form) -> Movement:
        upload = form.cleaned_data.get("plan_document")
        if upload:
            movement = services.attach_plan_document(movement, by=self.request.user, upload=upload)
        return movement


OWN_FIELDS = ("title", "kind", "document_number", "document_date", "purpose", "legal_basis", "issuing_authority",
              "period_start", "period_end", "registration_required")  # fmt: skip


class MovementCreateView(MovementFormMixin, ScopedCreateView):
    """A new draft movement issued in the name of a unit where the user holds a board role."""

    nav_section = "movements"
    template_name = "movements/movement_form.html"

    def has_permission(self) -> bool:
        return has_role(self.request.user, rules.BOARD_ROLES)

    def get_form(self, form_class=None) -> MovementForm:
        return MovementForm(user=self.request.user, creating=True, **self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        return {"registration_required": True}

    def form_valid(self, form: MovementForm) -> HttpResponse:
        if not rules.can_create_movement(self.request.user, form.cleaned_data["issuer_unit"]):
            form.add_error("issuer_unit", _("Bạn không có quyền phát động phong trào thay mặt đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: MovementForm) -> Movement:
        data = form.cleaned_data
        fields = {name: data[name] for name in OWN_FIELDS}
        movement = services.create_movement(
            by=self.request.user, issuer_unit=data["issuer_unit"], **fields, **self.lists(form)
        )
        return self.attach(movement, form)

    def still_allowed(self, obj: Movement) -> bool:
        return scoped(Movement, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã tạo dự thảo phong trào."))
        return reverse("movements:detail", args=[self.saved_object.pk])


def movement_queryset(user):
    return scoped(Movement, user).select_related(
        "issuer_unit", "issuing_authority", "parent", "scope_root", "plan_document"
    )


class MovementEditView(MovementFormMixin, ScopedObjectFormView):
    """Edit a draft (the board side of its issuer); a launched movement is amended instead."""

    nav_section = "movements"
    template_name = "movements/movement_form.html"
    model = Movement

    def get_queryset(self):
        return movement_queryset(self.request.user)

    def has_permission(self) -> bool:
        return rules.can_manage_movement(self.request.user, self.object)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.object.is_draft:
            return self.not_a_draft()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.object.is_draft:
            return self.not_a_draft()
        return super().post(request, *args, **kwargs)

    def not_a_draft(self) -> HttpResponse:
        messages.info(self.request, _("Phong trào đã phát động: mọi thay đổi phải qua điều chỉnh, có ghi lý do."))
        if self.object.state == MovementState.LAUNCHED:
            return HttpResponseRedirect(reverse("movements:amend", args=[self.object.pk]))
        return HttpResponseRedirect(reverse("movements:detail", args=[self.object.pk]))

    def get_form(self, form_class=None) -> MovementForm:
        return MovementForm(user=self.request.user, instance=self.object, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def save(self, form: MovementForm) -> Movement:
        data = form.cleaned_data
        fields = {name: data[name] for name in OWN_FIELDS}
        movement = services.update_movement(self.object, by=self.request.user, **fields, **self.lists(form))
        return self.attach(movement, form)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu dự thảo phong trào."))
        return reverse("movements:detail", args=[self.object.pk])


class MovementAmendView(MovementFormMixin, ScopedObjectFormView):
    """Amend a launched movement: the changed fields and lists, with a reason kept in its history."""

    nav_section = "movements"
    template_name = "movements/movement_amend.html"
    model = Movement

    def get_queryset(self):
        return movement_queryset(self.request.user)

    def has_permission(self) -> bool:
        return rules.can_manage_movement(self.request.user, self.object)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.object.state != MovementState.LAUNCHED:
            return self.not_launched()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.object.state != MovementState.LAUNCHED:
            return self.not_launched()
        return super().post(request, *args, **kwargs)

    def not_launched(self) -> HttpResponse:
        if self.object.is_draft:
            return HttpResponseRedirect(reverse("movements:edit", args=[self.object.pk]))
        messages.error(self.request, _("Phong trào đã kết thúc, không điều chỉnh được nữa."))
        return HttpResponseRedirect(reverse("movements:detail", args=[self.object.pk]))

    def get_form(self, form_class=None) -> MovementAmendForm:
        return MovementAmendForm(user=self.request.user, instance=self.object, **self.get_form_kwargs())

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def changes(self, form: MovementAmendForm) -> dict[str, Any]:
        """Only what the officer changed goes to the service, so the history lists exactly that."""
        data, changed = form.cleaned_data, set(form.changed_data)
        fields: dict[str, Any] = {name: data[name] for name in sorted(services.AMENDABLE_FIELDS) if name in changed}
        for name in ("contents", "target_groups", "criteria", "co_organisers"):
            if name in changed:
                fields[name] = data[name]
        if self.formsets["awards"].has_changed():
            fields["awards"] = self.formsets["awards"].rows()
        if self.formsets["milestones"].has_changed():
            fields["milestones"] = self.milestones()
        if changed & {"scope_mode", "scope_root", "scope_depth", "scope_unit_kinds", "scope_units"}:
            fields["scope"] = form.scope()
        return fields

    def save(self, form: MovementAmendForm) -> Movement:
        fields = self.changes(form)
        upload = form.cleaned_data.get("plan_document")
        if not fields and not upload:
            raise ValidationError(gettext("Chưa có thay đổi nào để điều chỉnh."))
        movement = self.object
        if fields:
            movement = services.amend_movement(
                movement, by=self.request.user, reason=form.cleaned_data["reason"], **fields
            )
        return self.attach(movement, form)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã điều chỉnh phong trào; lý do được ghi trong lịch sử."))
        return reverse("movements:detail", args=[self.object.pk])


class MovementDetailView(ScopedDetailView):
    """Everything about a movement: its plan, lists, sub-movements, what the user's units owe it, its history."""

    nav_section = "movements"
    template_name = "movements/movement_detail.html"
    model = Movement

    def get_queryset(self):
        return movement_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        movement, user = self.object, self.request.user
        own_units = role_units(user)
        criteria = movement.criteria.select_related("target_group").order_by("target_group__position", "position", "id")
        return super().get_context_data(
            contents=list(movement.contents.order_by("position")),
            target_groups=list(movement.target_groups.prefetch_related("unit_kinds")),
            criteria=list(criteria),
            awards=list(movement.awards.select_related("award_type")),
            milestones=list(movement.milestones.all()),
            co_organisers=list(movement.co_organisers.order_by("path")),
            scope_unit_kinds=list(movement.scope_unit_kinds.all()),
            scope_units=list(movement.scope_units.order_by("path")[:200]),
            sub_movements=list(
                scoped(Movement, user).filter(parent=movement).select_related("issuer_unit").order_by("pk")
            ),
            own_plans=list(UnitPlan.objects.filter(movement=movement, unit__in=own_units).select_related("unit")),
            own_registrations=list(
                Registration.objects.filter(movement=movement, unit__in=own_units).select_related("unit")
            ),
            own_reports=list(
                ProgressReport.objects.filter(movement=movement, unit__in=own_units).select_related("unit", "milestone")
            ),
            obligated_count=movement.unitplans.count() if not movement.is_draft else None,
            can_manage=rules.can_manage_movement(user, movement),
            can_view_dashboard=rules.can_view_dashboard(user, movement),
            can_launch_sub=bool(sub_movement_units(user, movement))
            if movement.state == MovementState.LAUNCHED
            else False,
            audit_entries=entries_for(movement),
            **kwargs,
        )


class MovementActionView(ScopedObjectFormView):
    """A confirmation page and its POST: launch or close (the board side of the issuer)."""

    nav_section = "movements"
    model = Movement
    success_message = ""

    def get_queryset(self):
        return movement_queryset(self.request.user)

    def has_permission(self) -> bool:
        return rules.can_manage_movement(self.request.user, self.object)

    def get_form(self, form_class=None) -> forms.Form:
        return forms.Form(**self.get_form_kwargs())  # nothing to type: the button is the confirmation

    def get_success_url(self) -> str:
        messages.success(self.request, self.success_message)
        return reverse("movements:detail", args=[self.object.pk])


class MovementLaunchView(MovementActionView):
    template_name = "movements/movement_launch.html"

    def save(self, form) -> Movement:
        movement = services.launch_movement(self.object, by=self.request.user)
        count = movement.unitplans.count()
        self.success_message = gettext("Đã phát động phong trào; %(count)d đơn vị phải hưởng ứng.") % {"count": count}
        return movement

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        movement = self.object
        obligated = services.obligated_units(movement) if movement.is_draft else OrgUnit.objects.none()
        return super().get_context_data(
            obligated_count=obligated.count(),
            obligated_preview=list(obligated.select_related("kind").order_by("path")[:20]),
            contents_count=movement.contents.count(),
            milestones=list(movement.milestones.all()),
            **kwargs,
        )


class MovementCloseView(MovementActionView):
    template_name = "movements/movement_close.html"

    def save(self, form) -> Movement:
        self.success_message = gettext("Đã kết thúc phong trào.")
        return services.close_movement(self.object, by=self.request.user)


class PlanDocumentView(StaffView, View):
    """The movement's plan document, for whoever sees the movement."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        movement = get_object_or_404(scoped(Movement, request.user).select_related("plan_document"), pk=pk)
        if movement.plan_document is None:
            raise Http404
        return file_response(movement.plan_document)


def sub_movement_units(user, parent: Movement):
    """The units answering ``parent`` for which the user may launch a sub-movement."""
    plans = UnitPlan.objects.filter(movement=parent)
    if not user.is_superuser:
        paths = list(
            RoleAssignment.objects.current()
            .filter(user=user, role__code__in=rules.REVIEW_ROLES)
            .values_list("unit__path", flat=True)
        )
        if not paths:
            return OrgUnit.objects.none()
        plans = plans.filter(paths_filter(paths, "unit__path"))
    return OrgUnit.objects.filter(pk__in=plans.values("unit")).order_by("path")


class SubMovementCreateView(ScopedObjectFormView):
    """A unit answering a launched movement launches its own for the units below it (a draft to complete)."""

    nav_section = "movements"
    template_name = "movements/sub_movement_form.html"
    model = Movement

    def get_queryset(self):
        return movement_queryset(self.request.user)

    @cached_property
    def units(self):
        return sub_movement_units(self.request.user, self.object)

    def has_permission(self) -> bool:
        return self.object.state == MovementState.LAUNCHED and self.units.exists()

    def get_form(self, form_class=None) -> SubMovementForm:
        return SubMovementForm(units=self.units, **self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        movement = self.object
        return {
            "title": movement.title,
            "kind": movement.kind,
            "period_start": movement.period_start,
            "period_end": movement.period_end,
        }

    def form_valid(self, form: SubMovementForm) -> HttpResponse:
        if not rules.can_launch_sub_movement(self.request.user, self.object, form.cleaned_data["issuer_unit"]):
            form.add_error("issuer_unit", _("Bạn không có quyền phát động phong trào thay mặt đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: SubMovementForm) -> Movement:
        data = dict(form.cleaned_data)
        return services.launch_sub_movement(self.object, by=self.request.user, **data)

    def still_allowed(self, obj: Movement) -> bool:
        return scoped(Movement, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã tạo dự thảo phong trào hưởng ứng; hãy hoàn thiện rồi phát động."))
        if rules.can_manage_movement(self.request.user, self.saved_object):
            return reverse("movements:edit", args=[self.saved_object.pk])
        return reverse("movements:detail", args=[self.saved_object.pk])


# --- Compliance dashboard -------------------------------------------------------------------------------------


class DashboardMixin:
    """The movement (scoped: 404) and the right to follow it (the board side and co-organisers: 403)."""

    request: HttpRequest
    kwargs: dict

    @cached_property
    def movement(self) -> Movement:
        movement = get_object_or_404(movement_queryset(self.request.user), pk=self.kwargs["pk"])
        if not rules.can_view_dashboard(self.request.user, movement):
            raise PermissionDenied
        return movement

    @cached_property
    def all_rows(self) -> list:
        return queries.compliance_rows(self.movement, user=self.request.user)

    @cached_property
    def filters(self) -> DashboardFilterForm:
        kinds = {row.kind.pk: row.kind for row in self.all_rows if row.kind is not None}
        districts = {row.district.pk: row.district for row in self.all_rows if row.district is not None}
        form = DashboardFilterForm(
            self.request.GET,
            kinds=sorted(kinds.values(), key=lambda kind: (kind.level, kind.name)),
            districts=sorted(districts.values(), key=lambda unit: unit.path),
        )
        form.is_valid()
        return form

    @cached_property
    def rows(self) -> list:
        unit_kind, district = self.filters.value("unit_kind"), self.filters.value("district")
        if unit_kind is None and district is None:
            return self.all_rows
        return queries.compliance_rows(self.movement, user=self.request.user, unit_kind=unit_kind, district=district)


class DashboardView(StaffView, DashboardMixin, TemplateView):
    """Who has answered, who is late, who has nothing yet: figures per unit kind and a row per unit."""

    nav_section = "movements"
    template_name = "movements/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = self.rows
        summary = queries.compliance_summary(rows)
        return super().get_context_data(
            movement=self.movement,
            form=self.filters,
            rows=rows,
            summary=summary,
            late_count=sum(1 for row in rows if row.is_late),
            can_remind=rules.can_manage_movement(self.request.user, self.movement),
            filter_query=self.request.GET.urlencode(),
            **kwargs,
        )


class DashboardXlsxView(StaffView, DashboardMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        rows = self.rows
        content = exports.compliance_xlsx(self.movement, rows, queries.compliance_summary(rows))
        response = HttpResponse(content, content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="tien-do-phong-trao-{self.movement.pk}.xlsx"'
        return response


class RemindView(StaffView, View):
    """Remind one late unit, or every late unit, of what it owes (in the app and by e-mail)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        movement = get_object_or_404(movement_queryset(request.user), pk=pk)
        if not rules.can_manage_movement(request.user, movement):
            raise PermissionDenied
        units = None
        unit_pk = request.POST.get("unit", "")
        if unit_pk:
            if not unit_pk.isdigit():
                raise Http404
            units = [get_object_or_404(scoped(OrgUnit, request.user), pk=unit_pk)]
        try:
            reminders = services.send_reminders(movement, by=request.user, units=units)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if reminders:
                messages.success(request, gettext("Đã nhắc %(count)d đơn vị.") % {"count": len(reminders)})
            else:
                messages.info(request, gettext("Không có đơn vị nào quá hạn cần nhắc."))
        query = {name: request.POST[name] for name in ("unit_kind", "district") if request.POST.get(name)}
        url = reverse("movements:dashboard", args=[movement.pk])
        return HttpResponseRedirect(f"{url}?{urlencode(query)}" if query else url)


# --- What my units owe ----------------------------------------------------------------------------------------


class OwedView(StaffView, TemplateView):
    """ "Việc cần làm": what the user's units owe launched movements, the open things first."""

    nav_section = "owed"
    template_name = "movements/owed.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(owed=queries.owed_by(self.request.user), **kwargs)


# --- Answers --------------------------------------------------------------------------------------------------


class AnswerView(ScopedObjectFormView):
    """One answer of a unit: everyone who sees it reads it; the unit side edits and sends it while it is not sent
    or was returned. ``save`` keeps it; the "submit" button keeps it and sends it."""

    nav_section = "owed"
    submit_service: Any = None
    service_error_labels = ERROR_LABELS

    def has_permission(self) -> bool:
        if self.request.method == "POST":
            return rules.can_answer(self.request.user, self.object)
        return True

    @cached_property
    def editable(self) -> bool:
        answer = self.object
        return (
            answer.movement.state == MovementState.LAUNCHED
            and answer.state in EDITABLE_ANSWER_STATES
            and rules.can_answer(self.request.user, answer)
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.object.state not in EDITABLE_ANSWER_STATES:
            messages.error(request, _("Đã gửi: chỉ sửa được khi cấp trên trả lại."))
            return HttpResponseRedirect(self.page_url())
        return super().post(request, *args, **kwargs)

    @property
    def submitting(self) -> bool:
        return self.request.POST.get("action") == "submit"

    def save(self, form):
        answer = self.save_answer(form)
        if self.submitting:
            answer = type(self).submit_service(answer, by=self.request.user)
        return answer

    def save_answer(self, form):
        raise NotImplementedError

    def page_url(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        if self.submitting:
            messages.success(self.request, _("Đã gửi."))
        else:
            messages.success(self.request, _("Đã lưu; chưa gửi."))
        return self.page_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        answer = self.object
        return super().get_context_data(
            movement=answer.movement,
            answer=answer,
            editable=self.editable,
            compliance=answer.compliance(),
            **kwargs,
        )


class UnitPlanView(AnswerView):
    template_name = "movements/unit_plan.html"
    model = UnitPlan
    form_class = UnitPlanForm
    submit_service = staticmethod(services.submit_unit_plan)

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "unit", "milestone", "document")

    def get_initial(self) -> dict[str, Any]:
        return {"targets": self.object.targets}

    def save_answer(self, form: UnitPlanForm) -> UnitPlan:
        data = form.cleaned_data
        return services.save_unit_plan(
            self.object, by=self.request.user, targets=data["targets"], document=data.get("document") or None
        )

    def page_url(self) -> str:
        return reverse("movements:unit-plan", args=[self.object.pk])


class UnitPlanDocumentView(StaffView, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = get_object_or_404(scoped(UnitPlan, request.user).select_related("document"), pk=pk)
        if plan.document is None:
            raise Http404
        return file_response(plan.document)


class RegistrationView(AnswerView):
    """The unit's registration: a note, the collective titles and the people with the titles they pledge."""

    template_name = "movements/registration.html"
    model = Registration
    form_class = RegistrationForm
    submit_service = staticmethod(services.submit_registration)

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "unit", "milestone", "reviewer_unit")

    def get_initial(self) -> dict[str, Any]:
        return {"note": self.object.note}

    @cached_property
    def formsets(self) -> dict[str, Any]:
        registration = self.object
        data = self.request.POST if self.request.method == "POST" else None
        collective_menus, individual_menus = pledge_menus(registration.unit, self.request.user)
        collective = [
            {"unit": pledge.unit_id, "award_type": pledge.award_type_id, "note": pledge.note}
            for pledge in registration.collective_pledges.all()
        ]
        individual = [
            {"person": pledge.person_id, "award_type": pledge.award_type_id, "note": pledge.note}
            for pledge in registration.individual_pledges.all()
        ]
        return {
            "collective": CollectivePledgeFormSet(
                data, prefix="collective", menus=collective_menus, initial=collective or None
            ),
            "individual": IndividualPledgeFormSet(
                data, prefix="individual", menus=individual_menus, initial=individual or None
            ),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.object.state not in EDITABLE_ANSWER_STATES:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        formsets_valid = all(formset.is_valid() for formset in self.formsets.values())
        if form.is_valid() and formsets_valid:
            return self.form_valid(form)
        return self.form_invalid(form)

    def save_answer(self, form: RegistrationForm) -> Registration:
        return services.save_registration(
            self.object,
            by=self.request.user,
            note=form.cleaned_data["note"],
            collective=self.formsets["collective"].rows(),
            individual=self.formsets["individual"].rows(),
        )

    def page_url(self) -> str:
        return reverse("movements:registration", args=[self.object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        registration = self.object
        return super().get_context_data(
            collective_formset=self.formsets["collective"] if self.editable else None,
            individual_formset=self.formsets["individual"] if self.editable else None,
            collective_pledges=list(registration.collective_pledges.select_related("unit", "award_type")),
            individual_pledges=list(registration.individual_pledges.select_related("person", "award_type")),
            can_review=rules.can_review_registration(self.request.user, registration),
            **kwargs,
        )


class RegistrationReviewView(ScopedObjectFormView):
    """The reviewer side approves a pending registration or returns it with a reason."""

    nav_section = "owed"
    template_name = "movements/registration_review.html"
    model = Registration
    form_class = ReasonForm

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "unit", "milestone", "reviewer_unit")

    def has_permission(self) -> bool:
        return rules.can_review_registration(self.request.user, self.object)

    def get_form(self, form_class=None) -> ReasonForm:
        form = ReasonForm(**self.get_form_kwargs())
        form.fields["reason"].required = False
        form.fields["reason"].label = _("Lý do trả lại")
        form.fields["reason"].help_text = _("Bắt buộc khi trả lại; đơn vị nhận được lý do này.")
        return form

    @property
    def approving(self) -> bool:
        return self.request.POST.get("action") == "approve"

    def save(self, form: ReasonForm) -> Registration:
        if self.approving:
            return services.approve_registration(self.object, by=self.request.user)
        return services.return_registration(self.object, by=self.request.user, reason=form.cleaned_data["reason"])

    def get_success_url(self) -> str:
        if self.approving:
            messages.success(self.request, _("Đã duyệt đăng ký thi đua."))
        else:
            messages.success(self.request, _("Đã trả lại đăng ký thi đua cho đơn vị."))
        return reverse("movements:registration-review", args=[self.object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        registration = self.object
        return super().get_context_data(
            movement=registration.movement,
            answer=registration,
            collective_pledges=list(registration.collective_pledges.select_related("unit", "award_type")),
            individual_pledges=list(registration.individual_pledges.select_related("person", "award_type")),
            pending=registration.state == AnswerState.PENDING,
            **kwargs,
        )


class ProgressReportView(AnswerView):
    """The unit's report at a milestone: text, figures and attachments."""

    template_name = "movements/report.html"
    model = ProgressReport
    service_error_fields = {"attachments": "add_attachments", "upload": "add_attachments"}

    def get_queryset(self):
        return super().get_queryset().select_related("movement", "unit", "milestone")

    submit_service = staticmethod(services.submit_progress_report)

    @cached_property
    def attachments(self) -> list:
        return list(self.object.attachments.order_by("name"))

    def get_form(self, form_class=None) -> ProgressReportForm:
        return ProgressReportForm(attachments=self.attachments, **self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        return {"text": self.object.text}

    @cached_property
    def figures(self):
        data = self.request.POST if self.request.method == "POST" else None
        initial = [
            {"label": row.get("label", ""), "value": row.get("value"), "unit": row.get("unit", "")}
            for row in self.object.figures or []
        ]
        return FigureFormSet(data, prefix="figures", initial=initial or None)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.object.state not in EDITABLE_ANSWER_STATES:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        figures_valid = self.figures.is_valid()
        if form.is_valid() and figures_valid:
            return self.form_valid(form)
        return self.form_invalid(form)

    def save_answer(self, form: ProgressReportForm) -> ProgressReport:
        data = form.cleaned_data
        return services.save_progress_report(
            self.object,
            by=self.request.user,
            text=data["text"],
            figures=figures_for_service(self.figures.rows()),
            add_attachments=data["add_attachments"],
            remove_attachments=form.removed(),
        )

    def page_url(self) -> str:
        return reverse("movements:report", args=[self.object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            figure_formset=self.figures, attachments=self.attachments, figures=self.object.figures or [], **kwargs
        )


class ReportAttachmentView(StaffView, View):
    def get(self, request: HttpRequest, pk: int, file_id) -> HttpResponse:
        report = get_object_or_404(scoped(ProgressReport, request.user), pk=pk)
        stored = report.attachments.filter(pk=file_id).first()
        if stored is None:
            raise Http404
        return file_response(stored)


# --- Consolidated pledges -------------------------------------------------------------------------------------


class ConsolidatedView(StaffView, TemplateView):
    """The pledges of a movement consolidated at one of the user's units: its own registration and the approved
    ones below it (sub-movements included), without retyping."""

    nav_section = "movements"
    template_name = "movements/consolidated.html"

    @cached_property
    def movement(self) -> Movement:
        return get_object_or_404(movement_queryset(self.request.user), pk=self.kwargs["pk"])

    @cached_property
    def units(self) -> list[OrgUnit]:
        """The user's units that take part: the issuer (or its board above it) and the units that answer."""
        movement, user = self.movement, self.request.user
        if user.is_superuser:
            return [movement.issuer_unit]
        held = OrgUnit.objects.filter(pk__in=role_units(user)).order_by("path")
        found = []
        for unit in held:
            if movement.issuer_unit.path.startswith(unit.path):
                candidate = movement.issuer_unit
            elif Registration.objects.filter(movement=movement, unit=unit).exists():
                candidate = unit
            else:
                continue
            if candidate not in found:
                found.append(candidate)
        return found

    @cached_property
    def unit(self) -> OrgUnit:
        if not self.units:
            raise PermissionDenied
        wanted = self.request.GET.get("unit", "")
        if not wanted:
            return self.units[0]
        for unit in self.units:
            if str(unit.pk) == wanted:
                return unit
        raise Http404

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        collective, individual = queries.consolidated_pledges(self.movement, self.unit)
        return super().get_context_data(
            movement=self.movement,
            unit=self.unit,
            units=self.units,
            collective=list(collective.select_related("unit", "award_type", "registration__unit")),
            individual=list(individual.select_related("person", "award_type", "registration__unit")),
            **kwargs,
        )
