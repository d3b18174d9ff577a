"""``{% extract_action person %}`` / ``{% extract_action unit %}``: the "Cấp giấy xác nhận khen thưởng" button of the
person and unit pages, shown to those who may issue for some authority they serve (board roles)."""

from __future__ import annotations

from django import template

from thidua.orgs.models import Person

register = template.Library()


@register.inclusion_tag("decisions/_extract_action.html", takes_context=True)
def extract_action(context, subject) -> dict:
    from thidua.decisions.recipient_views import may_issue_any

    request = context.get("request")
    user = getattr(request, "user", None)
    kind = "person" if isinstance(subject, Person) else "unit"
    return {"may_issue": user is not None and may_issue_any(user), "kind": kind, "pk": subject.pk}
