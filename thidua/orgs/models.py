"""The organisation: units in a tree, clusters of units, people and their memberships, households.

Unit kinds, levels and sectors are data (the 2025 reform removed a whole level). The tree is a materialized path of
fixed-width, digit-only segments, so a subtree is one indexed range query on every database and collation.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.models import TimeStampedModel
from thidua.core.scoping import Scope
from thidua.core.text import MAX_QUERY_WORDS, fold, normalize, person_sort_key, search_words, sort_key, split_name

PATH_SEGMENT = 8  # digits per level: unit ids up to 99,999,999


def path_segment(unit_id: int) -> str:
    return f"{unit_id:0{PATH_SEGMENT}d}"


def subtree_range(path: str) -> tuple[str, str]:
    """[low, high) bounds of the paths in the subtree rooted at ``path`` (digit-only, so any collation agrees)."""
    return path, f"{int(path) + 1:0{len(path)}d}"


def paths_filter(paths: tuple[str, ...] | list[str], field: str = "path") -> Q:
    """A Q that keeps rows whose ``field`` lies in any of the subtrees rooted at ``paths``."""
    condition = Q(pk__in=[])
    for path in paths:
        low, high = subtree_range(path)
        condition |= Q(**{f"{field}__gte": low, f"{field}__lt": high})
    return condition


class PeriodKind(models.TextChoices):
    CALENDAR_YEAR = "calendar", _("Năm dương lịch")
    SCHOOL_YEAR = "school", _("Năm học")


class Sector(models.Model):
    """A field of work; education counts its years as school years (năm học), the rest as calendar years."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    period_kind = models.CharField(
        _("kỳ đánh giá"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.CALENDAR_YEAR
    )
    school_year_start_month = models.PositiveSmallIntegerField(_("tháng bắt đầu năm học"), default=9)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = pgettext_lazy("số nhiều", "lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.Model):
    """Kind of unit (thành phố, sở, quận, huyện, xã, phường, doanh nghiệp, đoàn thể …) with its level in the tree."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.PositiveSmallIntegerField(_("cấp"), help_text=_("1: tỉnh/thành phố, 2: huyện/sở, 3: xã …"))
    is_locality = models.BooleanField(_("là địa phương (có UBND)"), default=False)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("loại đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "loại đơn vị")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class OrgUnitQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> OrgUnitQuerySet:
        if scope.everything:
            return self
        return self.filter(paths_filter(scope.unit_paths) | Q(pk__in=scope.extra_unit_ids))

    def active(self, on: dt.date | None = None) -> OrgUnitQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on))

    def subtree_of(self, unit: OrgUnit, *, include_self: bool = True) -> OrgUnitQuerySet:
        low, high = subtree_range(unit.path)
        queryset = self.filter(path__gte=low, path__lt=high)
        return queryset if include_self else queryset.exclude(pk=unit.pk)

    def search(self, query: str) -> OrgUnitQuerySet:
        queryset = self
        for word in search_words(query, limit=MAX_QUERY_WORDS):
            queryset = queryset.filter(Q(name_folded__startswith=word) | Q(name_folded__contains=f" {word}"))
        return queryset


class OrgUnit(TimeStampedModel):
    """A node of the organisation tree (đơn vị)."""

    code = models.CharField(
        _("mã định danh"),
        max_length=40,
        unique=True,
        help_text=_("Mã định danh điện tử của cơ quan, đơn vị nếu có; nếu không, mã do hệ thống cấp."),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.ForeignKey(UnitKind, verbose_name=_("loại đơn vị"), on_delete=models.PROTECT, related_name="units")
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, null=True, blank=True, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="children",
    )  # fmt: skip
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("độ sâu"), default=0, editable=False)
    is_external = models.BooleanField(
        _("ngoài hệ thống"), default=False, help_text=_("Cơ quan trung ương hay đơn vị ngoài địa phương triển khai.")
    )
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("sáp nhập vào"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="merged_units",
    )  # fmt: skip
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    sort_key = models.CharField(max_length=255, editable=False)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "đơn vị")
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "sort_key"], name="orgunit_children_idx")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = normalize(self.name)
        self.name_folded = fold(self.name)
        self.sort_key = sort_key(self.name)[:255]
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "") + path_segment(self.pk)
        if self.path != expected:
            # The path needs the primary key, so a new unit is written twice; moves go through services.move_unit.
            self.path = expected
            self.depth = len(expected) // PATH_SEGMENT - 1
            type(self).objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None or self.dissolved_on > timezone.localdate()

    def ancestors(self) -> OrgUnitQuerySet:
        prefixes = [self.path[: i + PATH_SEGMENT] for i in range(0, len(self.path) - PATH_SEGMENT, PATH_SEGMENT)]
        return OrgUnit.objects.filter(path__in=prefixes).order_by("path")

    def descendants(self, *, include_self: bool = False) -> OrgUnitQuerySet:
        return OrgUnit.objects.subtree_of(self, include_self=include_self)

    def period_kind(self) -> str:
        return self.sector.period_kind if self.sector_id else PeriodKind.CALENDAR_YEAR


class OrgUnitEventKind(models.TextChoices):
    RENAMED = "renamed", _("Đổi tên")
    MOVED = "moved", _("Chuyển đơn vị cấp trên")
    MERGED = "merged", _("Sáp nhập")
    DISSOLVED = "dissolved", _("Giải thể")


class OrgUnitEvent(models.Model):
    """One change in a unit's life, kept so that names and places of the past stay known."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=OrgUnitEventKind.choices)
    effective_on = models.DateField(_("có hiệu lực từ"))
    old_name = models.CharField(_("tên cũ"), max_length=255, blank=True)
    new_name = models.CharField(_("tên mới"), max_length=255, blank=True)
    old_parent = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị cấp trên cũ"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    new_parent = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị cấp trên mới"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    target = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tiếp nhận"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thay đổi của đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "thay đổi của đơn vị")
        ordering = ["unit", "effective_on", "pk"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.get_kind_display()} ({self.effective_on:%d/%m/%Y})"


class ClusterKind(models.TextChoices):
    CLUSTER = "cum", _("Cụm thi đua")
    BLOC = "khoi", _("Khối thi đua")


class ClusterQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ClusterQuerySet:
        if scope.everything:
            return self
        units = OrgUnit.objects.visible_to(scope)
        member = ClusterMembership.objects.filter(cluster=OuterRef("pk"), unit__in=units)
        return self.filter(Q(organiser__in=units) | Exists(member))


class Cluster(TimeStampedModel):
    """A cụm or khối thi đua: units that score and rank each other each year."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.CLUSTER)
    organiser = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="organised_clusters",
        help_text=_("Cấp có Hội đồng Thi đua - Khen thưởng tổ chức cụm, khối."),
    )  # fmt: skip
    description = models.TextField(_("mô tả"), blank=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = pgettext_lazy("số nhiều", "cụm, khối thi đua")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClusterRole(models.TextChoices):
    LEADER = "leader", _("Cụm trưởng / Khối trưởng")
    DEPUTY = "deputy", _("Cụm phó / Khối phó")
    MEMBER = "member", _("Thành viên")


class ClusterMembershipQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> ClusterMembershipQuerySet:
        if scope.everything:
            return self
        return self.filter(cluster__in=Cluster.objects.visible_to(scope))


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="clusters")
    year = models.PositiveSmallIntegerField(_("năm"))
    role = models.CharField(_("vai trò"), max_length=10, choices=ClusterRole.choices, default=ClusterRole.MEMBER)

    objects = ClusterMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = pgettext_lazy("số nhiều", "thành viên cụm, khối")
        ordering = ["cluster", "year", "unit__sort_key"]
        constraints = [models.UniqueConstraint(fields=["cluster", "unit", "year"], name="cluster_member_once_a_year")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.cluster} ({self.year})"


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class PositionCategory(models.TextChoices):
    """Who a person is for the reports (Biểu 0602/0603 rows) and the priority the law gives direct workers."""

    PROVINCE_LEADER = "province_leader", _("Lãnh đạo cấp tỉnh, bộ, ngành")
    DEPARTMENT_LEADER = "department_leader", _("Lãnh đạo cấp sở, vụ và tương đương")
    OTHER_LEADER = "other_leader", _("Lãnh đạo khác (từ phó trưởng phòng trở lên)")
    ENTREPRENEUR = "entrepreneur", _("Doanh nhân")
    SCIENTIST = "scientist", _("Nhà khoa học")
    CIVIL_SERVANT = "civil_servant", _("Cán bộ, công chức, viên chức")
    WORKER = "worker", _("Công nhân, người lao động")
    FARMER = "farmer", _("Nông dân")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")
    STUDENT = "student", _("Học sinh, sinh viên")
    CITIZEN = "citizen", _("Người dân")
    FOREIGNER = "foreigner", _("Người nước ngoài")


class Ethnicity(models.Model):
    """The 54 ethnic groups of Việt Nam (and "người nước ngoài"), as data."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên dân tộc"), max_length=100)
    is_minority = models.BooleanField(_("dân tộc thiểu số"), default=True)

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = pgettext_lazy("số nhiều", "dân tộc")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


