from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "thidua.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin thi đua, khen thưởng")
