"""Staff pages of the council (Hội đồng Thi đua - Khen thưởng): the sessions, a new session (the secretary), the
session page (agenda, attendance, opening and closing the vote for the chair, paper tallies for the secretary, the
results once closed) and a member's voting page (each item with "Đồng ý" / "Không đồng ý", "Đã bỏ phiếu" after,
declaring a conflict of interest; never a count before the close).

Thin views: scope from ``scoped`` (404), rights from the predicates of ``thidua.dossiers.council`` (403), writes
from its services. A vote's choice is never echoed back (not in a message, not in a redirect): the page says only
that the member has voted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.catalog.models import CouncilBody
from thidua.core.views import ScopedCreateView, ScopedDetailView, ScopedListView, StaffView
from thidua.dossiers import council
from thidua.dossiers.council_forms import (
    AgendaForm,
    AttendanceForm,
    CloseForm,
    RecusalForm,
    SessionForm,
    TallyForm,
    VoteForm,
    council_authorities,
)
from thidua.dossiers.enums import DossierState, EntryState, Recommendation, SessionState, VotingMode
from thidua.dossiers.models import AgendaItem, CouncilSession, DossierEntry
from thidua.dossiers.views import DossierAreaMixin, report_error, report_form_errors


def session_url(session_id: int, anchor: str = "") -> str:
    url = reverse("dossiers:session-detail", args=[session_id])
    return f"{url}#{anchor}" if anchor else url


def session_for(user, pk: int) -> CouncilSession:
    return get_object_or_404(scoped(CouncilSession, user).select_related("authority__unit"), pk=pk)


def item_for(user, pk: int) -> AgendaItem:
    items = AgendaItem.objects.filter(session__in=scoped(CouncilSession, user))
    return get_object_or_404(items.select_related("session__authority__unit", "entry__award_type"), pk=pk)


def candidates(session: CouncilSession, user) -> list[DossierEntry]:
    """Appraised entries of received dossiers addressed to the session's authority that need this council's vote
    and are on no agenda of this session yet (the service checks the rest: consultation, other sessions)."""
    entries = (
        scoped(DossierEntry, user)
        .filter(
            dossier__authority=session.authority, dossier__state=DossierState.RECEIVED,
            state__in=[EntryState.APPRAISED, EntryState.IN_CONSULTATION],
            award_type__council_body=CouncilBody.COUNCIL, recommendation=Recommendation.PROPOSE,
        )
        .exclude(agenda_items__session=session)
        .select_related("award_type", "dossier__unit", "person", "unit", "household")
        .order_by("dossier_id", "pk")
    )  # fmt: skip
    return list(entries[:500])


class SessionListView(DossierAreaMixin, ScopedListView):
    """The council sessions the user may see (of authorities they serve, or where they sit), newest first."""

    area_tab = "council"
    template_name = "dossiers/session_list.html"
    model = CouncilSession
    descending = True

    def get_queryset(self):
        return super().get_queryset().select_related("authority")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(can_create=council_authorities(user).exists(), **kwargs)


class SessionCreateView(DossierAreaMixin, ScopedCreateView):
    """A new planned session of an authority's council (the secretary's side)."""

    area_tab = "council"
    template_name = "dossiers/session_form.html"
    service_error_labels = {"members": gettext_lazy("Thành viên Hội đồng")}

    def has_permission(self) -> bool:
        return council_authorities(self.request.user).exists()

    def get_form(self, form_class=None) -> SessionForm:
        return SessionForm(user=self.request.user, **self.get_form_kwargs())

    def save(self, form: SessionForm) -> CouncilSession:
        data = form.cleaned_data
        return council.schedule_session(
            data["authority"], by=self.request.user, title=data["title"], meets_on=data["meets_on"],
            place=data["place"], mode=data["mode"], threshold_base=data["threshold_base"],
        )  # fmt: skip

    def still_allowed(self, obj: CouncilSession) -> bool:
        return scoped(CouncilSession, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lập phiên họp; các thành viên Hội đồng đã được thông báo."))
        return session_url(self.saved_object.pk)


class SessionDetailView(DossierAreaMixin, ScopedDetailView):
    """One session: members and attendance, the agenda, the chair's and the secretary's buttons, and the results
    once the chair has closed the vote."""

    area_tab = "council"
    template_name = "dossiers/session_detail.html"
    model = CouncilSession

    def get_queryset(self):
        return super().get_queryset().select_related("authority__unit", "created_by")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        session, user = self.object, self.request.user
        members = list(session.members.select_related("user"))
        items = list(
            session.items.select_related("entry__award_type", "entry__dossier__unit").prefetch_related(
                "recusals__member"
            )
        )
        for item in items:
            # The counters stay on the server until the close (results() gives them then).
            item.votes_for = item.votes_against = None
        can_manage = council.can_manage_session(user, session)
        planned = session.state == SessionState.PLANNED
        present = [member for member in members if member.present]
        return super().get_context_data(
            session=session,
            members=members,
            present_count=len(present),
            items=items,
            can_manage=can_manage,
            can_chair=council.can_chair(user, session),
            is_voter=council.is_voter(user, session),
            agenda_form=AgendaForm(candidates=candidates(session, user)) if can_manage and planned else None,
            attendance_form=AttendanceForm(members=members, initial={"present": [str(m.pk) for m in present]})
            if can_manage and planned
            else None,
            close_form=CloseForm(initial={"minutes": session.minutes}),
            paper=session.mode == VotingMode.PAPER,
            results=council.results(session, user=user),
            **kwargs,
        )


class SessionActionView(StaffView, View):
    """A POST on a session: the session in scope (404), then the action's own right (403)."""

    http_method_names = ["post"]

    def allowed(self, session: CouncilSession) -> bool:
        raise NotImplementedError

    def act(self, request: HttpRequest, session: CouncilSession) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        session = session_for(request.user, pk)
        if not self.allowed(session):
            raise PermissionDenied
        try:
            message = self.act(request, session)
        except ValidationError as error:
            report_error(request, error)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.next_url(session))

    def next_url(self, session: CouncilSession) -> str:
        return session_url(session.pk)


