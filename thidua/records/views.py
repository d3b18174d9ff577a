"""Staff pages of the history: the timeline of a person or a unit (an htmx partial of their pages) and the forms
that add a rating, a historical award, an initiative or a discipline to them.

Thin views on the bases of ``thidua.core.views``: the subject comes from the user's scope (404 otherwise), the right
to write from ``thidua.records.rules`` (403), reads from ``thidua.records.queries``, writes from
``thidua.records.services``.
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

from thidua.accounts.scoping import scoped
from thidua.catalog.models import RecipientKind
from thidua.core.views import ScopedObjectFormView, StaffView
from thidua.orgs.models import Membership, OrgUnit, Person
from thidua.records import queries, rules, services
from thidua.records.forms import AwardForm, DisciplineForm, InitiativeForm, RatingForm
from thidua.records.models import Award, Discipline, Initiative, Rating

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
