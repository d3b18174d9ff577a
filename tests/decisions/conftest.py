"""The decisions scene: the dossier scene (tests/dossiers/conftest.py) prepared by ``tests.decisions.scene.prepare``
(base salaries, coefficients, Chiến sĩ thi đua cơ sở, the signer, the clerk and Quận Lê Chân's board and signer).

Tests elsewhere (tests/ui, tests/api, tests/browser) use it with
``from tests.decisions.conftest import dossier_scene, scene  # noqa: F401``."""

from __future__ import annotations

import pytest

from tests.decisions.scene import prepare
from tests.dossiers.conftest import scene as dossier_scene


@pytest.fixture
def scene(dossier_scene):
    return prepare(dossier_scene)


__all__ = ["dossier_scene", "scene"]
