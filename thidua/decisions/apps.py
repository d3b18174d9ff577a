from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "thidua.decisions"
    label = "decisions"
    verbose_name = _("Quyết định khen thưởng")

    def ready(self) -> None:
        from thidua.audit.tracking import track
        from thidua.decisions.layouts import register

        # `thidua load_catalog` also seeds the certificate layouts of data/certificate_layouts.yaml.
        register()

        # The counters change with every signing and say nothing a decision's own audit rows do not.
        untracked = {"registercounter"}
        for model in self.get_models():
            if model._meta.model_name not in untracked:
                track(model)
