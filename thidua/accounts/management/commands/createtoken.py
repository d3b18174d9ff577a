"""``thidua createtoken USERNAME``: print the user's API token, creating it if missing; ``--reset`` rotates it.

Only the key is printed, so that a script can take it as is: ``TOKEN=$(thidua createtoken integrator)``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "In khóa API (token) của một người dùng, tạo mới nếu chưa có; --reset để cấp khóa mới."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="Tên đăng nhập")
        parser.add_argument("--reset", action="store_true", help="Thu hồi khóa cũ và cấp khóa mới")

    @transaction.atomic
    def handle(self, *args, username: str, reset: bool, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("Người dùng “%(username)s” đã bị khóa.") % {"username": username})
        if reset:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
