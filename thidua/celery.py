"""Celery application, used only when CELERY_BROKER_URL is set (see thidua.jobs)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["thidua.jobs"])
