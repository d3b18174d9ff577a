"""Nomination dossiers (hồ sơ đề nghị khen thưởng) and their entries, with what the workflow keeps about them: the
attachments, the timeline of transitions (DossierEvent), the appraisal checklist, the council's sessions and secret
votes, and the public consultations.

States and transitions: ``thidua.dossiers.enums`` and ``thidua.dossiers.transitions``. Writes: the service modules
(``services``, ``workflow``, ``council``, ``consultation``, ``forwarding``, ``year_end``).

Ballot secrecy (issue 5): a vote is two writes that share nothing but the agenda item — a ``VoteReceipt`` (who has
voted, no choice, no time) and an ``UPDATE … SET votes_for = votes_for + 1`` on the item's counters (no row per vote,
no voter, no time). Neither is in the audit log's model tracking; the log records only "đã bỏ phiếu"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Authority, AwardType, DocumentKind
from thidua.core.models import StoredFile, TimeStampedModel
from thidua.core.scoping import Scope
from thidua.dossiers.enums import (
    CheckItem,
    CommentState,
    ConsultationState,
    DossierKind,
    DossierState,
    EntrySource,
    EntryState,
    MemberRole,
    Procedure,
    Recommendation,
    SessionState,
    ThresholdBase,
    VotingMode,
)
from thidua.movements.models import ExemplaryModel, Milestone, Movement, ScoreSheet
from thidua.orgs.models import Household, OrgUnit, Person, PositionCategory

USER = settings.AUTH_USER_MODEL


class DossierQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DossierQuerySet:
        """The submitting unit's side; once sent, also what is addressed to an authority the user serves."""
        if scope.everything:
            return self
        own = OrgUnit.objects.visible_to(scope)
        addressed = ~Q(state=DossierState.DRAFT) & Q(authority__unit_id__in=scope.serving_unit_ids)
        return self.filter(Q(unit__in=own) | addressed)

    def drafts(self) -> DossierQuerySet:
        return self.filter(state=DossierState.DRAFT)


