from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "thidua.jobs"
    label = "jobs"
    verbose_name = _("Tác vụ nền")

    def ready(self) -> None:
        from thidua.audit.labels import register_action_label
        from thidua.jobs import kinds  # noqa: F401  (registers the foundation's job kinds)

        # Every app's jobs.py declares its job kinds with @job_kind; load them in web processes and workers alike.
        autodiscover_modules("jobs")
        register_action_label("orgs.people.reindexed", _("Lập lại chỉ mục tìm kiếm cá nhân"))
