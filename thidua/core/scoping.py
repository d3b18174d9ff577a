"""What a user may see, as plain data every domain queryset can apply.

The rule (DESIGN.md): the subtrees of the units where the user holds a role ∪ what is addressed to an authority the
user serves ∪ explicit relations. ``thidua.accounts.scoping.scoped`` builds a ``Scope`` for a user and hands it to the
queryset's ``visible_to(scope)``; this module only defines the shape, so that domain apps need not import accounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    # The user the scope belongs to, for what they own themselves (their jobs, their drafts).
    user_id: int | None = None
    # Materialized paths of the subtree roots the user may see (see thidua.orgs.models.OrgUnit.path).
    unit_paths: tuple[str, ...] = ()
    # Units seen through explicit relations (co-organiser, same cluster, ...) without their subtrees.
    extra_unit_ids: frozenset[int] = field(default_factory=frozenset)
    # Units whose authorities the user serves (board, council, signer, clerk at that unit): what is addressed to
    # those authorities is visible. Unit ids rather than authority ids, so that accounts need not import catalog.
    serving_unit_ids: frozenset[int] = field(default_factory=frozenset)
    # Facts about the scope that querysets work out once per request (e.g. how many people it holds).
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.unit_paths or self.extra_unit_ids or self.serving_unit_ids)


NOTHING = Scope()
EVERYTHING = Scope(everything=True)
