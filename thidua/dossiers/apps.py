from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "thidua.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ đề nghị khen thưởng")

    def ready(self) -> None:
        from thidua.audit.tracking import track

        for model in self.get_models():
            track(model)
