"""Staff pages of the history: the timeline of a person or a unit (an htmx partial of their pages) and the forms
that add a rating, a historical award, an initiative or a discipline to them.

Thin views on the bases of ``thidua.core.views``: the subject comes from the user's scope (404 otherwise), the right
to write from ``thidua.records.rules`` (403), reads from ``thidua.records.queries``, writes from
``thidua.records.services``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.catalog.models import AwardType, CommendationKind, RecipientKind
from thidua.core.views import ScopedListView, ScopedObjectFormView, StaffView
from thidua.core.xlsx import Column, XlsxExportMixin, form_filters, yes
from thidua.orgs.models import Gender, Membership, OrgUnit, Person
from thidua.records import queries, rules, services
from thidua.records.forms import AwardForm, DisciplineForm, InitiativeForm, RatingForm
from thidua.records.models import Award, Discipline, Initiative, Rating, period_label

# --- Subjects -----------------------------------------------------------------------------------------------------


class PersonSubject:
    """The subject is the person of the URL; the pages return to the person's page."""

    model = Person
    nav_section = "people"
    subject_kind = "person"

    def subject_url(self, pk: int) -> str:
        return reverse("orgs:person-detail", args=[pk])


class UnitSubject:
    """The subject is the unit of the URL; the pages return to the unit's page."""

    model = OrgUnit
    nav_section = "units"
    subject_kind = "unit"

    def subject_url(self, pk: int) -> str:
        return reverse("orgs:unit-detail", args=[pk])


ADD_LINKS = [
    ("rating", _("Thêm xếp loại")),
    ("award", _("Thêm khen thưởng")),
    ("initiative", _("Thêm sáng kiến")),
    ("discipline", _("Thêm kỷ luật")),
]

# --- Timeline -----------------------------------------------------------------------------------------------------


class TimelineView(StaffView, TemplateView):
    """The subject's history by period, newest first: an htmx fragment of the subject's page, or a plain page."""

    model: type[Person] | type[OrgUnit]
    subject_kind: str

    @cached_property
    def subject(self) -> Person | OrgUnit:
        return get_object_or_404(scoped(self.model, self.request.user), pk=self.kwargs["pk"])

    def get_template_names(self) -> list[str]:
        return ["records/_timeline.html"] if self.request.htmx else ["records/timeline.html"]

    def add_links(self) -> list[tuple[str, str]]:
        """The forms a user who may write the subject's history is offered."""
        if not rules.can_write_history_of(self.request.user, self.subject):
            return []
        return [(label, reverse(f"records:{name}-create-{self.subject_kind}", args=[self.subject.pk]))
                for name, label in ADD_LINKS]  # fmt: skip

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        subject = self.subject
        return super().get_context_data(
            subject=subject,
            subject_url=self.subject_url(subject.pk),
            groups=queries.timeline(subject, self.request.user),
            add_links=self.add_links(),
            **kwargs,
        )

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # The same URL answers a fragment or a page: caches must keep them apart.
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response


class PersonTimelineView(PersonSubject, TimelineView):
    pass


class UnitTimelineView(UnitSubject, TimelineView):
    pass


# --- Awards list ------------------------------------------------------------------------------------------------

YEAR_MIN, YEAR_MAX = 1945, 2200
ALL = [("", _("Tất cả"))]
RECIPIENTS = {"person": ("person__isnull", _("Cá nhân")), "unit": ("unit__isnull", _("Tập thể")),
              "household": ("household__isnull", _("Hộ gia đình"))}  # fmt: skip
RECIPIENT_CHOICES = [*ALL, *((key, label) for key, (_lookup, label) in RECIPIENTS.items())]
STANDINGS = [("", _("Còn hiệu lực")), ("revoked", _("Đã bị hủy bỏ, thay thế")), ("all", _("Tất cả"))]


def award_code_choices() -> list[tuple[str, str]]:
    """One choice per award code (the newest version's name): the history holds every version."""
    names: dict[str, str] = {}
    for code, name in AwardType.objects.order_by("sort_order", "code", "-valid_from").values_list("code", "name"):
        names.setdefault(code, name)
    return [*ALL, *names.items()]