class AgendaAddView(SessionActionView):
    def allowed(self, session: CouncilSession) -> bool:
        return council.can_manage_session(self.request.user, session)

    def act(self, request: HttpRequest, session: CouncilSession) -> str:
        form = AgendaForm(request.POST, candidates=candidates(session, request.user))
        if not form.is_valid():
            report_form_errors(request, form)
            return ""
        ids = [int(pk) for pk in form.cleaned_data["entries"]]
        entries = scoped(DossierEntry, request.user).filter(pk__in=ids).select_related("dossier")
        items = council.add_to_agenda(session, list(entries), by=request.user)
        return _("Đã đưa %(count)d đề nghị vào chương trình họp.") % {"count": len(items)}

    def next_url(self, session: CouncilSession) -> str:
        return session_url(session.pk, "agenda")


class AttendanceView(SessionActionView):
    def allowed(self, session: CouncilSession) -> bool:
        return council.can_manage_session(self.request.user, session)

    def act(self, request: HttpRequest, session: CouncilSession) -> str:
        form = AttendanceForm(request.POST, members=list(session.members.all()))
        if not form.is_valid():
            report_form_errors(request, form)
            return ""
        present = [int(pk) for pk in form.cleaned_data["present"]]
        council.set_attendance(session, by=request.user, present_member_ids=present)
        return _("Đã ghi nhận %(count)d thành viên có mặt.") % {"count": len(present)}

    def next_url(self, session: CouncilSession) -> str:
        return session_url(session.pk, "members")


class OpenVotingView(SessionActionView):
    def allowed(self, session: CouncilSession) -> bool:
        return council.can_chair(self.request.user, session)

    def act(self, request: HttpRequest, session: CouncilSession) -> str:
        council.open_voting(session, by=request.user)
        return _("Đã mở bỏ phiếu; các thành viên có mặt đã được mời bỏ phiếu.")


class CloseVotingView(SessionActionView):
    def allowed(self, session: CouncilSession) -> bool:
        return council.can_chair(self.request.user, session)

    def act(self, request: HttpRequest, session: CouncilSession) -> str:
        form = CloseForm(request.POST)
        form.is_valid()
        council.close_voting(session, by=request.user, minutes=form.cleaned_data.get("minutes", ""))
        return _("Đã kết thúc bỏ phiếu; kết quả được công bố dưới đây.")

    def next_url(self, session: CouncilSession) -> str:
        return session_url(session.pk, "results")


