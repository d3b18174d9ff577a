from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "thidua.movements"
    label = "movements"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from thidua.audit.tracking import track
        from thidua.movements import periodic  # noqa: F401  (registers the scheduled reminders)

        for model in self.get_models():
            track(model)
