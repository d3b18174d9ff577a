"""Staff pages of nomination dossiers (issue 5): the unit's outbox and the board's inbox, creating a dossier by hand
or the year-end one in one step, the dossier page (entries, documents, the unit's own council, the buttons of the
transitions the user may take, the full timeline), the entry pages (edit, appraisal checklist) and the POSTs behind
every button; plus the two actions that make entries from the movements app (an accepted exemplary model, a locked
cluster score sheet).

Thin views on the bases of ``thidua.core.views``: scope from ``scoped`` (404), rights from ``transitions.may`` and
``thidua.dossiers.rules`` (403), writes from the service modules (``services``, ``workflow``, ``checks``,
``forwarding``, ``year_end``), whose Vietnamese errors are shown on the field they name or as messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.models import RoleAssignment
from thidua.accounts.rules import (
    BOARD_ROLES,
    COUNCIL_SECRETARY_ROLES,
    COUNCIL_VOTER_ROLES,
    DOSSIER_ROLES,
)
from thidua.accounts.scoping import scoped
from thidua.core import views as core_views
from thidua.core.uploads import file_response
from thidua.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectFormView,
    StaffView,
    report_form_errors,
)
from thidua.core.xlsx import Column, XlsxExportMixin
from thidua.dossiers import checks, forwarding, queries, rules, services, transitions, workflow, year_end
from thidua.dossiers.enums import CheckItem, DossierState, EntryState, SessionState
from thidua.dossiers.forms import (
    AppraisalForm,
    AttachmentForm,
    DossierForm,
    EntryEditForm,
    EntryForm,
    OwnCouncilForm,
    TransitionForm,
    YearEndForm,
    officers_of,
)
from thidua.dossiers.models import AgendaItem, Dossier, DossierAttachment, DossierEntry, DossierEvent, EntryCheck
from thidua.eligibility.engine import Status
from thidua.movements.exemplary_forms import EntryFromModelForm, offered_award_types
from thidua.movements.models import ExemplaryModel, ScoreSheet

# Labels of a service error's keys that are no field of the form at hand: the message is shown after its label, so
# every error names what it is about.
ERROR_LABELS: dict[str, Any] = {
    "reason": gettext_lazy("Lý do"),
    "version": gettext_lazy("Phiên bản hồ sơ"),
    "authority": gettext_lazy("Cấp trình"),
    "unit": gettext_lazy("Đơn vị"),
    "entries": gettext_lazy("Đề nghị"),
    "entry": gettext_lazy("Đề nghị"),
    "documents": gettext_lazy("Thành phần hồ sơ"),
    "attachments": gettext_lazy("Tài liệu"),
    "document_kind": gettext_lazy("Thành phần hồ sơ"),
    "file": gettext_lazy("Tệp"),
    "officer": gettext_lazy("Cán bộ thẩm định"),
    "recommendation": gettext_lazy("Ý kiến thẩm định"),
    "checks": gettext_lazy("Nội dung thẩm định"),
    "reference": gettext_lazy("Số, ký hiệu văn bản"),
    "on": gettext_lazy("Ngày văn bản"),
    "own_council": gettext_lazy("Hội đồng TĐKT của đơn vị"),
    "own_council_met_on": gettext_lazy("Hội đồng TĐKT của đơn vị"),
    "own_council_votes_for": gettext_lazy("Số phiếu đồng ý tại Hội đồng của đơn vị"),
    "met_on": gettext_lazy("Ngày họp Hội đồng TĐKT của đơn vị"),
    "members": gettext_lazy("Số thành viên Hội đồng"),
    "present": gettext_lazy("Số thành viên dự họp"),
    "milestone": gettext_lazy("Đợt sơ kết, tổng kết"),
    "year": gettext_lazy("Năm"),
    "award_codes": gettext_lazy("Danh hiệu, hình thức khen thưởng"),
    "item": gettext_lazy("Nội dung kiểm tra"),
    "ok": gettext_lazy("Kết quả kiểm tra"),
    "person": gettext_lazy("Cá nhân"),
    "award_type": gettext_lazy("Hình thức khen thưởng"),
    "achievement": gettext_lazy("Tóm tắt thành tích"),
    "consultation": gettext_lazy("Lấy ý kiến Nhân dân"),
    "council": gettext_lazy("Hội đồng Thi đua - Khen thưởng"),
    "state": gettext_lazy("Trạng thái"),
    # The council and the consultations
    "choice": gettext_lazy("Phiếu"),
    "member": gettext_lazy("Thành viên Hội đồng"),
    "present_member_ids": gettext_lazy("Thành viên có mặt"),
    "votes_for": gettext_lazy("Số phiếu đồng ý"),
    "votes_against": gettext_lazy("Số phiếu không đồng ý"),
    "summary": gettext_lazy("Kết quả lấy ý kiến"),
}

# Entry transitions shown as buttons of a row, and the dossier states in which each makes sense (the services check
# the guards again; this only keeps buttons that cannot work off the page).
ENTRY_BUTTON_DOSSIER_STATES: dict[str, frozenset[str] | None] = {
    "return_entry": frozenset({DossierState.SUBMITTED, DossierState.RECEIVED}),
    "approve": frozenset({DossierState.RECEIVED}),
    "reject": frozenset({DossierState.RECEIVED}),
    "forward": frozenset({DossierState.RECEIVED}),
    "record_decision": None,  # the centre answers whatever the dossier's state
    "record_refusal": None,
}
# Taken elsewhere: the appraisal has its page, the consultation and the vote their own, the decision its signing.
ENTRY_PAGE_CODES = frozenset({"appraise", "consult", "vote", "decide"})


def report_error(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal as messages, with this area's names of the fields it may name."""
    core_views.report_error(request, error, ERROR_LABELS)


