"""Emulation movements and what units owe them: plans, registrations, progress reports; exemplary models; cluster
covenants and score sheets (DESIGN.md glossary; DOMAIN.md §5–6; the seed plan "Mục tiêu kép").

Writes go through ``services`` (movements and answers), ``exemplary`` (exemplary models) and ``scoring`` (covenants
and score sheets); nobody else saves these rows. Every queryset has ``visible_to(scope)``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.catalog.models import Authority, AwardType
from thidua.core.models import StoredFile, TimeStampedModel
from thidua.core.scoping import Scope
from thidua.movements.enums import (
    SENT_STATES,
    AnswerState,
    AwardLevel,
    Compliance,
    CriterionKind,
    CriterionSource,
    ExemplaryKind,
    ExemplaryState,
    MilestoneKind,
    MovementKind,
    MovementState,
    Proposal,
    ScopeMode,
    ScoreKind,
    SheetState,
)
from thidua.orgs.models import PATH_SEGMENT, Cluster, ClusterMembership, OrgUnit, Person, UnitKind, paths_filter

USER = settings.AUTH_USER_MODEL


def units_in_scope(scope: Scope) -> models.QuerySet:
    return OrgUnit.objects.visible_to(scope)


def units_related_to(scope: Scope) -> models.QuerySet:
    """The user's units, their subtrees and their ancestors: a commune sees the movement its district answers."""
    ancestors = {path[:end] for path in scope.unit_paths for end in range(PATH_SEGMENT, len(path) + 1, PATH_SEGMENT)}
    return OrgUnit.objects.filter(
        paths_filter(scope.unit_paths) | Q(path__in=ancestors) | Q(pk__in=scope.extra_unit_ids)
    )


# --- Movement ------------------------------------------------------------------------------------------------


class MovementQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> MovementQuerySet:
        """The issuer's side and co-organisers always; once launched, also the units that owe it an answer, the
        units above them and those below them. A unit outside all of these sees nothing of the movement."""
        if scope.everything:
            return self
        own = units_in_scope(scope)
        related = units_related_to(scope)
        obligated = UnitPlan.objects.filter(movement=OuterRef("pk"), unit__in=related)
        co_organised = Movement.co_organisers.through.objects.filter(movement=OuterRef("pk"), orgunit__in=own)
        return self.filter(
            Q(issuer_unit__in=own) | Exists(co_organised) | (~Q(state=MovementState.DRAFT) & Exists(obligated))
        )

    def launched(self) -> MovementQuerySet:
        return self.filter(state=MovementState.LAUNCHED)


