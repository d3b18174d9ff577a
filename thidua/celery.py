"""Celery application, used only when CELERY_BROKER_URL is set (see thidua.jobs).

Workers: ``celery -A thidua worker``; scheduled work: ``celery -A thidua beat`` runs the same periodic tasks as
``thidua run_periodic`` (thidua.core.periodic) every minute. Without Celery, run ``thidua run_periodic`` from cron.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["thidua.jobs"])

app.conf.beat_schedule = {
    "thidua-run-periodic": {"task": "thidua.core.run_periodic", "schedule": 60.0},
}