def detail_url(dossier_id: int, anchor: str = "") -> str:
    url = reverse("dossiers:detail", args=[dossier_id])
    return f"{url}#{anchor}" if anchor else url


def held_role_codes(user) -> set[str]:
    """The codes of the roles the user holds now, anywhere (one query: which tabs to offer)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_dossier_role_codes", None)
    if cached is None:
        cached = set(RoleAssignment.objects.current().filter(user=user).values_list("role__code", flat=True))
        user._dossier_role_codes = cached
    return cached


class DossierAreaMixin:
    """The pages of the dossier area share the "Hồ sơ" menu entry and a row of tabs: the unit's outbox for
    everyone; the inbox, the council's sessions and the consultations for those who serve an authority."""

    nav_section = "dossiers"
    area_tab = ""
    request: HttpRequest

    def area_tabs(self) -> list[dict]:
        user = self.request.user
        codes = {"*"} if user.is_superuser else held_role_codes(user)
        everyone = "*" in codes

        def offered(roles) -> bool:
            return everyone or bool(codes & set(roles))

        tabs = [("outbox", "dossiers:outbox", _("Hồ sơ của đơn vị"), True)]
        tabs.append(("inbox", "dossiers:inbox", _("Hồ sơ đến"), offered(BOARD_ROLES)))
        council_roles = COUNCIL_VOTER_ROLES | COUNCIL_SECRETARY_ROLES
        tabs.append(("council", "dossiers:sessions", _("Phiên họp Hội đồng"), offered(council_roles)))
        tabs.append(("consultations", "dossiers:consultations", _("Lấy ý kiến Nhân dân"), offered(BOARD_ROLES)))
        return [
            {"url": reverse(name), "label": label, "current": key == self.area_tab}
            for key, name, label, shown in tabs
            if shown
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["area_tabs"] = self.area_tabs()
        return context


# --- Lists ----------------------------------------------------------------------------------------------------

OUTBOX_FILTERS = {
    "": gettext_lazy("Đang xử lý"),
    "all": gettext_lazy("Tất cả"),
    **{state.value: state.label for state in DossierState},
}


def dossier_columns(*, assignee: bool = False) -> list[Column]:
    """The columns of an exported dossier list (the page's, plus the dates)."""
    columns = [Column(_("Trích yếu"), 48), Column(_("Đơn vị trình"), 32), Column(_("Cấp trình"), 32),
               Column(_("Trạng thái"), 18), Column(_("Trình lúc"), 16), Column(_("Hạn xử lý"), 12),
               Column(_("Quá hạn"), 9)]  # fmt: skip
    if assignee:
        columns.append(Column(_("Cán bộ thẩm định"), 24))
    return [*columns, Column(_("Số đề nghị"), 10)]


def dossier_row(dossier: Dossier, *, assignee: bool = False) -> list:
    row = [dossier.title, dossier.unit.name, dossier.authority.name if dossier.authority else "",
           dossier.get_state_display(), dossier.submitted_at, dossier.due_on,
           _("Quá hạn") if dossier.is_overdue else ""]  # fmt: skip
    if assignee:
        row.append(dossier.assignee.display_name if dossier.assignee else "")
    return [*row, dossier.entry_count]


class OutboxView(XlsxExportMixin, DossierAreaMixin, ScopedListView):
    """ "Hồ sơ của đơn vị": the dossiers of the user's units, newest first, with state, authority, due date and entry
    count; the open ones by default. ``?format=xlsx``: every dossier of the filter."""

    area_tab = "outbox"
    template_name = "dossiers/outbox.html"
    model = Dossier
    descending = True

    @cached_property
    def state(self) -> str:
        state = self.request.GET.get("state", "")
        return state if state in OUTBOX_FILTERS else ""

    def get_queryset(self):
        dossiers = queries.outbox(self.request.user).select_related("unit", "authority", "movement")
        if self.state == "":
            return dossiers.exclude(state__in=[DossierState.CLOSED, DossierState.WITHDRAWN])
        if self.state == "all":
            return dossiers
        return dossiers.filter(state=self.state)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        can_create = user.is_superuser or bool(held_role_codes(user) & DOSSIER_ROLES)
        return super().get_context_data(filters=OUTBOX_FILTERS, state=self.state, can_create=can_create, **kwargs)

    xlsx_title = gettext_lazy("Hồ sơ của đơn vị")

    def xlsx_filters(self) -> list[str]:
        return [_("Trạng thái: %(state)s") % {"state": OUTBOX_FILTERS[self.state]}]

    def xlsx_columns(self) -> list[Column]:
        return dossier_columns()

    def xlsx_row(self, dossier: Dossier) -> list:
        return dossier_row(dossier)


INBOX_STATES = (DossierState.SUBMITTED, DossierState.RECEIVED, DossierState.RETURNED)


class InboxView(XlsxExportMixin, DossierAreaMixin, StaffView, TemplateView):
    """ "Hồ sơ đến": dossiers addressed to the authorities the user serves, the nearest deadline first; overdue ones
    marked. Filters: the state, and only those assigned to the user. ``?format=xlsx``: all of them, not only the
    first ``limit``."""

    area_tab = "inbox"
    template_name = "dossiers/inbox.html"
    limit = 300
    xlsx_title = gettext_lazy("Hồ sơ đến")

    @cached_property
    def state(self) -> str:
        state = self.request.GET.get("state", "")
        return state if state in INBOX_STATES else ""

    @cached_property
    def mine(self) -> bool:
        return self.request.GET.get("mine") == "1"

    def get_queryset(self):
        dossiers = queries.inbox(self.request.user, mine=self.mine).select_related("unit", "authority", "assignee")
        return dossiers.filter(state=self.state) if self.state else dossiers

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = list(self.get_queryset()[: self.limit + 1])
        return super().get_context_data(
            dossiers=rows[: self.limit],
            more=len(rows) > self.limit,
            limit=self.limit,
            states=[(value.value, value.label) for value in INBOX_STATES],
            state=self.state,
            mine=self.mine,
            **kwargs,
        )

    def xlsx_queryset(self):
        return self.get_queryset()  # the page's order: the nearest deadline first

    def xlsx_filters(self) -> list[str]:
        lines = [_("Trạng thái: %(state)s") % {"state": DossierState(self.state).label}] if self.state else []
        return [*lines, _("Chỉ hồ sơ tôi được phân công")] if self.mine else lines

    def xlsx_columns(self) -> list[Column]:
        return dossier_columns(assignee=True)

    def xlsx_row(self, dossier: Dossier) -> list:
        return dossier_row(dossier, assignee=True)


# --- Creating ---------------------------------------------------------------------------------------------------


class DossierCreateView(DossierAreaMixin, ScopedCreateView):
    """A new draft dossier of a unit the user prepares for."""

    area_tab = "outbox"
    template_name = "dossiers/dossier_form.html"
    service_error_labels = ERROR_LABELS

    def has_permission(self) -> bool:
        user = self.request.user
        return user.is_superuser or bool(held_role_codes(user) & DOSSIER_ROLES)

    def get_form(self, form_class=None) -> DossierForm:
        return DossierForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form: DossierForm) -> HttpResponse:
        if not rules.can_prepare_dossier(self.request.user, form.cleaned_data["unit"]):
            form.add_error("unit", _("Bạn không lập hồ sơ đề nghị thay mặt đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: DossierForm) -> Dossier:
        data = form.cleaned_data
        return services.create_dossier(
            data["unit"], by=self.request.user, kind=data["kind"], title=data["title"], authority=data["authority"],
            movement=data["movement"], year=data["year"], procedure=data["procedure"],
        )  # fmt: skip

    def still_allowed(self, obj: Dossier) -> bool:
        return scoped(Dossier, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã tạo hồ sơ dự thảo; hãy thêm đề nghị và tài liệu rồi trình."))
        return detail_url(self.saved_object.pk)


class YearEndCreateView(DossierAreaMixin, ScopedCreateView):
    """ "Lập hồ sơ tổng kết năm": one draft dossier with an entry for every person and unit the eligibility
    suggestions find for the year and the chosen titles, built in one step."""

    area_tab = "outbox"
    template_name = "dossiers/year_end_form.html"
    service_error_labels = ERROR_LABELS

    def has_permission(self) -> bool:
        user = self.request.user
        return user.is_superuser or bool(held_role_codes(user) & DOSSIER_ROLES)

    def get_form(self, form_class=None) -> YearEndForm:
        return YearEndForm(user=self.request.user, **self.get_form_kwargs())

    def form_valid(self, form: YearEndForm) -> HttpResponse:
        if not rules.can_prepare_dossier(self.request.user, form.cleaned_data["unit"]):
            form.add_error("unit", _("Bạn không lập hồ sơ đề nghị thay mặt đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: YearEndForm) -> Dossier:
        data = form.cleaned_data
        statuses = (Status.ELIGIBLE, Status.TO_WEIGH) if data["include_review"] else (Status.ELIGIBLE,)
        return year_end.build_year_end_dossier(
            data["unit"], by=self.request.user, year=data["year"], award_codes=tuple(data["award_codes"]),
            authority=data["authority"], statuses=statuses,
        )  # fmt: skip

    def still_allowed(self, obj: Dossier) -> bool:
        return scoped(Dossier, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        dossier = self.saved_object
        messages.success(
            self.request,
            _("Đã lập hồ sơ tổng kết năm %(year)s với %(count)d đề nghị.")
            % {"year": dossier.year, "count": dossier.entries.count()},
        )
        return detail_url(dossier.pk)


# --- The dossier page -----------------------------------------------------------------------------------------


@dataclass
class EntryRow:
    """One entry of the dossier page with what the user may do to it."""

    entry: DossierEntry
    eligibility: dict
    actions: list = field(default_factory=list)  # Transition rows shown as buttons
    can_appraise: bool = False
    can_consult: bool = False  # appraised, its award must be published first: the consultations page takes it
    can_edit: bool = False
    can_remove: bool = False
    vote: AgendaItem | None = None
    attachments: list = field(default_factory=list)
    copy: DossierEntry | None = None  # the copy upstream, when forwarded
    copy_visible: bool = False
    outside: bool = False  # forwarded outside the deployment: the board records the centre's answer
    original_visible: bool = False

    @property
    def codes(self) -> set[str]:
        return {row.code for row in self.actions}


def state_label(event: DossierEvent, state: str) -> str:
    if not state:
        return ""
    choices = EntryState if event.entry_id else DossierState
    try:
        return str(choices(state).label)
    except ValueError:
        return state


def field_label(name: str) -> str:
    try:
        return str(DossierEntry._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def change_lines(changes) -> list[str]:
    """What a resubmission changed, as Vietnamese lines (the services store field names and file names)."""
    lines = []
    for change in changes or []:
        if not isinstance(change, dict):
            lines.append(str(change))
            continue
        parts = []
        if change.get("fields"):
            parts.append(_("sửa %(fields)s") % {"fields": ", ".join(field_label(name) for name in change["fields"])})
        if change.get("added"):
            parts.append(_("thêm tài liệu %(files)s") % {"files": ", ".join(map(str, change["added"]))})
        if change.get("removed"):
            parts.append(_("gỡ tài liệu %(files)s") % {"files": ", ".join(map(str, change["removed"]))})
        if not parts:
            parts.append(_("không thay đổi"))
        nominee = change.get("nominee")
        lines.append(f"{nominee}: {'; '.join(parts)}" if nominee else "; ".join(parts))
    return lines


def event_detail(event: DossierEvent) -> str:
    """The one line a step adds to the timeline besides its label and reason (what was checked, who was assigned,
    which session, which document)."""
    data = event.data or {}
    action = event.action
    if action == "checklist":
        verdict = _("Đạt") if data.get("ok") else _("Không đạt")
        return f"{data.get('label', '')}: {verdict}"
    if action == "assign":
        text = _("Cán bộ thẩm định: %(officer)s") % {"officer": data.get("officer_name", "")}
        return text + (" " + _("(phân công tự động)") if data.get("automatic") else "")
    if action in ("attachment_added", "attachment_removed"):
        return str(data.get("name", ""))
    if action == "entry_updated":
        return _("Sửa: %(fields)s") % {"fields": ", ".join(field_label(name) for name in data.get("fields", []))}
    if action in ("council_scheduled", "voting_opened", "voting_closed"):
        return _("Phiên họp: %(title)s") % {"title": data.get("title", "")}
    if action in ("record_decision", "record_refusal"):
        return _("Văn bản: %(reference)s, ngày %(on)s") % {"reference": data.get("reference", ""),
                                                          "on": data.get("on", "")}  # fmt: skip
    if action == "own_council_recorded":
        return _("Họp ngày %(day)s, %(present)s/%(members)s thành viên dự họp") % {
            "day": data.get("met_on", ""), "present": data.get("present", ""), "members": data.get("members", ""),
        }  # fmt: skip
    if action == "vote" and data.get("base"):
        return _("%(votes)s/%(base)s phiếu đồng ý") % {"votes": data.get("votes_for"), "base": data.get("base")}
    if action in ("created", "submit", "resubmit") and data.get("entries") and isinstance(data["entries"], int):
        return _("%(count)s đề nghị") % {"count": data["entries"]}
    return ""


def timeline(dossier: Dossier) -> list[dict]:
    """The dossier's steps, oldest first, with Vietnamese labels."""
    rows = []
    events = dossier.events.select_related(
        "entry__award_type", "entry__person", "entry__unit", "entry__household"
    ).order_by("at", "id")
    for event in events:
        rows.append({
            "event": event,
            "label": workflow.EVENT_LABELS.get(event.action, event.action),
            "from": state_label(event, event.from_state),
            "to": state_label(event, event.to_state),
            "entry": f"{event.entry.nominee_name} – {event.entry.award_type.name}" if event.entry_id else "",
            "changes": change_lines((event.data or {}).get("changes")),
            "detail": event_detail(event),
        })  # fmt: skip
    return rows


class DossierDetailView(DossierAreaMixin, ScopedDetailView):
    """One dossier: header, the buttons of the transitions the user may take, missing documents, entries with their
    eligibility and actions, documents, the unit's own council, and the full timeline."""

    template_name = "dossiers/dossier_detail.html"
    model = Dossier

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "unit", "authority__unit", "authority__kind", "movement", "milestone", "created_by", "assignee",
                "submitted_by", "forwarded_from", "package",
            )
        )  # fmt: skip

    def entries(self, dossier: Dossier) -> list[DossierEntry]:
        copies = DossierEntry.objects.select_related("dossier__authority__unit")
        return list(
            dossier.entries.select_related("person", "unit", "household", "award_type", "exemplary_model",
                                           "score_sheet__cluster", "forwarded_from", "consultation")
            .prefetch_related(Prefetch("forwarded_copies", queryset=copies))
            .order_by("pk")
        )  # fmt: skip

    def entry_rows(self, dossier: Dossier, entries: list[DossierEntry], attachments: list) -> list[EntryRow]:
        user = self.request.user
        # Who acts on an entry depends only on the dossier and the row's roles: ask once per role set.
        allowed: dict[tuple, bool] = {}

        def may(code: str) -> bool:
            row = transitions.TRANSITIONS[code]
            key = (row.side, row.roles)
            if key not in allowed:
                allowed[key] = transitions.may(user, code, dossier)
            return allowed[key]

        can_prepare = rules.can_prepare_dossier(user, dossier.unit)
        votes = {
            item.entry_id: item
            for item in AgendaItem.objects.filter(entry__dossier=dossier, session__state=SessionState.CLOSED)
            .select_related("session")
            .order_by("session__closed_at", "pk")
        }
        by_entry: dict[int, list] = {}
        for attachment in attachments:
            if attachment.entry_id:
                by_entry.setdefault(attachment.entry_id, []).append(attachment)
        linked = {e.forwarded_from.dossier_id for e in entries if e.forwarded_from_id}
        for entry in entries:
            linked.update(copy.dossier_id for copy in entry.forwarded_copies.all())
        visible = set(scoped(Dossier, user).filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
        grants: dict[int, bool] = {}

        def grants_itself(entry: DossierEntry) -> bool:
            if entry.award_type_id not in grants:
                grants[entry.award_type_id] = workflow.can_grant(dossier.authority, entry.award_type)
            return grants[entry.award_type_id]

        rows = []
        for entry in entries:
            actions = []
            for code, states in ENTRY_BUTTON_DOSSIER_STATES.items():
                row = transitions.TRANSITIONS[code]
                if entry.state in row.sources and (states is None or dossier.state in states) and may(code):
                    actions.append(row)
            if actions and any(row.code in ("approve", "forward") for row in actions):
                # Approve what the authority grants itself; forward the rest.
                skip = "forward" if grants_itself(entry) else "approve"
                actions = [row for row in actions if row.code != skip]
            copies = list(entry.forwarded_copies.all())
            copy = copies[-1] if copies else None
            outside = (
                copy is not None and copy.dossier.authority is not None and copy.dossier.authority.unit.is_external
            )
            if not outside:
                actions = [row for row in actions if row.code not in ("record_decision", "record_refusal")]
            rows.append(
                EntryRow(
                    entry=entry,
                    eligibility=workflow.eligibility_summary(entry),
                    actions=actions,
                    can_appraise=(entry.state == EntryState.PROPOSED and dossier.state == DossierState.RECEIVED
                                  and may("appraise")),
                    can_consult=(entry.state == EntryState.APPRAISED and dossier.state == DossierState.RECEIVED
                                 and entry.award_type.needs_public_consultation and entry.consultation_id is None
                                 and may("consult")),
                    # rules.can_edit_entry, with the user's role looked up once for the whole table
                    can_edit=can_prepare
                    and (
                        dossier.state == DossierState.DRAFT
                        or (dossier.state == DossierState.RETURNED and entry.state == EntryState.RETURNED)
                    ),
                    can_remove=can_prepare and dossier.state == DossierState.DRAFT,
                    vote=votes.get(entry.pk),
                    attachments=by_entry.get(entry.pk, []),
                    copy=copy,
                    copy_visible=copy is not None and copy.dossier_id in visible,
                    outside=outside,
                    original_visible=entry.forwarded_from_id is not None and entry.forwarded_from.dossier_id in visible,
                )
            )  # fmt: skip
        return rows

    def unit_forms(self, dossier: Dossier) -> dict[str, Any]:
        """The forms of the unit's side (add an entry, the own council) and of documents, where the user may."""
        user = self.request.user
        can_prepare = rules.can_prepare_dossier(user, dossier.unit)
        can_documents = rules.may_edit_documents(user, dossier)
        own_council = None
        if rules.can_record_own_council(user, dossier):
            fields = ("met_on", "members", "present", "notes")
            initial = {name: getattr(dossier, f"own_council_{name}") for name in fields}
            own_council = OwnCouncilForm(prefix="council", initial={**initial, "version": dossier.version})
        return {
            "can_documents": can_documents,
            "entry_form": EntryForm(dossier=dossier, user=user, prefix="entry")
            if can_prepare and dossier.state == DossierState.DRAFT
            else None,
            "attachment_form": AttachmentForm(dossier=dossier, prefix="doc") if can_documents else None,
            "own_council_form": own_council,
        }

    def links(self, dossier: Dossier) -> dict[str, Any]:
        """The dossiers it is linked to by forwarding, and whether the user may open them."""
        visible = scoped(Dossier, self.request.user)
        return {
            "forwarded_dossiers": list(visible.filter(forwarded_from=dossier).select_related("authority")),
            "forwarded_from_visible": dossier.forwarded_from_id is not None
            and visible.filter(pk=dossier.forwarded_from_id).exists(),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        dossier, user = self.object, self.request.user
        attachments = list(
            dossier.attachments.select_related(
                "file", "document_kind", "entry__award_type", "entry__person", "entry__unit", "entry__household",
                "uploaded_by",
            )
        )  # fmt: skip
        rows = self.entry_rows(dossier, self.entries(dossier), attachments)
        actions = transitions.available(user, dossier)
        # Missing documents matter while the unit prepares and the board decides whether to receive.
        checking = dossier.state in (DossierState.DRAFT, DossierState.RETURNED, DossierState.SUBMITTED)
        forwardable = [row for row in rows if "forward" in row.codes]
        return super().get_context_data(
            dossier=dossier,
            rows=rows,
            entry_count=len(rows),
            actions=actions,
            officers=list(officers_of(dossier)) if any(row.code == "assign" for row in actions) else [],
            missing=queries.missing_documents(dossier) if checking else [],
            attachments=attachments,
            forwardable=forwardable,
            forward_target=forwarding.target_authority(forwardable[0].entry) if forwardable else None,
            events=timeline(dossier),
            board_side=transitions.may(user, "consult", dossier),
            **self.unit_forms(dossier),
            **self.links(dossier),
            **kwargs,
        )


# --- Transitions ----------------------------------------------------------------------------------------------


def dossier_for(user, pk: int) -> Dossier:
    return get_object_or_404(scoped(Dossier, user).select_related("unit", "authority__unit"), pk=pk)


def entry_for(user, pk: int) -> DossierEntry:
    entries = scoped(DossierEntry, user).select_related("dossier__unit", "dossier__authority__unit", "award_type")
    return get_object_or_404(entries, pk=pk)


def run_dossier_step(code: str, dossier: Dossier, *, by, data: dict) -> str:
    """Take a dossier transition through its service; the success message."""
    version, reason = data.get("version"), data.get("reason") or ""
    if code == "submit":
        workflow.submit(dossier, by=by, expected_version=version)
        return _("Đã trình hồ sơ; %(authority)s đã được thông báo.") % {
            "authority": dossier.authority or _("cấp trình")
        }
    if code == "resubmit":
        workflow.resubmit(dossier, by=by, expected_version=version)
        return _("Đã trình lại hồ sơ.")
    if code == "withdraw":
        workflow.withdraw(dossier, by=by, reason=reason, expected_version=version)
        return _("Đã rút hồ sơ.")
    if code == "return":
        workflow.return_dossier(dossier, by=by, reason=reason, expected_version=version)
        return _("Đã trả lại hồ sơ cho đơn vị; đơn vị đã được thông báo.")
    if code == "receive":
        workflow.receive(dossier, by=by, expected_version=version)
        return _("Đã tiếp nhận hồ sơ.")
    if code == "assign":
        dossier = workflow.assign(dossier, by=by, officer=data.get("officer"), expected_version=version)
        officer = dossier.assignee.display_name if dossier.assignee else ""
        return _("Đã phân công %(officer)s thẩm định hồ sơ.") % {"officer": officer}
    if code == "close":
        workflow.close(dossier, by=by, expected_version=version)
        return _("Đã kết thúc hồ sơ.")
    raise Http404


class DossierTransitionView(StaffView, View):
    """The POST of a dossier button (trình, trình lại, rút, trả lại, tiếp nhận, phân công, kết thúc)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, code: str) -> HttpResponse:
        row = transitions.TRANSITIONS.get(code)
        if row is None or row.moves != transitions.DOSSIER:
            raise Http404
        dossier = dossier_for(request.user, pk)
        if not transitions.may(request.user, code, dossier):
            raise PermissionDenied
        form = TransitionForm(request.POST, officers=officers_of(dossier))
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(detail_url(dossier.pk))
        try:
            message = run_dossier_step(code, dossier, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(detail_url(dossier.pk))


def run_entry_step(code: str, entry: DossierEntry, *, by, data: dict) -> str:
    """Take an entry transition through its service; the success message."""
    version, reason = data.get("version"), data.get("reason") or ""
    name = {"entry": f"{entry.nominee_name} – {entry.award_type.name}"}
    if code == "return_entry":
        workflow.return_entry(entry, by=by, reason=reason, expected_version=version)
        return _("Đã trả lại đề nghị “%(entry)s” để bổ sung.") % name
    if code == "approve":
        workflow.approve(entry, by=by, expected_version=version)
        return _("Đã duyệt đề nghị “%(entry)s”.") % name
    if code == "reject":
        workflow.reject(entry, by=by, reason=reason, expected_version=version)
        return _("Đã ghi “Không duyệt” cho đề nghị “%(entry)s”.") % name
    if code in ("record_decision", "record_refusal"):
        decided = code == "record_decision"
        reference = data.get("reference") or ""
        forwarding.record_outcome(entry, by=by, decided=decided, reference=reference, on=data.get("on"), reason=reason)
        return _("Đã ghi nhận kết quả của cấp trên cho đề nghị “%(entry)s”.") % name
    raise Http404


class EntryTransitionView(StaffView, View):
    """The POST of an entry button (trả lại để bổ sung, duyệt, không duyệt, ghi nhận kết quả của cấp trên)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, code: str) -> HttpResponse:
        row = transitions.TRANSITIONS.get(code)
        if row is None or row.moves != transitions.ENTRY or code in ENTRY_PAGE_CODES or code == "forward":
            raise Http404
        entry = entry_for(request.user, pk)
        if not transitions.may(request.user, code, entry):
            raise PermissionDenied
        form = TransitionForm(request.POST)
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(detail_url(entry.dossier_id, f"entry-{entry.pk}"))
        try:
            message = run_entry_step(code, entry, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(detail_url(entry.dossier_id, f"entry-{entry.pk}"))


class ForwardView(StaffView, View):
    """ "Trình cấp trên": the chosen entries of one dossier go up to the authority that may grant them, as one new
    dossier there (or one electronic package for an authority outside the deployment)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request.user, pk)
        if not transitions.may(request.user, "forward", dossier):
            raise PermissionDenied
        ids = [value for value in request.POST.getlist("entries") if value.isdigit()]
        entries = list(dossier.entries.filter(pk__in=ids).select_related("award_type", "dossier"))
        if not entries:
            messages.error(request, _("Đề nghị: chọn ít nhất một đề nghị để trình cấp trên."))
            return HttpResponseRedirect(detail_url(dossier.pk))
        try:
            upper = forwarding.forward(entries, by=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(
                request,
                _("Đã trình %(count)d đề nghị lên %(authority)s.")
                % {"count": len(entries), "authority": upper.authority or _("cấp trên")},
            )
        return HttpResponseRedirect(detail_url(dossier.pk))


# --- Entries ----------------------------------------------------------------------------------------------------


class EntryAddView(DossierAreaMixin, ScopedObjectFormView):
    """Add a nominee to a draft dossier (the unit's side): a person working in the unit's subtree or a unit of it."""

    template_name = "dossiers/entry_form.html"
    model = Dossier
    prefix = "entry"
    service_error_labels = ERROR_LABELS

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "authority")

    def has_permission(self) -> bool:
        return rules.can_prepare_dossier(self.request.user, self.object.unit)

    def get_form(self, form_class=None) -> EntryForm:
        return EntryForm(dossier=self.object, user=self.request.user, **self.get_form_kwargs())

    def save(self, form: EntryForm) -> DossierEntry:
        data = form.cleaned_data
        return services.add_entry(
            self.object, by=self.request.user, award_type=data["award_type"], person=data["person"],
            unit=data["unit"], achievement=data["achievement"], posthumous=data["posthumous"],
        )  # fmt: skip

    def still_allowed(self, obj: DossierEntry) -> bool:
        return scoped(DossierEntry, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        entry = self.saved_object
        messages.success(
            self.request,
            _("Đã thêm đề nghị “%(entry)s”.") % {"entry": f"{entry.nominee_name} – {entry.award_type.name}"},
        )
        return detail_url(self.object.pk, "entries")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(dossier=self.object, **kwargs)


class EntryEditView(DossierAreaMixin, ScopedObjectFormView):
    """The unit's side edits an entry of a draft, or an entry the board returned for completion."""

    template_name = "dossiers/entry_edit.html"
    model = DossierEntry
    service_error_labels = ERROR_LABELS

    def get_queryset(self):
        return super().get_queryset().select_related("dossier__unit", "dossier__authority", "award_type")

    def has_permission(self) -> bool:
        return rules.can_prepare_dossier(self.request.user, self.object.dossier.unit)

    def get_form(self, form_class=None) -> EntryEditForm:
        return EntryEditForm(**self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        entry = self.object
        return {
            "achievement": entry.achievement,
            "posthumous": entry.posthumous,
            "own_council_votes_for": entry.own_council_votes_for,
            "version": entry.dossier.version,
        }

    def save(self, form: EntryEditForm) -> DossierEntry:
        data = form.cleaned_data
        return workflow.update_entry(
            self.object, by=self.request.user, expected_version=data["version"], achievement=data["achievement"],
            posthumous=data["posthumous"], own_council_votes_for=data["own_council_votes_for"],
        )  # fmt: skip

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu đề nghị."))
        return detail_url(self.object.dossier_id, f"entry-{self.object.pk}")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entry = self.object
        return super().get_context_data(
            entry=entry,
            dossier=entry.dossier,
            attachments=list(entry.attachments.select_related("file", "document_kind")),
            attachment_form=AttachmentForm(dossier=entry.dossier, prefix="doc", initial={"entry": entry.pk})
            if rules.may_edit_documents(self.request.user, entry.dossier)
            else None,
            **kwargs,
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
            report_error(request, error)
        else:
            messages.success(request, _("Đã bỏ đề nghị “%(entry)s” khỏi hồ sơ.") % {"entry": entry})
        return HttpResponseRedirect(detail_url(entry.dossier_id, "entries"))


class AppraiseView(DossierAreaMixin, ScopedObjectFormView):
    """Thẩm định one entry: what the system found for each checklist item, the officer's finding and note, then the
    recommendation. "Lưu" keeps the checklist; "Hoàn thành thẩm định" also records the appraisal."""

    template_name = "dossiers/appraise.html"
    model = DossierEntry
    service_error_labels = ERROR_LABELS

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("dossier__unit", "dossier__authority__unit", "award_type", "person", "unit", "household")
        )

    def has_permission(self) -> bool:
        return transitions.may(self.request.user, "appraise", self.object)

    @cached_property
    def editable(self) -> bool:
        entry = self.object
        return entry.state == EntryState.PROPOSED and entry.dossier.state == DossierState.RECEIVED

    @cached_property
    def saved_checks(self) -> dict[str, EntryCheck]:
        return {check.item: check for check in self.object.checks.select_related("checked_by")}

    @property
    def finishing(self) -> bool:
        return self.request.POST.get("action") == "appraise"

    def get_form(self, form_class=None) -> AppraisalForm:
        return AppraisalForm(**self.get_form_kwargs())

    def get_initial(self) -> dict[str, Any]:
        entry = self.object
        initial: dict[str, Any] = {
            "recommendation": entry.recommendation,
            "notes": entry.appraisal_notes,
            "version": entry.dossier.version,
        }
        for item, check in self.saved_checks.items():
            initial[f"ok_{item}"] = {True: "yes", False: "no"}.get(check.ok, "")
            initial[f"note_{item}"] = check.note
        return initial

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.editable:
            messages.error(request, _("Chỉ thẩm định đề nghị ở trạng thái “Đề nghị” của hồ sơ đã tiếp nhận."))
            return HttpResponseRedirect(detail_url(self.object.dossier_id, f"entry-{self.object.pk}"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AppraisalForm) -> HttpResponse:
        if self.finishing and not form.cleaned_data["recommendation"]:
            form.add_error("recommendation", _("Chọn ý kiến thẩm định để hoàn thành thẩm định."))
            return self.form_invalid(form)
        for item, (ok, note) in form.checks().items():
            if ok is None and note:
                form.add_error(f"ok_{item}", _("Chọn “Đạt” hoặc “Không đạt” cho nội dung đã ghi chú."))
        if form.errors:
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: AppraisalForm) -> DossierEntry:
        entry, user = self.object, self.request.user
        version = form.cleaned_data["version"]
        transitions.check_version(Dossier.objects.get(pk=entry.dossier_id), version)
        for item, (ok, note) in form.checks().items():
            saved = self.saved_checks.get(item)
            if ok is None or (saved is not None and saved.ok == ok and saved.note == note):
                continue
            checks.save_check(entry, item, by=user, ok=ok, note=note)
        if self.finishing:
            data = form.cleaned_data
            entry = workflow.appraise(entry, by=user, recommendation=data["recommendation"], notes=data["notes"])
        return entry

    def get_success_url(self) -> str:
        entry = self.object
        if self.finishing:
            messages.success(self.request, _("Đã thẩm định đề nghị “%(entry)s”.")
                             % {"entry": f"{entry.nominee_name} – {entry.award_type.name}"})  # fmt: skip
            return detail_url(entry.dossier_id, f"entry-{entry.pk}")
        messages.success(self.request, _("Đã lưu kết quả kiểm tra."))
        return reverse("dossiers:entry-appraise", args=[entry.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entry = self.object
        found = checks.findings(entry) if self.editable else {}
        form = kwargs.get("form") or self.get_form()
        items = []
        for row in form.items():
            saved = self.saved_checks.get(row["item"])
            items.append({**row, "found": found.get(row["item"]) or (saved.found if saved else ""), "saved": saved})
        return super().get_context_data(
            entry=entry,
            dossier=entry.dossier,
            items=items,
            editable=self.editable,
            eligibility=workflow.eligibility_summary(entry),
            check_items=CheckItem.choices,
            **kwargs,
        )


# --- Documents and the unit's council ---------------------------------------------------------------------------


class AttachmentAddView(StaffView, View):
    """Upload a document of the dossier or of one entry (the unit while it prepares; the board its own papers)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request.user, pk)
        if not rules.may_edit_documents(request.user, dossier):
            raise PermissionDenied
        form = AttachmentForm(request.POST, request.FILES, dossier=dossier, prefix="doc")
        back = request.POST.get("next", "")
        target = back if back.startswith("/app/") and "//" not in back else detail_url(dossier.pk, "documents")
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(target)
        data = form.cleaned_data
        try:
            attachment = workflow.add_attachment(
                dossier, by=request.user, upload=data["file"], document_kind=data["document_kind"],
                entry=data["entry"], title=data["title"],
            )  # fmt: skip
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã thêm tài liệu “%(name)s”.") % {"name": attachment_name(attachment)})
        return HttpResponseRedirect(target)


def attachment_name(attachment: DossierAttachment) -> str:
    """What the document is and its file: "Tờ trình đề nghị khen thưởng: to-trinh.pdf"."""
    name = attachment.title or attachment.file.name
    return f"{attachment.document_kind.name}: {name}" if attachment.document_kind_id else name


def attachment_for(user, pk: int) -> DossierAttachment:
    attachments = DossierAttachment.objects.filter(dossier__in=scoped(Dossier, user))
    related = ("file", "document_kind", "dossier__unit", "dossier__authority__unit")
    return get_object_or_404(attachments.select_related(*related), pk=pk)


class AttachmentDownloadView(StaffView, View):
    """A document of a dossier the user may see."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return file_response(attachment_for(request.user, pk).file)


class AttachmentRemoveView(StaffView, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        attachment = attachment_for(request.user, pk)
        if not rules.may_edit_documents(request.user, attachment.dossier):
            raise PermissionDenied
        try:
            workflow.remove_attachment(attachment, by=request.user)
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã gỡ tài liệu “%(name)s”.") % {"name": attachment_name(attachment)})
        return HttpResponseRedirect(detail_url(attachment.dossier_id, "documents"))


class PackageDownloadView(StaffView, View):
    """The electronic package (Word and PDF files with a manifest) of a dossier sent outside the deployment."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = get_object_or_404(scoped(Dossier, request.user).select_related("package"), pk=pk)
        if dossier.package_id is None:
            raise Http404
        return forwarding.package_response(dossier)


class OwnCouncilView(StaffView, View):
    """The result of the submitting unit's own council (required before a year-end dossier is submitted)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = dossier_for(request.user, pk)
        if not rules.can_prepare_dossier(request.user, dossier.unit):
            raise PermissionDenied
        form = OwnCouncilForm(request.POST, prefix="council")
        if not form.is_valid():
            report_form_errors(request, form)
            return HttpResponseRedirect(detail_url(dossier.pk, "own-council"))
        data = form.cleaned_data
        try:
            workflow.record_own_council(
                dossier, by=request.user, met_on=data["met_on"], members=data["members"], present=data["present"],
                notes=data["notes"], expected_version=data["version"],
            )  # fmt: skip
        except ValidationError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Đã ghi kết quả họp Hội đồng TĐKT của đơn vị."))
        return HttpResponseRedirect(detail_url(dossier.pk, "own-council"))


# --- Entries made from the movements app ------------------------------------------------------------------------


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
            report_error(request, error)
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
            report_error(request, error)
            return HttpResponseRedirect(back)
        if not entries:
            messages.info(request, _("Bảng điểm không có đơn vị nào được đề nghị khen thưởng."))
            return HttpResponseRedirect(back)
        messages.success(request, _("Đã đưa %(count)d đơn vị vào hồ sơ đề nghị khen thưởng.") % {"count": len(entries)})
        return landing(request.user, entries[0].dossier_id, back)