# Longest word of a name: family and given names, and each search token, are stored in 60 characters.
NAME_WORD_MAX = 60

# Below this many current memberships a scope is "small": its people are found from the memberships first.
SMALL_SCOPE_MEMBERSHIPS = 5000


class PersonQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> PersonQuerySet:
        """People with a current membership in a visible unit, and people outside the tree owned by one.

        Two plans, because a list page wants the first rows in Vietnamese order and the database cannot guess how
        many people a scope holds. A small scope (a commune, a department) starts from its memberships: a few
        hundred ids, then sorted. A large one (a district, the province) walks the people in order and checks each
        row, which stops after a page: one EXISTS over a UNION ALL, since PostgreSQL turns EXISTS … OR … into
        hashed subplans that read every membership of the province first.
        """
        if scope.everything:
            return self
        in_scope = paths_filter(scope.unit_paths, field="unit__path") | Q(unit_id__in=scope.extra_unit_ids)
        # Compound statements may not hold ORDER BY in their parts: the default orderings are cleared.
        current = Membership.objects.current().filter(in_scope).order_by()
        if _is_small_scope(scope, current):
            owned = Person.objects.filter(owner_unit__in=OrgUnit.objects.visible_to(scope)).order_by().values("pk")
            return self.filter(pk__in=current.values("person_id").union(owned, all=True))
        owner = OrgUnit.objects.visible_to(scope).filter(pk=OuterRef("owner_unit_id")).order_by().values("pk")
        members = current.filter(person=OuterRef("pk")).values("pk")
        return self.filter(Exists(members.union(owner, all=True)))

    def search(self, query: str) -> PersonQuerySet:
        """Each folded query word must begin a word of the name ("an" finds "Nguyễn Văn An", not "Lan")."""
        queryset = self
        for word in search_words(query, limit=MAX_QUERY_WORDS):
            tokens = PersonNameToken.objects.filter(token__gte=word, token__lt=word + "\uffff")
            queryset = queryset.filter(pk__in=tokens.values("person_id"))
        return queryset


