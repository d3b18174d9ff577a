"""Placeholder replaced by the jobs implementation."""


def backend_status() -> dict:
    return {"ok": True, "backend": "inprocess"}
