"""Who is acting: every service wraps its writes in ``acting_as(user)`` so audit rows name the actor."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from auditlog.context import set_actor


@contextlib.contextmanager
def acting_as(user) -> Iterator[None]:
    with set_actor(user if user is not None and user.is_authenticated else None):
        yield