class Dossier(TimeStampedModel):
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị trình"), on_delete=models.PROTECT,
                             related_name="dossiers")  # fmt: skip
    authority = models.ForeignKey(Authority, verbose_name=_("cấp trình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="dossiers")  # fmt: skip
    kind = models.CharField(_("loại hồ sơ"), max_length=20, choices=DossierKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="dossiers")  # fmt: skip
    milestone = models.ForeignKey(Milestone, verbose_name=_("đợt sơ kết, tổng kết"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="dossiers")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=12, choices=DossierState.choices,
                             default=DossierState.DRAFT)  # fmt: skip
    procedure = models.CharField(_("thủ tục"), max_length=12, choices=Procedure.choices, default=Procedure.NORMAL)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    # Bumped by every transition and edit: a form that shows version n may only act on version n (no lost update).
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(USER, verbose_name=_("người trình"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    # The deadline of whoever acts next (thidua.dossiers.transitions.next_actor), in working days.
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    assignee = models.ForeignKey(USER, verbose_name=_("cán bộ thẩm định"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_dossiers")  # fmt: skip
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # A dossier an authority sends up with entries it cannot grant itself, linked to the dossier they came in.
    forwarded_from = models.ForeignKey("self", verbose_name=_("chuyển từ hồ sơ"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="forwarded_dossiers")  # fmt: skip
    # The electronic package for an authority outside this deployment (Word and PDF files with a manifest).
    package = models.ForeignKey(StoredFile, verbose_name=_("gói hồ sơ điện tử"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")  # fmt: skip
    # The submitting unit's own council (Hội đồng TĐKT cơ sở) that reviewed the proposals before submission.
    own_council_met_on = models.DateField(_("ngày họp Hội đồng TĐKT của đơn vị"), null=True, blank=True)
    own_council_members = models.PositiveSmallIntegerField(_("số thành viên Hội đồng của đơn vị"), null=True,
                                                           blank=True)  # fmt: skip
    own_council_present = models.PositiveSmallIntegerField(_("số thành viên dự họp"), null=True, blank=True)
    own_council_notes = models.TextField(_("kết quả họp Hội đồng của đơn vị"), blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(own_council_present__isnull=True) | Q(own_council_members__isnull=True)
                | Q(own_council_present__lte=models.F("own_council_members")),
                name="dossier_own_council_present_le_members",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["authority", "state", "due_on"], name="dossier_inbox_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        waiting = {DossierState.SUBMITTED, DossierState.RETURNED, DossierState.RECEIVED}
        return self.due_on is not None and self.state in waiting and self.due_on < timezone.localdate()


class DossierEntryQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DossierEntryQuerySet:
        return self.filter(dossier__in=Dossier.objects.visible_to(scope))


class DossierEntry(TimeStampedModel):
    """One nominee (a person, a unit or a household) and one award type."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="dossier_entries")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="dossier_entries")  # fmt: skip
    household = models.ForeignKey(Household, verbose_name=_("hộ gia đình"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="dossier_entries")  # fmt: skip
    award_type = models.ForeignKey(AwardType, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT,
                                   related_name="dossier_entries")  # fmt: skip
    achievement = models.TextField(_("tóm tắt thành tích"), blank=True)
    state = models.CharField(_("trạng thái"), max_length=16, choices=EntryState.choices,
                             default=EntryState.PROPOSED)  # fmt: skip
    source = models.CharField(_("nguồn đề nghị"), max_length=20, choices=EntrySource.choices,
                              default=EntrySource.MANUAL)  # fmt: skip
    exemplary_model = models.ForeignKey(
        ExemplaryModel, verbose_name=_("mô hình, điển hình"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dossier_entries",
    )  # fmt: skip
    score_sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng chấm điểm"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="dossier_entries")  # fmt: skip
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    posthumous = models.BooleanField(_("truy tặng"), default=False)
    # The eligibility engine's verdict when the entry was added or the dossier submitted (None: no rule for it):
    # {"status", "rule_id", "year", "unmet": [texts], "review": [texts], "computed_at"}.
    eligibility = models.JSONField(_("kết quả xét điều kiện"), null=True, blank=True)
    # The nominee as they were at submission (DESIGN.md): decisions and reports stay true after people move.
    recipient_name = models.CharField(_("tên người, tập thể được đề nghị"), max_length=300, blank=True)
    gender = models.CharField(_("giới tính"), max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity_name = models.CharField(_("dân tộc"), max_length=100, blank=True)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=False)
    is_direct_worker = models.BooleanField(_("người trực tiếp lao động, sản xuất"), default=False)
    position_category = models.CharField(_("nhóm đối tượng"), max_length=30, choices=PositionCategory.choices,
                                         blank=True)  # fmt: skip
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit_name = models.CharField(_("đơn vị công tác"), max_length=300, blank=True)
    snapshot_at = models.DateTimeField(_("chốt thông tin lúc"), null=True, blank=True)
    # Returned for completion (trả lại để bổ sung): the board's reason, kept until the unit resubmits.
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # The unit's own council: votes in favour when the award type needs a vote at the submitting level.
    own_council_votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý tại đơn vị"), null=True, blank=True)
    recommendation = models.CharField(_("ý kiến thẩm định"), max_length=12, choices=Recommendation.choices,
                                      blank=True)  # fmt: skip
    appraisal_notes = models.TextField(_("nhận xét thẩm định"), blank=True)
    appraised_by = models.ForeignKey(USER, verbose_name=_("người thẩm định"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    appraised_at = models.DateTimeField(_("thẩm định lúc"), null=True, blank=True)
    decision_reason = models.TextField(_("lý do không duyệt"), blank=True)
    consultation = models.ForeignKey("Consultation", verbose_name=_("đợt lấy ý kiến"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="entries")  # fmt: skip
    # The copy of this entry in the dossier its authority forwarded up (linked both ways: forwarded_copies).
    forwarded_from = models.ForeignKey("self", verbose_name=_("chuyển từ đề nghị"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="forwarded_copies")  # fmt: skip
    # What the authority outside the deployment decided, recorded by the board (số, ngày văn bản).
    outcome_reference = models.CharField(_("văn bản kết quả"), max_length=200, blank=True)
    outcome_on = models.DateField(_("ngày văn bản kết quả"), null=True, blank=True)

    objects = DossierEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "đề nghị khen thưởng")
        ordering = ["dossier", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False, unit__isnull=True, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=False, household__isnull=True)
                           | Q(person__isnull=True, unit__isnull=True, household__isnull=False)),
                name="entry_one_nominee",
            ),
            models.UniqueConstraint(fields=["exemplary_model"], condition=Q(exemplary_model__isnull=False),
                                    name="entry_once_per_exemplary_model"),
            models.UniqueConstraint(fields=["score_sheet", "unit", "award_type"],
                                    condition=Q(score_sheet__isnull=False), name="entry_once_per_sheet_unit"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.nominee}: {self.award_type}"

    @property
    def nominee(self):
        return self.person or self.unit or self.household

    @property
    def nominee_name(self) -> str:
        """The snapshot once taken, else the nominee's current name."""
        return self.recipient_name or str(self.nominee)


class DossierAttachment(TimeStampedModel):
    """A document of a dossier (tờ trình, biên bản …) or of one entry (báo cáo thành tích …), as an uploaded file."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE,
                                related_name="attachments")  # fmt: skip
    entry = models.ForeignKey(DossierEntry, verbose_name=_("đề nghị"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="attachments")  # fmt: skip
    document_kind = models.ForeignKey(DocumentKind, verbose_name=_("thành phần hồ sơ"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")  # fmt: skip
    file = models.ForeignKey(StoredFile, verbose_name=_("tệp"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên tài liệu"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(USER, verbose_name=_("người tải lên"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "tài liệu hồ sơ")
        ordering = ["dossier", "entry", "document_kind", "id"]

    def __str__(self) -> str:
        return self.title or self.file.name


class DossierEventQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> DossierEventQuerySet:
        return self.filter(dossier__in=Dossier.objects.visible_to(scope))


class DossierEvent(models.Model):
    """One step of a dossier's timeline: a transition of the dossier or of one entry, who took it, when and why."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="events")
    entry = models.ForeignKey(DossierEntry, verbose_name=_("đề nghị"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="events")  # fmt: skip
    action = models.CharField(_("thao tác"), max_length=40)
    from_state = models.CharField(_("từ trạng thái"), max_length=16, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=16, blank=True)
    actor = models.ForeignKey(USER, verbose_name=_("người thực hiện"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    actor_name = models.CharField(_("tên người thực hiện"), max_length=255, blank=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    due_on = models.DateField(_("hạn xử lý tiếp theo"), null=True, blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)

    objects = DossierEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "bước xử lý hồ sơ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class EntryCheck(models.Model):
    """One item of the appraisal checklist of an entry: what the system found, and the officer's finding."""

    entry = models.ForeignKey(DossierEntry, verbose_name=_("đề nghị"), on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(_("nội dung kiểm tra"), max_length=20, choices=CheckItem.choices)
    found = models.TextField(_("hệ thống ghi nhận"), blank=True)
    # None: not yet checked; True: satisfied; False: not satisfied.
    ok = models.BooleanField(_("đạt"), null=True, blank=True)
    note = models.TextField(_("ghi chú của cán bộ thẩm định"), blank=True)
    checked_by = models.ForeignKey(USER, verbose_name=_("người kiểm tra"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    checked_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nội dung thẩm định")
        verbose_name_plural = pgettext_lazy("số nhiều", "nội dung thẩm định")
        ordering = ["entry", "id"]
        constraints = [models.UniqueConstraint(fields=["entry", "item"], name="entry_check_once")]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.get_item_display()}"


class CouncilSessionQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> CouncilSessionQuerySet:
        """Sessions of an authority the user serves, or of an authority seated in the user's subtrees."""
        if scope.everything:
            return self
        return self.filter(
            Q(authority__unit_id__in=scope.serving_unit_ids) | Q(authority__unit__in=OrgUnit.objects.visible_to(scope))
            | Q(members__user_id=scope.user_id)
        ).distinct()  # fmt: skip


class CouncilSession(TimeStampedModel):
    """A meeting of an authority's Hội đồng Thi đua - Khen thưởng with an agenda of entries to vote on."""

    authority = models.ForeignKey(Authority, verbose_name=_("cấp có thẩm quyền"), on_delete=models.PROTECT,
                                  related_name="council_sessions")  # fmt: skip
    title = models.CharField(_("tên phiên họp"), max_length=300)
    meets_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=SessionState.choices,
                             default=SessionState.PLANNED)  # fmt: skip
    mode = models.CharField(_("hình thức bỏ phiếu"), max_length=10, choices=VotingMode.choices,
                            default=VotingMode.ONLINE)  # fmt: skip
    # Share of the members who must be present to vote (DOMAIN.md §4.2: sessions on awards need ≥ 80 %).
    quorum = models.DecimalField(_("tỷ lệ thành viên dự họp tối thiểu"), max_digits=4, decimal_places=3)
    threshold_base = models.CharField(_("cách tính tỷ lệ phiếu"), max_length=16, choices=ThresholdBase.choices,
                                      default=ThresholdBase.FULL)  # fmt: skip
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    # Minutes (biên bản) data for the documents: what was discussed, conclusions; the tallies are on the items.
    minutes = models.TextField(_("nội dung biên bản"), blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    version = models.PositiveIntegerField(_("phiên bản"), default=0)

    objects = CouncilSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên họp Hội đồng Thi đua - Khen thưởng")
        verbose_name_plural = pgettext_lazy("số nhiều", "phiên họp Hội đồng Thi đua - Khen thưởng")
        ordering = ["-meets_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CouncilMember(models.Model):
    """A member of the council for one session; ``present`` is recorded when voting opens (the quorum)."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), on_delete=models.CASCADE,
                                related_name="members")  # fmt: skip
    user = models.ForeignKey(USER, verbose_name=_("tài khoản"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="council_seats")  # fmt: skip
    full_name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    role = models.CharField(_("vai trò trong Hội đồng"), max_length=10, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)  # fmt: skip
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = pgettext_lazy("số nhiều", "thành viên Hội đồng")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], condition=Q(user__isnull=False),
                                    name="council_member_once"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.full_name


class AgendaItem(models.Model):
    """One entry on a session's agenda with its tally. The counters change only by ``UPDATE … + 1`` (no signal, no
    audit row, no timestamp) and are shown only once the session is closed."""

    session = models.ForeignKey(CouncilSession, verbose_name=_("phiên họp"), on_delete=models.CASCADE,
                                related_name="items")  # fmt: skip
    entry = models.ForeignKey(DossierEntry, verbose_name=_("đề nghị"), on_delete=models.PROTECT,
                              related_name="agenda_items")  # fmt: skip
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    votes_for = models.PositiveIntegerField(_("số phiếu đồng ý"), default=0)
    votes_against = models.PositiveIntegerField(_("số phiếu không đồng ý"), default=0)
    # Filled when the session closes: the base the threshold was a share of, the threshold, and the result.
    base = models.PositiveIntegerField(_("số thành viên làm căn cứ tính tỷ lệ"), null=True, blank=True)
    threshold = models.DecimalField(_("tỷ lệ yêu cầu"), max_digits=4, decimal_places=3, null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = pgettext_lazy("số nhiều", "nội dung biểu quyết")
        ordering = ["session", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "entry"], name="agenda_entry_once")]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.entry}"


class Recusal(models.Model):
    """A member's declared conflict of interest on one item: they do not vote on it. Declared, never inferred."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("nội dung biểu quyết"), on_delete=models.CASCADE,
                             related_name="recusals")  # fmt: skip
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.CASCADE,
                               related_name="recusals")  # fmt: skip
    reason = models.TextField(_("lý do"))

    class Meta:
        verbose_name = _("không tham gia biểu quyết")
        verbose_name_plural = pgettext_lazy("số nhiều", "không tham gia biểu quyết")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="recusal_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.item}"


class VoteReceipt(models.Model):
    """That a member has voted on an item — never what they chose, never when (see the module docstring)."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("nội dung biểu quyết"), on_delete=models.CASCADE,
                             related_name="receipts")  # fmt: skip
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.CASCADE,
                               related_name="receipts")  # fmt: skip

    class Meta:
        verbose_name = _("xác nhận đã bỏ phiếu")
        verbose_name_plural = pgettext_lazy("số nhiều", "xác nhận đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.item}"


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ConsultationQuerySet:
        if scope.everything:
            return self
        return self.filter(
            Q(authority__unit_id__in=scope.serving_unit_ids) | Q(authority__unit__in=OrgUnit.objects.visible_to(scope))
        )

    def public(self) -> ConsultationQuerySet:
        """What the portal shows: consultations that have started (open or ended)."""
        return self.filter(starts_on__lte=timezone.localdate())


class Consultation(TimeStampedModel):
    """Công khai, lấy ý kiến Nhân dân: entries published for comment for a number of working days."""

    authority = models.ForeignKey(Authority, verbose_name=_("cấp có thẩm quyền"), on_delete=models.PROTECT,
                                  related_name="consultations")  # fmt: skip
    title = models.CharField(_("tiêu đề"), max_length=300)
    introduction = models.TextField(_("nội dung thông báo"), blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=ConsultationState.choices,
                             default=ConsultationState.OPEN)  # fmt: skip
    summary = models.TextField(_("kết quả lấy ý kiến"), blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt công khai, lấy ý kiến")
        verbose_name_plural = pgettext_lazy("số nhiều", "đợt công khai, lấy ý kiến")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="consultation_ends_after"),
        ]

    def __str__(self) -> str:
        return self.title

    def accepts_comments(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.state == ConsultationState.OPEN and self.starts_on <= on <= self.ends_on


class ConsultationCommentQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ConsultationCommentQuerySet:
        return self.filter(consultation__in=Consultation.objects.visible_to(scope))


class ConsultationComment(models.Model):
    """A comment from the public; moderated before it is shown. The contact and the address hash stay private."""

    consultation = models.ForeignKey(Consultation, verbose_name=_("đợt lấy ý kiến"), on_delete=models.CASCADE,
                                     related_name="comments")  # fmt: skip
    entry = models.ForeignKey(DossierEntry, verbose_name=_("về đề nghị"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="public_comments")  # fmt: skip
    author_name = models.CharField(_("họ và tên"), max_length=200)
    contact = models.CharField(_("số điện thoại hoặc thư điện tử"), max_length=200, blank=True)
    body = models.TextField(_("nội dung góp ý"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=CommentState.choices,
                             default=CommentState.PENDING)  # fmt: skip
    # A keyed hash of the sender's address, for the rate limit; never the address itself.
    sender_hash = models.CharField(_("mã người gửi"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    moderated_by = models.ForeignKey(USER, verbose_name=_("người duyệt"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderation_note = models.TextField(_("ghi chú duyệt"), blank=True)

    objects = ConsultationCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = pgettext_lazy("số nhiều", "ý kiến góp ý")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:40]}"
