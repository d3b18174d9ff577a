"""Scheduled work of the movements app, run by ``thidua run_periodic`` (see thidua/core/periodic.py)."""

from django.utils.translation import gettext as _

from thidua.core.periodic import periodic
from thidua.movements.services import remind_late_units


@periodic("movements.remind_late_units")
def remind_late_units_task() -> str:
    """Remind the units late with a plan, a registration or a report (each at most every few days)."""
    return _("đã gửi %(count)d lời nhắc đến đơn vị chậm") % {"count": remind_late_units()}
