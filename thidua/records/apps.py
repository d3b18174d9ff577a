from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "thidua.records"
    label = "records"
    verbose_name = _("Lịch sử thi đua, khen thưởng")

    def ready(self) -> None:
        from thidua.audit.tracking import track

        for model in self.get_models():
            track(model)
