"""Every import kind; importing this package registers them (see thidua.imports.base.register)."""

import importlib

# I2's kinds land while this package is being written; a kind not there yet is simply not offered.
for _name in ("people", "units", "ratings", "initiatives", "awards"):
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_name}":
            raise
