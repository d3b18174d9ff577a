"""Browser tests: Playwright for Python (sync API) driving Debian's chromium against pytest-django's live server.

Chromium is looked up in $CHROMIUM_PATH, /usr/bin/chromium, then ``chromium`` on PATH. Without one, every browser
test is skipped with a loud reason and the terminal summary ends with a warning banner, so a green run without
browser tests cannot pass unnoticed (``.ci/run`` installs Debian's chromium to avoid that).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

_skipped: list[str] = []


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium", shutil.which("chromium") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _skip_loudly(reason: str) -> None:
    message = f"BROWSER TESTS NOT RUN: {reason}"
    if message not in _skipped:
        _skipped.append(message)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _skipped:
        return
    terminalreporter.write_sep("!", "WARNING: browser tests were skipped", red=True, bold=True)
    for message in _skipped:
        terminalreporter.write_line(message, red=True, bold=True)
    terminalreporter.write_line(
        "Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH, then run again.", red=True
    )
    terminalreporter.write_sep("!", red=True, bold=True)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    path = find_chromium()
    if path is None:
        _skip_loudly("no chromium found in $CHROMIUM_PATH, /usr/bin/chromium or on PATH")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is a dev dependency
        _skip_loudly(f"Playwright for Python is not installed ({error})")
    # Playwright's sync API keeps an asyncio loop running in this thread; Django's ORM refuses to run while one
    # does unless told it is safe. It is, here: the loop only drives the browser. Set for this module only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh browser tab on a desktop-sized window, in Vietnamese; console errors are collected."""
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
