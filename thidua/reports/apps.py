from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Báo cáo, thống kê")

    def ready(self) -> None:
        from thidua.audit.tracking import track
        from thidua.reports.official import register

        # `thidua load_catalog` also seeds the official statistics forms of data/forms/*.yaml.
        register()
        for model in self.get_models():
            track(model)
