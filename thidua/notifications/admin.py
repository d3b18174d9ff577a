from django.contrib import admin

from thidua.core.admin_readonly import ReadOnlyAdmin
from thidua.notifications import models


@admin.register(models.Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["title", "user", "code", "created_at", "read_at", "emailed"]
    list_filter = ["code"]
