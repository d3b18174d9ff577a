"""Staff pages of the organisation: search, the unit tree, units, people, memberships, clusters.

Thin views on the bases of ``thidua.core.views``: reads come from ``thidua.orgs.queries`` (each starts from the
user's scope), writes from ``thidua.orgs.services`` with the acting user, rights from ``thidua.accounts.rules``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from thidua.accounts import rules
from thidua.accounts.scoping import scoped
from thidua.audit.queries import entries_for
from thidua.core.pagination import KeysetPaginator
from thidua.core.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedObjectFormView,
    StaffView,
)
from thidua.core.xlsx import Column, XlsxExportMixin, form_filters, yes
from thidua.orgs import queries, services
from thidua.orgs.forms import (
    EndMembershipForm,
    MembershipForm,
    PersonCreateForm,
    PersonFilterForm,
    PersonForm,
    SearchForm,
    UnitForm,
)
from thidua.orgs.models import Cluster, Membership, OrgUnit, Person

SEARCH_PREVIEW = 20
CHILDREN_PAGE = 100


# --- Search ---------------------------------------------------------------------------------------------


class SearchView(StaffView, TemplateView):
    """The header's search box: the first people and units whose names match, with links to the full lists."""

    template_name = "orgs/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        form = SearchForm(self.request.GET)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        people, units = [], []
        if query:
            found = queries.with_current_units(queries.search_people(user, query=query), user)
            people = list(found.order_by("sort_key", "pk")[: SEARCH_PREVIEW + 1])
            units = list(queries.search_units(user, query).order_by("sort_key", "pk")[: SEARCH_PREVIEW + 1])
        return super().get_context_data(
            form=form,
            query=query,
            people=people[:SEARCH_PREVIEW],
            more_people=len(people) > SEARCH_PREVIEW,
            units=units[:SEARCH_PREVIEW],
            more_units=len(units) > SEARCH_PREVIEW,
            **kwargs,
        )


# --- Units ----------------------------------------------------------------------------------------------


