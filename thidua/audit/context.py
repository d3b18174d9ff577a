"""Who is acting: every audit row names its actor, whether the change comes from a request, a service, a command or
a job.

Services wrap their writes in ``acting_as(user)``; commands and jobs without a user wrap theirs in
``acting_as_system(label)``; ``thidua.audit.middleware.AuditMiddleware`` makes the signed-in user of a request the
default actor. Contexts nest and each one restores the one around it when it ends (django-auditlog's own
``set_actor`` does not), and a context holding no user (``acting_as(None)``) keeps the actor around it, so a service
called with ``by=None`` from inside a command still names the command.

The receiver in ``thidua.audit.signals`` reads the current actor when it fills each new ``AuditEntry``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext as _


@dataclasses.dataclass(frozen=True)
class ActingContext:
    """The actor of the writes in progress: a user, or a system label, plus the request's network address."""

    user: Any = None
    system_label: str = ""
    # The request whose signed-in user acts, read lazily: DRF authenticates tokens inside the view, after middleware.
    request: Any = None
    remote_addr: str | None = None
    remote_port: int | None = None

    def resolve_user(self):
        """The user acting, or None when a system process (or nobody known) acts."""
        if self.user is not None:
            return self.user
        if self.request is not None:
            user = getattr(self.request, "user", None)
            if user is not None and user.is_authenticated:
                return user
        return None


_current: ContextVar[ActingContext | None] = ContextVar("thidua_audit_acting", default=None)


def current() -> ActingContext | None:
    return _current.get()


@contextlib.contextmanager
def _push(context: ActingContext) -> Iterator[None]:
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def acting_as(user) -> contextlib.AbstractContextManager[None]:
    """Audit rows written inside name ``user``; with no (or an anonymous) user, the actor around is kept."""
    outer = _current.get() or ActingContext()
    if user is None or not getattr(user, "is_authenticated", False):
        return _push(outer)
    return _push(dataclasses.replace(outer, user=user, system_label="", request=None))


def acting_as_system(label: str) -> contextlib.AbstractContextManager[None]:
    """Audit rows written inside name no user but the process: "Hệ thống: <label>" (a command or a job)."""
    outer = _current.get() or ActingContext()
    return _push(dataclasses.replace(outer, user=None, system_label=label, request=None))


def acting_for_request(request, *, remote_addr: str | None, remote_port: int | None):
    """Used by the middleware: the request's user, once authenticated, is the actor."""
    return _push(ActingContext(request=request, remote_addr=remote_addr, remote_port=remote_port))


def system_name(label: str) -> str:
    return _("Hệ thống: %(name)s") % {"name": label} if label else _("Hệ thống")


def process_label() -> str:
    """The management command this process runs ("seed_demo"), for writes made outside any acting context."""
    argv = sys.argv
    program = os.path.basename(argv[0]) if argv else ""
    if program in {"thidua", "manage.py", "__main__.py", "django-admin"} and len(argv) > 1:
        return argv[1]
    return ""


def actor_name_for(user, context: ActingContext | None) -> str:
    """The name copied into an audit row, so it survives the user's deletion."""
    if user is not None:
        name = getattr(user, "display_name", "") or str(user)
    elif context is not None and context.system_label:
        name = system_name(context.system_label)
    else:
        name = system_name(process_label())
    return name[:200]
