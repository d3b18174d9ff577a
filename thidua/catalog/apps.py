from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "thidua.catalog"
    label = "catalog"
    verbose_name = _("Danh mục khen thưởng")

    def ready(self) -> None:
        from thidua.audit.labels import register_action_label

        register_action_label("catalog.awardtype.revised", _("Ban hành phiên bản mới"))