class UnitListView(XlsxExportMixin, ScopedListView):
    """The unit tree from the tops of the user's scope (children load on demand), or search results for ``?q=``.
    ``?format=xlsx``: the search results, or without a search the whole tree of the scope in tree order."""

    nav_section = "units"
    template_name = "orgs/unit_list.html"
    model = OrgUnit
    keyset_key = "sort_key"

    @cached_property
    def query(self) -> str:
        form = SearchForm(self.request.GET)
        return form.cleaned_data["q"].strip() if form.is_valid() else ""

    def get_queryset(self):
        if self.query:
            return queries.search_units(self.request.user, self.query)
        return queries.with_has_children(queries.visible_roots(self.request.user), self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(query=self.query, form=SearchForm(self.request.GET), **kwargs)

    xlsx_title = _("Danh sách đơn vị")

    def xlsx_queryset(self):
        if self.query:
            return super().xlsx_queryset().select_related("sector")
        # The page shows the tree's tops and opens the rest on demand: the file holds the whole tree, top down.
        return scoped(OrgUnit, self.request.user).select_related("kind", "parent", "sector").order_by("path")

    def xlsx_filters(self) -> list[str]:
        return [_("Tìm theo tên: %(query)s") % {"query": self.query}] if self.query else []

    def xlsx_columns(self) -> list[Column]:
        return [Column(_("Tên đơn vị"), 44), Column(_("Mã"), 14), Column(_("Loại đơn vị"), 24),
                Column(_("Đơn vị cấp trên"), 36), Column(_("Lĩnh vực"), 20), Column(_("Địa chỉ"), 36),
                Column(_("Điện thoại"), 14), Column(_("Ngày thành lập"), 14),
                Column(_("Ngày giải thể, sáp nhập"), 14)]  # fmt: skip

    def xlsx_row(self, unit: OrgUnit) -> list:
        return [unit.name, unit.code, unit.kind.name, unit.parent.name if unit.parent else "",
                unit.sector.name if unit.sector else "", unit.address, unit.phone, unit.established_on,
                unit.dissolved_on]  # fmt: skip


class UnitChildrenView(ScopedListView):
    """One level of the tree below a unit: an htmx fragment, or a plain page when scripts are off."""

    nav_section = "units"
    model = OrgUnit
    keyset_key = "sort_key"
    paginate_by = CHILDREN_PAGE

    def get_template_names(self) -> list[str]:
        if self.request.htmx:
            return ["orgs/_unit_children.html"]
        return ["orgs/unit_children.html"]

    @cached_property
    def unit(self) -> OrgUnit:
        return get_object_or_404(scoped(OrgUnit, self.request.user), pk=self.kwargs["pk"])

    def get_queryset(self):
        return queries.unit_children(self.unit, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(unit=self.unit, **kwargs)

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # The same URL answers a fragment or a page: caches must keep them apart.
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response


class UnitDetailView(ScopedDetailView):
    nav_section = "units"
    template_name = "orgs/unit_detail.html"
    model = OrgUnit
    members_page_size = 50

    def get_queryset(self):
        return super().get_queryset().select_related("kind", "sector", "parent", "merged_into")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        unit, user = self.object, self.request.user
        children = KeysetPaginator(queries.unit_children(unit, user), key="sort_key", per_page=CHILDREN_PAGE)
        members = KeysetPaginator(
            queries.current_members(unit, user), key="person__sort_key", per_page=self.members_page_size
        )
        member_params = {
            name.removeprefix("members_"): value for name, value in self.request.GET.items()
        }  # the members list pages with members_after / members_before
        breadcrumb = queries.unit_breadcrumb(unit, user)
        return super().get_context_data(
            breadcrumb=breadcrumb,
            parent_is_visible=bool(breadcrumb) and breadcrumb[-1].pk == unit.parent_id,
            children_page=children.page({}),
            members_page=members.page(member_params),
            clusters=list(queries.unit_clusters(unit, user)),
            events=queries.unit_events(unit),
            audit_entries=entries_for(unit),
            can_manage=rules.can_manage_unit(user, unit),
            can_edit_people=rules.can_edit_people_of(user, unit),
            **kwargs,
        )


class UnitEditView(ScopedObjectFormView):
    """Edit a unit (administrators of the unit): plain fields through update_unit, a new name through rename_unit."""

    nav_section = "units"
    template_name = "orgs/unit_form.html"
    model = OrgUnit
    form_class = UnitForm

    def has_permission(self) -> bool:
        return rules.can_manage_unit(self.request.user, self.object)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: UnitForm) -> OrgUnit:
        data = dict(form.cleaned_data)
        new_name, renamed_on, basis = data.pop("name"), data.pop("renamed_on"), data.pop("rename_basis")
        unit = self.object
        if new_name != unit.name:
            unit = services.rename_unit(
                unit, by=self.request.user, new_name=new_name, effective_on=renamed_on, legal_basis=basis
            )
        return services.update_unit(unit, by=self.request.user, **data)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu thông tin đơn vị."))
        return reverse("orgs:unit-detail", args=[self.object.pk])


# --- People ---------------------------------------------------------------------------------------------


class PersonListView(XlsxExportMixin, ScopedListView):
    """People of the user's scope in Vietnamese order, searchable and filtered, in keyset pages; ``?format=xlsx``:
    all of them, the same filters."""

    nav_section = "people"
    template_name = "orgs/person_list.html"
    model = Person
    keyset_key = "sort_key"

    @cached_property
    def filters(self) -> PersonFilterForm:
        form = PersonFilterForm(self.request.GET)
        form.is_valid()
        return form

    @cached_property
    def unit(self) -> OrgUnit | None:
        unit_pk = self.filters.cleaned_data.get("unit")
        if unit_pk is None:
            return None
        return get_object_or_404(scoped(OrgUnit, self.request.user), pk=unit_pk)

    def get_queryset(self):
        data = self.filters.cleaned_data
        people = queries.search_people(
            self.request.user,
            query=data.get("q", ""),
            unit=self.unit,
            gender=data.get("gender", ""),
            position_category=data.get("position_category", ""),
            is_direct_worker=self.filters.is_direct_worker(),
        )
        return queries.with_current_units(people, self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(form=self.filters, filter_unit=self.unit, **kwargs)

    xlsx_title = _("Danh sách cá nhân")

    def xlsx_queryset(self):
        return super().xlsx_queryset().select_related("ethnicity")

    def xlsx_filters(self) -> list[str]:
        lines = form_filters(self.filters)
        if self.unit is not None:
            lines.append(_("Thuộc %(name)s và các đơn vị trực thuộc") % {"name": self.unit.name})
        return lines

    def xlsx_columns(self) -> list[Column]:
        # No personal identification number: a list leaves the system, the person page keeps it.
        return [Column(_("Họ và tên"), 30), Column(_("Ngày sinh (năm sinh)"), 14), Column(_("Giới tính"), 10),
                Column(_("Dân tộc"), 12), Column(_("Chức vụ"), 28), Column(_("Đơn vị công tác"), 40),
                Column(_("Đối tượng"), 22), Column(_("Trực tiếp lao động, sản xuất"), 14),
                Column(_("Ngày mất"), 14)]  # fmt: skip

    def xlsx_row(self, person: Person) -> list:
        memberships = person.current_memberships
        return [person.full_name, person.birth_date or person.birth_year, person.get_gender_display(),
                person.ethnicity.name if person.ethnicity else "",
                "; ".join(membership.position for membership in memberships if membership.position),
                "; ".join(membership.unit.name for membership in memberships),
                person.get_position_category_display(), yes(person.is_direct_worker), person.death_date]  # fmt: skip


class PersonDetailView(ScopedDetailView):
    nav_section = "people"
    template_name = "orgs/person_detail.html"
    model = Person

    def get_queryset(self):
        return super().get_queryset().select_related("ethnicity", "owner_unit")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person, user = self.object, self.request.user
        can_edit = rules.can_edit_person(user, person)
        return super().get_context_data(
            memberships=list(queries.person_memberships(person, user)),
            audit_entries=entries_for(person),
            can_edit=can_edit,
            show_id_number=can_edit,
            **kwargs,
        )


class PersonCreateView(ScopedCreateView):
    """A new person in a unit where the user edits people (``?unit=`` preselects the unit)."""

    nav_section = "people"
    template_name = "orgs/person_form.html"
    form_class = PersonCreateForm

    def has_permission(self) -> bool:
        return rules.has_role(self.request.user, rules.ORG_EDITOR_ROLES)

    @cached_property
    def initial_unit(self) -> OrgUnit | None:
        unit_pk = self.request.GET.get("unit", "")
        if not unit_pk.isdigit():
            return None
        return get_object_or_404(scoped(OrgUnit, self.request.user), pk=unit_pk)

    def get_initial(self) -> dict[str, Any]:
        return {"unit": self.initial_unit.pk if self.initial_unit else None}

    def get_form_kwargs(self) -> dict[str, Any]:
        menu = queries.units_for_people_editing(self.request.user, include=self.initial_unit)
        return {**super().get_form_kwargs(), "user": self.request.user, "units_menu": menu}

    def form_valid(self, form: PersonCreateForm) -> HttpResponse:
        if not rules.can_edit_people_of(self.request.user, form.cleaned_data["unit"]):
            form.add_error("unit", _("Bạn không có quyền thêm cá nhân vào đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: PersonCreateForm) -> Person:
        data = dict(form.cleaned_data)
        unit, position, start_date = data.pop("unit"), data.pop("position"), data.pop("start_date")
        return services.create_person(by=self.request.user, unit=unit, position=position, start_date=start_date, **data)

    def still_allowed(self, obj: Person) -> bool:
        return scoped(Person, self.request.user).filter(pk=obj.pk).exists()

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã thêm cá nhân."))
        return reverse("orgs:person-detail", args=[self.saved_object.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(unit=self.initial_unit, **kwargs)


class PersonEditView(ScopedObjectFormView):
    nav_section = "people"
    template_name = "orgs/person_form.html"
    model = Person
    form_class = PersonForm

    def has_permission(self) -> bool:
        return rules.can_edit_person(self.request.user, self.object)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: PersonForm) -> Person:
        return services.update_person(self.object, by=self.request.user, **form.cleaned_data)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã lưu thông tin cá nhân."))
        return reverse("orgs:person-detail", args=[self.object.pk])


class MembershipCreateView(ScopedObjectFormView):
    """A person starts working in another unit (one where the user edits people)."""

    nav_section = "people"
    template_name = "orgs/membership_form.html"
    model = Person

    def has_permission(self) -> bool:
        return rules.can_edit_person(self.request.user, self.object)

    def get_form(self, form_class=None) -> MembershipForm:
        menu = queries.units_for_people_editing(self.request.user)
        return MembershipForm(user=self.request.user, units_menu=menu, **self.get_form_kwargs())

    def form_valid(self, form: MembershipForm) -> HttpResponse:
        if not rules.can_edit_people_of(self.request.user, form.cleaned_data["unit"]):
            form.add_error("unit", _("Bạn không có quyền thêm cá nhân vào đơn vị này."))
            return self.form_invalid(form)
        return super().form_valid(form)

    def save(self, form: MembershipForm) -> Membership:
        data = dict(form.cleaned_data)
        return services.add_membership(self.object, by=self.request.user, unit=data.pop("unit"), **data)

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã thêm quá trình công tác."))
        return reverse("orgs:person-detail", args=[self.object.pk])


class MembershipEndView(ScopedObjectFormView):
    """End a membership (the person left the unit): its row stays in the history."""

    nav_section = "people"
    template_name = "orgs/membership_end.html"
    model = Membership

    def get_queryset(self):
        return super().get_queryset().select_related("person", "unit")

    def has_permission(self) -> bool:
        return rules.can_edit_people_of(self.request.user, self.object.unit)

    def get_form(self, form_class=None) -> EndMembershipForm:
        return EndMembershipForm(membership=self.object, **self.get_form_kwargs())

    def save(self, form: EndMembershipForm) -> Membership:
        return services.end_membership(self.object, by=self.request.user, end_date=form.cleaned_data["end_date"])

    def get_success_url(self) -> str:
        messages.success(self.request, _("Đã kết thúc quá trình công tác."))
        if scoped(Person, self.request.user).filter(pk=self.object.person_id).exists():
            return reverse("orgs:person-detail", args=[self.object.person_id])
        return reverse("orgs:unit-detail", args=[self.object.unit_id])


# --- Clusters -------------------------------------------------------------------------------------------


class ClusterListView(ScopedListView):
    nav_section = "clusters"
    template_name = "orgs/cluster_list.html"
    model = Cluster
    keyset_key = "name"

    def get_queryset(self):
        return super().get_queryset().select_related("organiser")


class ClusterDetailView(ScopedDetailView):
    nav_section = "clusters"
    template_name = "orgs/cluster_detail.html"
    model = Cluster

    def get_queryset(self):
        return super().get_queryset().select_related("organiser")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            members=list(queries.cluster_members(self.object, self.request.user)),
            audit_entries=entries_for(self.object),
            **kwargs,
        )