def _is_small_scope(scope: Scope, current_memberships: models.QuerySet) -> bool:
    if "people_small" not in scope.cache:
        found = current_memberships.values("pk")[: SMALL_SCOPE_MEMBERSHIPS + 1].count()
        scope.cache["people_small"] = found <= SMALL_SCOPE_MEMBERSHIPS
    return scope.cache["people_small"]


class Person(TimeStampedModel):
    """Someone who can be nominated (cá nhân)."""

    full_name = models.CharField(_("họ và tên"), max_length=200)
    family_name = models.CharField(_("họ"), max_length=60, editable=False)
    middle_name = models.CharField(_("tên đệm"), max_length=100, editable=False, blank=True)
    given_name = models.CharField(_("tên"), max_length=60, editable=False)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    death_date = models.DateField(_("ngày mất"), null=True, blank=True, help_text=_("Dùng cho khen thưởng truy tặng."))
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name=_("dân tộc"), on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    nationality = models.CharField(_("quốc tịch"), max_length=60, default="Việt Nam")
    id_number = models.CharField(
        _("số định danh cá nhân"), max_length=20, blank=True,
        help_text=_("Thông tin được bảo vệ: chỉ hiển thị đầy đủ cho cán bộ của đơn vị quản lý."),
    )  # fmt: skip
    is_direct_worker = models.BooleanField(
        _("người trực tiếp lao động, sản xuất"), default=False,
        help_text=_("Công nhân, nông dân, người lao động trực tiếp: được ưu tiên khen thưởng (Luật TĐKT, Điều 5)."),
    )  # fmt: skip
    position_category = models.CharField(
        _("đối tượng"), max_length=30, choices=PositionCategory.choices, default=PositionCategory.CIVIL_SERVANT
    )
    hometown = models.CharField(_("quê quán"), max_length=255, blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị quản lý hồ sơ"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="owned_people",
        help_text=_("Với người ngoài cơ cấu tổ chức (người dân, người nước ngoài): đơn vị đã đưa vào hệ thống."),
    )  # fmt: skip
    name_folded = models.CharField(max_length=200, editable=False)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = pgettext_lazy("số nhiều", "cá nhân")
        ordering = ["sort_key", "pk"]
        indexes = [models.Index(fields=["sort_key", "id"], name="person_sort_idx")]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived_fields()
        super().save(*args, **kwargs)
        self.reindex_name()

    def clean(self) -> None:
        super().clean()
        # The parts and search words are derived from the full name; their limits are the full name's to report.
        self.fill_derived_fields()
        longest_word = max((len(word) for word in self.full_name.split(" ")), default=0)
        if longest_word > NAME_WORD_MAX or len(self.middle_name) > 100:
            raise ValidationError(
                {"full_name": _("Họ tên không hợp lệ: mỗi chữ không quá %(max)d ký tự.") % {"max": NAME_WORD_MAX}}
            )

    def fill_derived_fields(self) -> None:
        """Normalised name, its parts, the folded form and the sort key; also used by bulk loaders."""
        self.full_name = normalize(self.full_name)
        self.family_name, self.middle_name, self.given_name = split_name(self.full_name)
        self.name_folded = fold(self.full_name)
        self.sort_key = person_sort_key(self.full_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year

    def build_name_tokens(self) -> list[PersonNameToken]:
        return [PersonNameToken(person_id=self.pk, token=word) for word in dict.fromkeys(search_words(self.full_name))]

    def reindex_name(self) -> None:
        PersonNameToken.objects.filter(person_id=self.pk).delete()
        PersonNameToken.objects.bulk_create(self.build_name_tokens())

    @property
    def masked_id_number(self) -> str:
        """Only the last three characters, as in the audit log: enough to tell two people apart, never the number."""
        if len(self.id_number) <= 4:
            return "•" * len(self.id_number)
        return "•" * (len(self.id_number) - 3) + self.id_number[-3:]

    @property
    def is_deceased(self) -> bool:
        return self.death_date is not None


class PersonNameToken(models.Model):
    """One folded word of a person's name: prefix search is an index range scan, on SQLite and PostgreSQL alike."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    token = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["token", "person"], name="person_token_idx")]

    def __str__(self) -> str:
        return self.token


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> MembershipQuerySet:
        if scope.everything:
            return self
        return self.filter(unit__in=OrgUnit.objects.visible_to(scope))

    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Membership(models.Model):
    """A person working in a unit over a period, in a position (chức vụ)."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_leader = models.BooleanField(_("là lãnh đạo"), default=False)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    is_primary = models.BooleanField(_("đơn vị chính"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = pgettext_lazy("số nhiều", "quá trình công tác")
        ordering = ["person", "-start_date"]
        indexes = [models.Index(fields=["unit", "end_date"], name="membership_unit_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.position or ''} {self.unit}".strip()


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, scope: Scope) -> HouseholdQuerySet:
        if scope.everything:
            return self
        return self.filter(unit__in=OrgUnit.objects.visible_to(scope))


class Household(TimeStampedModel):
    """A household (hộ gia đình), recipient of Gia đình văn hóa and some Bằng khen."""

    name = models.CharField(_("tên hộ"), max_length=200, help_text=_("Ví dụ: Hộ ông Nguyễn Văn An"))
    head = models.ForeignKey(
        Person, verbose_name=_("chủ hộ"), on_delete=models.SET_NULL, null=True, blank=True, related_name="households"
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("xã, phường nơi cư trú"), on_delete=models.PROTECT, related_name="households"
    )
    name_folded = models.CharField(max_length=200, editable=False)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = pgettext_lazy("số nhiều", "hộ gia đình")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = normalize(self.name)
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)
