"""Thi Đua: emulation and commendation work for a Vietnamese province."""

__version__ = "0.1.0"
