from django.utils.translation import gettext as _

from thidua.audit.sealing import seal_pending
from thidua.core.periodic import periodic


@periodic("audit.seal")
def seal_audit_entries() -> str:
    """Seal what the after-commit sealers left behind (a crash, or a sealer that skipped a locked head)."""
    return _("đã niêm phong %(count)d mục nhật ký") % {"count": seal_pending()}