class Movement(TimeStampedModel):
    title = models.CharField(_("tên phong trào"), max_length=500)
    kind = models.CharField(_("hình thức thi đua"), max_length=10, choices=MovementKind.choices)
    document_number = models.CharField(
        _("số, ký hiệu kế hoạch"), max_length=80, blank=True, help_text=_("Ví dụ: 123/KH-UBND")
    )
    document_date = models.DateField(_("ngày ban hành kế hoạch"), null=True, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    issuer_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="issued_movements"
    )
    issuing_authority = models.ForeignKey(
        Authority, verbose_name=_("cấp ban hành"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="movements",
    )  # fmt: skip
    co_organisers = models.ManyToManyField(
        OrgUnit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="co_organised_movements"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("hưởng ứng phong trào"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sub_movements", help_text=_("Phong trào của cấp trên mà phong trào này hưởng ứng."),
    )  # fmt: skip
    # Who must answer (launching creates their obligations): a subtree filtered by depth and unit kind, or a list.
    scope_mode = models.CharField(_("phạm vi"), max_length=10, choices=ScopeMode.choices, default=ScopeMode.SUBTREE)
    scope_root = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị gốc của phạm vi"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Mặc định là đơn vị phát động."),
    )  # fmt: skip
    scope_depth = models.PositiveSmallIntegerField(
        _("số cấp trực thuộc"), null=True, blank=True,
        help_text=_("1: chỉ các đơn vị trực thuộc trực tiếp; để trống: mọi cấp."),
    )  # fmt: skip
    scope_unit_kinds = models.ManyToManyField(
        UnitKind, verbose_name=_("loại đơn vị phải hưởng ứng"), blank=True, related_name="+",
        help_text=_("Để trống: mọi loại đơn vị."),
    )  # fmt: skip
    scope_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("danh sách đơn vị phải hưởng ứng"), blank=True, related_name="listed_in_movements"
    )
    period_start = models.DateField(_("thời gian bắt đầu"))
    period_end = models.DateField(_("thời gian kết thúc"))
    plan_document = models.ForeignKey(
        StoredFile, verbose_name=_("văn bản kế hoạch"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    registration_required = models.BooleanField(
        _("bắt buộc đăng ký thi đua"), default=True,
        help_text=_("Theo quy chế địa phương: không đăng ký thì không được xét khen thưởng theo phong trào."),
    )  # fmt: skip
    state = models.CharField(_("trạng thái"), max_length=10, choices=MovementState.choices,
                             default=MovementState.DRAFT)  # fmt: skip
    launched_at = models.DateTimeField(_("phát động lúc"), null=True, blank=True)
    launched_by = models.ForeignKey(USER, verbose_name=_("người phát động"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "phong trào thi đua")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="movement_period_in_order"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.state == MovementState.DRAFT

    def milestone(self, kind: str) -> Milestone | None:
        return self.milestones.filter(kind=kind).order_by("due_date").first()


class MovementContent(models.Model):
    """One of the movement's ordered contents (the seed plan has six)."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="contents")  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True)

    class Meta:
        verbose_name = _("nội dung phong trào")
        verbose_name_plural = pgettext_lazy("số nhiều", "nội dung phong trào")
        ordering = ["movement", "position"]
        constraints = [models.UniqueConstraint(fields=["movement", "position"], name="movement_content_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class TargetGroup(models.Model):
    """Đối tượng thi đua: a group the criteria address (the seed plan names seven)."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="target_groups")  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("đối tượng"), max_length=300)
    unit_kinds = models.ManyToManyField(UnitKind, verbose_name=_("loại đơn vị thuộc nhóm"), blank=True,
                                        related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("đối tượng thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "đối tượng thi đua")
        ordering = ["movement", "position"]
        constraints = [models.UniqueConstraint(fields=["movement", "position"], name="target_group_position")]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """Tiêu chí thi đua: text for a target group, optionally scored. A sub-criterion's maximum never exceeds its
    parent's, and a parent's score is capped at its maximum (services check both)."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="criteria")  # fmt: skip
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("đối tượng thi đua"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="criteria", help_text=_("Để trống: áp dụng cho mọi đối tượng."),
    )  # fmt: skip
    parent = models.ForeignKey("self", verbose_name=_("tiêu chí cha"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("số hiệu"), max_length=20, blank=True, help_text=_("Ví dụ: 1, 1.2, II.3"))
    text = models.TextField(_("nội dung tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2, null=True, blank=True,
                                     help_text=_("Để trống: tiêu chí không chấm điểm."))  # fmt: skip
    weight = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, default=Decimal("1"))
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    source = models.CharField(_("cách tính điểm"), max_length=30, choices=CriterionSource.choices,
                              default=CriterionSource.MANUAL)  # fmt: skip

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "tiêu chí thi đua")
        ordering = ["movement", "target_group__position", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}".strip()

    @property
    def is_scored(self) -> bool:
        return self.max_points is not None


class MovementAward(models.Model):
    """An award type the movement offers at a level (the seed plan: State, city and grassroots)."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="awards")  # fmt: skip
    level = models.CharField(_("cấp khen thưởng"), max_length=12, choices=AwardLevel.choices)
    award_type = models.ForeignKey(AwardType, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    quota = models.PositiveIntegerField(_("số lượng dự kiến"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hình thức khen thưởng của phong trào")
        verbose_name_plural = pgettext_lazy("số nhiều", "hình thức khen thưởng của phong trào")
        ordering = ["movement", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "award_type"], name="movement_award_once")]

    def __str__(self) -> str:
        return str(self.award_type)


class Milestone(models.Model):
    """A date the movement sets: registration deadline, report deadlines, sơ kết and tổng kết."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="milestones")  # fmt: skip
    kind = models.CharField(_("loại mốc"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("tên mốc"), max_length=300)
    due_date = models.DateField(_("ngày, hạn"))
    requires_report = models.BooleanField(
        _("đơn vị phải gửi báo cáo"), default=False,
        help_text=_("Phát động phong trào tạo cho mỗi đơn vị một báo cáo phải gửi trước hạn này."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("mốc thời gian")
        verbose_name_plural = pgettext_lazy("số nhiều", "mốc thời gian")
        ordering = ["movement", "due_date", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date:%d/%m/%Y})"


# --- What each unit owes -------------------------------------------------------------------------------------


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> AnswerQuerySet:
        """The unit's own side (and the levels above it, who review), the issuer's side and the co-organisers."""
        if scope.everything:
            return self
        own = units_in_scope(scope)
        co_organised = Movement.co_organisers.through.objects.filter(movement=OuterRef("movement_id"),
                                                                      orgunit__in=own)  # fmt: skip
        return self.filter(Q(unit__in=own) | Q(movement__issuer_unit__in=own) | Exists(co_organised))


class Answer(models.Model):
    """What a unit owes a launched movement; one concrete model per kind (plan, registration, report)."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="%(class)ss")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    milestone = models.ForeignKey(Milestone, verbose_name=_("hạn"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    state = models.CharField(_("trạng thái"), max_length=10, choices=AnswerState.choices,
                             default=AnswerState.NOT_SENT)  # fmt: skip
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(USER, verbose_name=_("người gửi"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def due_date(self) -> dt.date | None:
        return self.milestone.due_date if self.milestone_id else None

    @property
    def is_sent(self) -> bool:
        return self.state in SENT_STATES

    def compliance(self, on: dt.date | None = None) -> str:
        """On time, late, missing or not yet due, on day ``on`` (today by default). A returned answer counts as
        not sent until it is sent again; "sent" is judged by the first time it went up."""
        on = on or timezone.localdate()
        due = self.due_date
        sent_on = timezone.localdate(self.submitted_at) if self.submitted_at and self.is_sent else None
        if sent_on is not None:
            return Compliance.LATE if due is not None and sent_on > due else Compliance.ON_TIME
        if due is not None and on > due:
            return Compliance.MISSING
        return Compliance.NOT_DUE


class UnitPlan(Answer):
    """Kế hoạch hưởng ứng: the unit's own plan (document and targets) answering the movement."""

    document = models.ForeignKey(StoredFile, verbose_name=_("văn bản kế hoạch"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    targets = models.TextField(_("chỉ tiêu, nội dung đăng ký"), blank=True)

    class Meta:
        verbose_name = _("kế hoạch hưởng ứng")
        verbose_name_plural = pgettext_lazy("số nhiều", "kế hoạch hưởng ứng")
        ordering = ["movement", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="unit_plan_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class Registration(Answer):
    """Đăng ký thi đua: the collective titles the unit pledges and its people's individual pledges. Reviewed by
    ``reviewer_unit`` (the nearest unit above that answers the same movement, else the issuer)."""

    reviewer_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị duyệt"), on_delete=models.PROTECT,
                                      related_name="+")  # fmt: skip
    note = models.TextField(_("ghi chú"), blank=True)
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, verbose_name=_("người duyệt"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "đăng ký thi đua")
        ordering = ["movement", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="registration_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class CollectivePledge(models.Model):
    """A title the unit (or one of its collectives) pledges to reach."""

    registration = models.ForeignKey(Registration, verbose_name=_("đăng ký thi đua"), on_delete=models.CASCADE,
                                     related_name="collective_pledges")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), on_delete=models.PROTECT, related_name="+")
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu đăng ký"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("đăng ký danh hiệu tập thể")
        verbose_name_plural = pgettext_lazy("số nhiều", "đăng ký danh hiệu tập thể")
        ordering = ["registration", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "unit", "award_type"],
                                               name="collective_pledge_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.unit}: {self.award_type}"


class IndividualPledge(models.Model):
    """A person of the unit and the individual title they pledge."""

    registration = models.ForeignKey(Registration, verbose_name=_("đăng ký thi đua"), on_delete=models.CASCADE,
                                     related_name="individual_pledges")  # fmt: skip
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="pledges")
    award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu đăng ký"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("đăng ký danh hiệu cá nhân")
        verbose_name_plural = pgettext_lazy("số nhiều", "đăng ký danh hiệu cá nhân")
        ordering = ["registration", "person__sort_key", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "person", "award_type"],
                                               name="individual_pledge_once")]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.person}: {self.award_type}"


class ProgressReport(Answer):
    """Báo cáo sơ kết / tổng kết: one per unit and milestone that requires a report."""

    text = models.TextField(_("nội dung báo cáo"), blank=True)
    # [{"label": "Số người được tiêm vắc-xin", "value": 1250, "unit": "người"}, …]
    figures = models.JSONField(_("số liệu"), default=list, blank=True)
    attachments = models.ManyToManyField(StoredFile, verbose_name=_("tệp đính kèm"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("báo cáo phong trào")
        verbose_name_plural = pgettext_lazy("số nhiều", "báo cáo phong trào")
        ordering = ["movement", "milestone__due_date", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit", "milestone"], name="progress_report_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.milestone}"


class Reminder(models.Model):
    """A reminder sent to a late unit (by the scheduled job or on demand), so that it is neither lost nor spammed."""

    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.CASCADE,
                                 related_name="reminders")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    sent_by = models.ForeignKey(USER, verbose_name=_("người gửi"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", help_text=_("Để trống: hệ thống tự nhắc theo lịch."))  # fmt: skip
    overdue = models.JSONField(_("việc quá hạn"), default=list)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)

    class Meta:
        verbose_name = _("lời nhắc")
        verbose_name_plural = pgettext_lazy("số nhiều", "lời nhắc")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.sent_at:%d/%m/%Y}"


# --- Exemplary models ----------------------------------------------------------------------------------------


class ExemplaryModelQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ExemplaryModelQuerySet:
        if scope.everything:
            return self
        own = units_in_scope(scope)
        return self.filter(
            Q(proposing_unit__in=own)
            | Q(subject_unit__in=own)
            | Q(movement__issuer_unit__in=own)
            | Q(submitted_by_id=scope.user_id)
        )

    def published(self) -> ExemplaryModelQuerySet:
        return self.filter(state=ExemplaryState.ACCEPTED, publish=True)


class ExemplaryModel(TimeStampedModel):
    """Mô hình hay, điển hình tiên tiến, người tốt việc tốt: found by units and the media, curated by the board."""

    kind = models.CharField(_("loại"), max_length=20, choices=ExemplaryKind.choices)
    title = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    story = models.TextField(_("nội dung, câu chuyện"))
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="exemplary_models")  # fmt: skip
    content = models.ForeignKey(MovementContent, verbose_name=_("nội dung phong trào"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="exemplary_models")  # fmt: skip
    proposing_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị giới thiệu"), on_delete=models.PROTECT,
                                       related_name="proposed_exemplary_models")  # fmt: skip
    # The example is a person or a unit of the tree; a name only when neither is on record yet.
    subject_person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="exemplary_models")  # fmt: skip
    subject_unit = models.ForeignKey(OrgUnit, verbose_name=_("tập thể"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="exemplary_models")  # fmt: skip
    subject_name = models.CharField(_("tên cá nhân, tập thể (khi chưa có trong hệ thống)"), max_length=300,
                                    blank=True)  # fmt: skip
    photos = models.ManyToManyField(StoredFile, verbose_name=_("ảnh"), blank=True, related_name="+")
    state = models.CharField(_("trạng thái"), max_length=12, choices=ExemplaryState.choices,
                             default=ExemplaryState.SUBMITTED)  # fmt: skip
    board_note = models.TextField(_("ý kiến của Ban Thi đua - Khen thưởng"), blank=True)
    publish = models.BooleanField(_("đăng trên cổng thông tin"), default=False)
    submitted_by = models.ForeignKey(USER, verbose_name=_("người gửi"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, verbose_name=_("người xem xét"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ExemplaryModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = pgettext_lazy("số nhiều", "mô hình, điển hình")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~(Q(subject_person__isnull=False) & Q(subject_unit__isnull=False)),
                                   name="exemplary_one_subject"),
            models.CheckConstraint(condition=~Q(publish=True) | Q(state=ExemplaryState.ACCEPTED),
                                   name="exemplary_publish_only_accepted"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    @property
    def subject_display(self) -> str:
        return str(self.subject_person or self.subject_unit or self.subject_name)


# --- Clusters: covenants and score sheets --------------------------------------------------------------------


class ClusterQuerySetMixin:
    cluster_field = "cluster"
    year_field = "year"

    def visible_to(self, scope: Scope):
        """The cluster's organiser side and, for the year, its member units (who cross-score one another)."""
        if scope.everything:
            return self
        own = units_in_scope(scope)
        member = ClusterMembership.objects.filter(
            cluster=OuterRef(self.cluster_field), year=OuterRef(self.year_field), unit__in=own
        )
        return self.filter(Q(**{f"{self.cluster_field}__organiser__in": own}) | Exists(member))


class CovenantQuerySet(ClusterQuerySetMixin, models.QuerySet):
    pass


class Covenant(TimeStampedModel):
    """Giao ước thi đua: the yearly pledge the members of a cluster sign together."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT,
                                related_name="covenants")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="covenants")  # fmt: skip
    title = models.CharField(_("tên giao ước"), max_length=300)
    text = models.TextField(_("nội dung giao ước"))
    document = models.ForeignKey(StoredFile, verbose_name=_("văn bản giao ước"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = CovenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "giao ước thi đua")
        ordering = ["-year", "cluster__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="covenant_once_a_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(Covenant, verbose_name=_("giao ước"), on_delete=models.CASCADE,
                                 related_name="signatures")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị ký"), on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(USER, verbose_name=_("người ký"), null=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip
    signer_name = models.CharField(_("họ tên người ký"), max_length=200)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chữ ký giao ước")
        verbose_name_plural = pgettext_lazy("số nhiều", "chữ ký giao ước")
        ordering = ["covenant", "signed_at"]
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="covenant_signed_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.covenant}"


class ScoreSheetQuerySet(ClusterQuerySetMixin, models.QuerySet):
    pass


class ScoreSheet(TimeStampedModel):
    """Bảng chấm điểm thi đua of a cluster for a year and a movement, built from the movement's scored criteria
    (copied into ``SheetCriterion`` rows, so a later amendment of the movement does not change a sheet)."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.PROTECT,
                                related_name="score_sheets")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    movement = models.ForeignKey(Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT,
                                 related_name="score_sheets")  # fmt: skip
    target_group = models.ForeignKey(TargetGroup, verbose_name=_("đối tượng thi đua"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    state = models.CharField(_("trạng thái"), max_length=10, choices=SheetState.choices, default=SheetState.DRAFT)
    flag_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Cờ thi đua"), default=1)
    certificate_count = models.PositiveSmallIntegerField(_("số đơn vị đề nghị Bằng khen"), default=0)
    flag_award_type = models.ForeignKey(AwardType, verbose_name=_("danh hiệu cờ"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")  # fmt: skip
    certificate_award_type = models.ForeignKey(AwardType, verbose_name=_("hình thức bằng khen"), null=True,
                                               blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    locked_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("bảng chấm điểm thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "bảng chấm điểm thi đua")
        ordering = ["-year", "cluster__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year", "movement"], name="score_sheet_once")]

    def __str__(self) -> str:
        return f"{self.cluster} – {self.year}"


class SheetCriterion(models.Model):
    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE,
                              related_name="criteria")  # fmt: skip
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí gốc"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    parent = models.ForeignKey("self", verbose_name=_("tiêu chí cha"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    code = models.CharField(_("số hiệu"), max_length=20, blank=True)
    text = models.TextField(_("nội dung tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    weight = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, default=Decimal("1"))
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.STANDARD)
    source = models.CharField(_("cách tính điểm"), max_length=30, choices=CriterionSource.choices,
                              default=CriterionSource.MANUAL)  # fmt: skip

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = pgettext_lazy("số nhiều", "tiêu chí chấm điểm")
        ordering = ["sheet", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}".strip()

    @property
    def is_leaf(self) -> bool:
        return not self.children.exists()


class SheetMember(models.Model):
    """A member unit on a sheet, with the totals and rank the sheet computed for it (services.recompute)."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE,
                              related_name="members")  # fmt: skip
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    self_submitted_at = models.DateTimeField(_("gửi tự chấm lúc"), null=True, blank=True)
    base_total = models.DecimalField(_("điểm tiêu chí"), max_digits=9, decimal_places=2, null=True, blank=True)
    bonus = models.DecimalField(_("điểm thưởng"), max_digits=9, decimal_places=2, null=True, blank=True)
    penalty = models.DecimalField(_("điểm trừ"), max_digits=9, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=9, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    tied = models.BooleanField(_("đồng hạng"), default=False)
    proposal = models.CharField(_("đề nghị khen thưởng"), max_length=12, choices=Proposal.choices, blank=True,
                                default=Proposal.NONE)  # fmt: skip

    class Meta:
        verbose_name = _("đơn vị được chấm điểm")
        verbose_name_plural = pgettext_lazy("số nhiều", "đơn vị được chấm điểm")
        ordering = ["sheet", "rank", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["sheet", "unit"], name="sheet_member_once")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.sheet}"


class Score(models.Model):
    """Points one scorer gives one member on one criterion: its own (self), another's (cross) or the system's."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE,
                              related_name="scores")  # fmt: skip
    criterion = models.ForeignKey(SheetCriterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE,
                                  related_name="scores")  # fmt: skip
    member = models.ForeignKey(SheetMember, verbose_name=_("đơn vị được chấm"), on_delete=models.CASCADE,
                               related_name="scores")  # fmt: skip
    kind = models.CharField(_("loại điểm"), max_length=10, choices=ScoreKind.choices)
    scorer_unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị chấm"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    points = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    evidence = models.TextField(_("minh chứng"), blank=True)
    evidence_files = models.ManyToManyField(StoredFile, verbose_name=_("tệp minh chứng"), blank=True,
                                            related_name="+")  # fmt: skip
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    scored_by = models.ForeignKey(USER, verbose_name=_("người chấm"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = pgettext_lazy("số nhiều", "điểm")
        ordering = ["sheet", "member", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "member", "scorer_unit"], name="score_once_per_scorer",
                                    condition=Q(scorer_unit__isnull=False)),
            models.UniqueConstraint(fields=["criterion", "member"], name="computed_score_once",
                                    condition=Q(scorer_unit__isnull=True)),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.member.unit}: {self.criterion} = {self.points}"


class ScoreRevision(models.Model):
    """A change to a score already submitted: the reason is required and kept."""

    score = models.ForeignKey(Score, verbose_name=_("điểm"), on_delete=models.CASCADE, related_name="revisions")
    old_points = models.DecimalField(_("điểm cũ"), max_digits=7, decimal_places=2)
    new_points = models.DecimalField(_("điểm mới"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("lý do"))
    changed_by = models.ForeignKey(USER, verbose_name=_("người sửa"), null=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    changed_at = models.DateTimeField(_("sửa lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần sửa điểm")
        verbose_name_plural = pgettext_lazy("số nhiều", "lần sửa điểm")
        ordering = ["score", "changed_at"]

    def __str__(self) -> str:
        return f"{self.old_points} → {self.new_points}"
