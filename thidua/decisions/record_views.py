"""The staff page "Ghi nhận quyết định đã ký": a decision signed outside the system (Thủ tướng, Chủ tịch nước) or
before it, typed from the paper by the board or the clerk (văn thư) — its number and date, the subject, the signer,
the signed PDF, and one row per person or collective. ``services.record_decision`` writes it, signed, with its
awards, in one transaction: on any error nothing is written and the page shows every row again with the errors next
to the fields.

"Thêm dòng" is a submit button: the page comes back with the rows as typed and five empty rows more (no script).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from thidua.accounts.scoping import scoped
from thidua.catalog.models import Authority
from thidua.core.views import StaffView, apply_service_error
from thidua.decisions import rules, services
from thidua.decisions.models import Decision
from thidua.decisions.record_forms import (
    ITEMS_PREFIX,
    RecordForm,
    RecordItemFormSet,
    row_menus,
    submitted_rows,
)
from thidua.decisions.views import ERROR_LABELS, DecisionAreaMixin, detail_url

# The name of the "Thêm dòng" button.
ADD_ROWS = "add_rows"
MAX_ROWS = 500


class RecordDecisionView(DecisionAreaMixin, StaffView, TemplateView):
    """ "Ghi nhận quyết định đã ký" (``rules.may_record_any``, 403 otherwise): the authorities offered are
    ``rules.recording_authorities``; the service checks the right again for the one chosen."""

    area_tab = "record"
    template_name = "decisions/record.html"
    http_method_names = ["get", "post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not rules.may_record_any(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def authorities(self) -> QuerySet[Authority]:
        return rules.recording_authorities(self.request.user)

    @cached_property
    def menus(self) -> dict[str, Any]:
        return row_menus(self.request.user)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        only = list(self.authorities[:2])
        initial = {"authority": only[0].pk} if len(only) == 1 else {}
        form = RecordForm(authorities=self.authorities, initial=initial)
        return self.show(form, RecordItemFormSet(prefix=ITEMS_PREFIX, menus=self.menus))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if ADD_ROWS in request.POST:
            return self.add_rows()
        form = RecordForm(request.POST, request.FILES, authorities=self.authorities)
        formset = RecordItemFormSet(request.POST, prefix=ITEMS_PREFIX, menus=self.menus)
        # Both checked, so that every error shows at once.
        valid = form.is_valid() & formset.is_valid()
        if valid:
            formset.check_award_types(form.cleaned_data["signed_on"])
            valid = formset.is_valid()
        if not valid:
            return self.show(form, formset)
        decision = self.record(form, formset)
        if decision is None:
            return self.show(form, formset)
        return self.recorded(decision)

    def record(self, form: RecordForm, formset) -> Decision | None:
        """The service's refusals go on the fields they name, or on top of the form."""
        data = form.cleaned_data
        try:
            return services.record_decision(
                by=self.request.user, authority=data["authority"], number_text=data["number_text"],
                signed_on=data["signed_on"], subject=data["subject"], items=formset.items(),
                signed_file=data.get("signed_file") or None, **form.header(),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_error(form, error, labels=ERROR_LABELS)
        except PermissionDenied as error:
            form.add_error("authority", str(error) or _("Bạn không có quyền ghi nhận quyết định của cấp này."))
        return None

    def recorded(self, decision: Decision) -> HttpResponse:
        messages.success(
            self.request,
            _("Đã ghi nhận Quyết định số %(number)s ngày %(day)s của %(authority)s; %(count)d khen thưởng đã vào lịch "
              "sử khen thưởng.")
            % {"number": decision.number_text, "day": decision.signed_on.strftime("%d/%m/%Y"),
               "authority": decision.authority.name, "count": decision.items.count()},
        )  # fmt: skip
        if scoped(Decision, self.request.user).filter(pk=decision.pk).exists():
            return HttpResponseRedirect(detail_url(decision.pk))
        return HttpResponseRedirect(reverse("decisions:list"))

    def add_rows(self) -> HttpResponse:
        """The page again, unbound (no errors yet), with the header and rows as typed and more empty rows."""
        data = self.request.POST
        raw = data.get(f"{ITEMS_PREFIX}-TOTAL_FORMS", "")
        count = min(int(raw), MAX_ROWS) if raw.isdigit() else 0
        header = {name: data.get(name) for name in RecordForm.base_fields if name != "signed_file" and data.get(name)}
        form = RecordForm(authorities=self.authorities, initial=header)
        formset = RecordItemFormSet(prefix=ITEMS_PREFIX, menus=self.menus, rows=submitted_rows(data, count))
        return self.show(form, formset)

    def show(self, form: RecordForm, formset) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form, formset=formset, add_rows=ADD_ROWS))