class AgendaItemActionView(StaffView, View):
    """A POST on one agenda item: the item's session in scope (404), then the action's right (403)."""

    http_method_names = ["post"]

    def allowed(self, item: AgendaItem) -> bool:
        raise NotImplementedError

    def act(self, request: HttpRequest, item: AgendaItem) -> str:
        raise NotImplementedError

    def next_url(self, item: AgendaItem) -> str:
        return session_url(item.session_id, "agenda")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = item_for(request.user, pk)
        if not self.allowed(item):
            raise PermissionDenied
        try:
            message = self.act(request, item)
        except ValidationError as error:
            report_error(request, error)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.next_url(item))


def item_name(item: AgendaItem) -> str:
    return f"{item.entry.nominee_name} – {item.entry.award_type.name}"


class AgendaRemoveView(AgendaItemActionView):
    def allowed(self, item: AgendaItem) -> bool:
        return council.can_manage_session(self.request.user, item.session)

    def act(self, request: HttpRequest, item: AgendaItem) -> str:
        council.remove_from_agenda(item, by=request.user)
        return _("Đã rút “%(entry)s” khỏi chương trình họp.") % {"entry": item_name(item)}


class TallyView(AgendaItemActionView):
    """The secretary enters the count of the paper ballots of one item."""

    def allowed(self, item: AgendaItem) -> bool:
        return council.can_manage_session(self.request.user, item.session)

    def act(self, request: HttpRequest, item: AgendaItem) -> str:
        form = TallyForm(request.POST, prefix=f"tally-{item.pk}")
        if not form.is_valid():
            report_form_errors(request, form)
            return ""
        data = form.cleaned_data
        council.enter_paper_tally(item, by=request.user, votes_for=data["votes_for"],
                                  votes_against=data["votes_against"])  # fmt: skip
        return _("Đã nhập kết quả kiểm phiếu cho “%(entry)s”.") % {"entry": item_name(item)}


class VotePageView(DossierAreaMixin, StaffView, TemplateView):
    """A member's voting page: each item of the agenda, a button per choice while the member may vote on it, "Đã
    bỏ phiếu" after; a form to declare a conflict of interest. No count is shown before the chair closes."""

    area_tab = "council"
    template_name = "dossiers/session_vote.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.session = session_for(request.user, kwargs["pk"])
        if not council.is_voter(request.user, self.session):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        session, user = self.session, self.request.user
        ballot = council.my_ballot(session, user)
        return super().get_context_data(
            session=session,
            ballot=ballot,
            member=session.members.filter(user_id=user.pk).first(),
            voted_count=sum(1 for row in ballot if row["voted"]),
            **kwargs,
        )


class CastVoteView(AgendaItemActionView):
    """One secret vote. The message says the vote was recorded, never which way."""

    def allowed(self, item: AgendaItem) -> bool:
        return council.is_voter(self.request.user, item.session)

    def act(self, request: HttpRequest, item: AgendaItem) -> str:
        form = VoteForm(request.POST)
        if not form.is_valid():
            raise ValidationError({"choice": _("Chọn “Đồng ý” hoặc “Không đồng ý”.")})
        council.cast_vote(item, by=request.user, choice=form.cleaned_data["choice"])
        return _("Đã ghi nhận phiếu của bạn cho đề nghị “%(entry)s”.") % {"entry": item_name(item)}

    def next_url(self, item: AgendaItem) -> str:
        return reverse("dossiers:session-vote", args=[item.session_id])


class RecuseView(AgendaItemActionView):
    """A member declares a conflict of interest on one item (or the secretary records what a member declared)."""

    def allowed(self, item: AgendaItem) -> bool:
        user = self.request.user
        return council.is_voter(user, item.session) or council.can_manage_session(user, item.session)

    def act(self, request: HttpRequest, item: AgendaItem) -> str:
        form = RecusalForm(request.POST, prefix=f"recuse-{item.pk}")
        if not form.is_valid():
            report_form_errors(request, form)
            return ""
        members = item.session.members.all()
        member_id = form.cleaned_data.get("member")
        member = members.filter(pk=member_id).first() if member_id else members.filter(user_id=request.user.pk).first()
        if member is None:
            raise ValidationError({"member": _("Không tìm thấy thành viên này trong phiên họp.")})
        council.declare_conflict(item, member, by=request.user, reason=form.cleaned_data["reason"])
        return _("Đã ghi nhận “%(name)s” không tham gia biểu quyết đề nghị “%(entry)s”.") % {
            "name": member.full_name, "entry": item_name(item),
        }  # fmt: skip

    def next_url(self, item: AgendaItem) -> str:
        if council.is_voter(self.request.user, item.session):
            return reverse("dossiers:session-vote", args=[item.session_id])
        return session_url(item.session_id, "agenda")
