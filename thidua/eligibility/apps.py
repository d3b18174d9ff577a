from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = _("Điều kiện khen thưởng")

    def ready(self) -> None:
        from thidua.audit.tracking import track
        from thidua.eligibility.loader import register

        for model in self.get_models():
            track(model)
        # `thidua load_catalog` also seeds the rules and principles of data/rules.yaml.
        register()