class AwardFilterForm(forms.Form):
    """The filters of the awards list (all optional, GET)."""

    q = forms.CharField(label=_("Tìm theo tên người, tập thể được khen"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    award_code = forms.ChoiceField(label=_("Danh hiệu, hình thức"), required=False, choices=())
    commendation_kind = forms.ChoiceField(label=_("Loại hình khen thưởng"), required=False,
                                          choices=[*ALL, *CommendationKind.choices])  # fmt: skip
    recipient = forms.ChoiceField(label=_("Đối tượng được khen"), required=False, choices=RECIPIENT_CHOICES)
    standing = forms.ChoiceField(label=_("Hiệu lực"), required=False, choices=STANDINGS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_code"].choices = award_code_choices()

    def apply(self, awards: QuerySet[Award]) -> QuerySet[Award]:
        """The awards the valid filters select (a field typed wrongly filters nothing: the page says so)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        standing = data.get("standing", "")
        if standing == "":
            awards = awards.in_force()
        elif standing == "revoked":
            awards = awards.filter(revoked_on__isnull=False)
        if data.get("year"):
            awards = awards.filter(year=data["year"])
        if data.get("award_code"):
            awards = awards.filter(award_code=data["award_code"])
        if data.get("commendation_kind"):
            awards = awards.filter(commendation_kind=data["commendation_kind"])
        if data.get("recipient"):
            awards = awards.filter(**{RECIPIENTS[data["recipient"]][0]: False})
        query = " ".join((data.get("q") or "").split())
        if query:
            # Names with or without diacritics through the people's and units' search; the snapshot as typed.
            named = Q(person__in=Person.objects.search(query)) | Q(unit__in=OrgUnit.objects.search(query))
            awards = awards.filter(named | Q(recipient_name__icontains=query))
        return awards


class AwardListView(XlsxExportMixin, ScopedListView):
    """Khen thưởng: the awards of the people, units and households of the user's scope, newest year first, with the
    recipient as they were when it was decided; filtered, and exported whole with ``?format=xlsx``."""

    nav_section = "awards"
    template_name = "records/award_list.html"
    model = Award
    keyset_key = "year"
    descending = True
    xlsx_title = _("Danh sách khen thưởng")

    @cached_property
    def filters(self) -> AwardFilterForm:
        form = AwardFilterForm(self.request.GET)
        form.is_valid()
        return form

    def get_queryset(self) -> QuerySet[Award]:
        awards = super().get_queryset().select_related("award_type", "person", "unit", "household")
        return self.filters.apply(awards)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(form=self.filters, **kwargs)

    def xlsx_queryset(self) -> QuerySet[Award]:
        return super().xlsx_queryset().select_related("authority")

    def xlsx_filters(self) -> list[str]:
        lines = form_filters(self.filters)
        if not self.filters.cleaned_data.get("standing"):
            lines.append(str(_("Chỉ khen thưởng còn hiệu lực")))
        return lines

    def xlsx_columns(self) -> list[Column]:
        return [Column(_("Tên người, tập thể được khen"), 32), Column(_("Đối tượng"), 12),
                Column(_("Năm sinh"), 9), Column(_("Giới tính"), 9), Column(_("Dân tộc"), 12),
                Column(_("Chức vụ"), 24), Column(_("Đơn vị công tác"), 36), Column(_("Danh hiệu, hình thức"), 36),
                Column(_("Loại hình khen thưởng"), 24), Column(_("Kỳ"), 14), Column(_("Số quyết định"), 16),
                Column(_("Ngày quyết định"), 12), Column(_("Cấp quyết định"), 32), Column(_("Truy tặng"), 9),
                Column(_("Trực tiếp lao động, sản xuất"), 12), Column(_("Dân tộc thiểu số"), 10),
                Column(_("Bị hủy bỏ, thay thế ngày"), 12), Column(_("Nguồn"), 18)]  # fmt: skip

    def xlsx_row(self, award: Award) -> list:
        kind = next(label for key, (_lookup, label) in RECIPIENTS.items() if getattr(award, f"{key}_id"))
        gender = dict(Gender.choices).get(award.gender, award.gender)
        authority = award.authority_name or (award.authority.name if award.authority_id else "")
        return [award.recipient_name, kind, award.birth_year, gender, award.ethnicity_name, award.position,
                award.unit_name, award.award_type.name, award.get_commendation_kind_display(),
                period_label(award.period_kind, award.year), award.decision_number, award.decision_date, authority,
                yes(award.posthumous), yes(award.is_direct_worker), yes(award.is_minority), award.revoked_on,
                award.get_source_display()]  # fmt: skip


# --- Forms --------------------------------------------------------------------------------------------------------


class SubjectRecordView(ScopedObjectFormView):
    """Add one row to the history of the subject of the URL (a person or a unit of the user's scope)."""

    template_name = "records/record_form.html"
    heading = ""
    success_message = ""
    subject_kind: str

    def has_permission(self) -> bool:
        return rules.can_write_history_of(self.request.user, self.object)

    def subject_kwargs(self) -> dict[str, Any]:
        return {self.subject_kind: self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading=self.heading, subject=self.object, subject_url=self.subject_url(self.object.pk), **kwargs
        )

    def get_success_url(self) -> str:
        messages.success(self.request, self.success_message)
        return self.subject_url(self.object.pk)


class RatingCreateView(SubjectRecordView):
    form_class = RatingForm
    heading = _("Thêm xếp loại")
    success_message = _("Đã thêm xếp loại.")

    def save(self, form: RatingForm) -> Rating:
        data = form.cleaned_data
        return services.create_rating(
            by=self.request.user, year=data["year"], level=data["level"], period_kind=data["period_kind"] or None,
            note=data["note"], **self.subject_kwargs(),
        )  # fmt: skip


class AwardCreateView(SubjectRecordView):
    form_class = AwardForm
    heading = _("Thêm khen thưởng đã có")
    success_message = _("Đã thêm khen thưởng.")

    def usable_initiatives(self):
        initiatives = scoped(Initiative, self.request.user).filter(backed_award__isnull=True)
        if self.subject_kind == "person":
            initiatives = initiatives.filter(authorships__person=self.object)
        else:
            initiatives = initiatives.filter(unit=self.object)
        return initiatives.order_by("-recognised_on", "pk")

    def get_form_kwargs(self) -> dict[str, Any]:
        individual = self.subject_kind == "person"
        return {
            **super().get_form_kwargs(),
            "recipient_kind": RecipientKind.INDIVIDUAL if individual else RecipientKind.COLLECTIVE,
            "initiatives": self.usable_initiatives(),
            "individual": individual,
        }

    def save(self, form: AwardForm) -> Award:
        data = dict(form.cleaned_data)
        initiative = data.pop("backing_initiative")
        return services.create_award(
            by=self.request.user, award_code=data.pop("award_code"), period_kind=data.pop("period_kind") or None,
            backing_initiatives=[initiative] if initiative else [], **data, **self.subject_kwargs(),
        )  # fmt: skip


class InitiativeCreateView(SubjectRecordView):
    form_class = InitiativeForm
    heading = _("Thêm sáng kiến")
    success_message = _("Đã thêm sáng kiến.")

    def get_form_kwargs(self) -> dict[str, Any]:
        authors = None
        if self.subject_kind == "unit":
            members = scoped(Membership, self.request.user).current().filter(unit=self.object)
            authors = (
                scoped(Person, self.request.user).filter(pk__in=members.values("person_id")).order_by("sort_key", "pk")
            )
        return {**super().get_form_kwargs(), "authors": authors}

    def save(self, form: InitiativeForm) -> Initiative:
        data = dict(form.cleaned_data)
        if self.subject_kind == "person":
            authors, unit = [self.object], None
        else:
            authors, unit = list(data.pop("authors")), self.object
        return services.create_initiative(by=self.request.user, authors=authors, unit=unit, **data)


class DisciplineCreateView(SubjectRecordView):
    form_class = DisciplineForm
    heading = _("Thêm kỷ luật")
    success_message = _("Đã thêm kỷ luật.")

    def save(self, form: DisciplineForm) -> Discipline:
        return services.create_discipline(by=self.request.user, **form.cleaned_data, **self.subject_kwargs())


class PersonRatingCreateView(PersonSubject, RatingCreateView):
    pass


class UnitRatingCreateView(UnitSubject, RatingCreateView):
    pass


class PersonAwardCreateView(PersonSubject, AwardCreateView):
    pass


class UnitAwardCreateView(UnitSubject, AwardCreateView):
    pass


class PersonInitiativeCreateView(PersonSubject, InitiativeCreateView):
    pass


class UnitInitiativeCreateView(UnitSubject, InitiativeCreateView):
    pass


class PersonDisciplineCreateView(PersonSubject, DisciplineCreateView):
    pass


class UnitDisciplineCreateView(UnitSubject, DisciplineCreateView):
    pass
