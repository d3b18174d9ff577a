"""The English catalog: complete, placeholders intact, and actually used when a user picks English."""

from __future__ import annotations

import io
import re

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

EN_CATALOG = settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"

# printf-style (%(name)s, %(seconds).1f, %s, %%) and str.format-style ({id}, {}) tokens.
PRINTF_TOKEN = re.compile(r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_TOKEN = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> set[str]:
    return set(PRINTF_TOKEN.findall(text)) | set(BRACE_TOKEN.findall(text))


def translated_forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.fixture(scope="module")
def en_catalog() -> polib.POFile:
    return polib.pofile(str(EN_CATALOG))


@pytest.fixture
def compiled_catalogs(settings):
    # .mo files are not committed: compile them, then make Django drop any catalog it loaded before they existed
    # (re-assigning LOCALE_PATHS sends setting_changed, which resets the translation caches).
    call_command("compile_catalogs", stdout=io.StringIO())
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


def test_en_catalog_has_no_untranslated_entries(en_catalog):
    untranslated = [entry.msgid for entry in en_catalog.untranslated_entries() if not entry.obsolete]
    assert untranslated == []


def test_en_catalog_has_no_fuzzy_entries(en_catalog):
    fuzzy = [entry.msgid for entry in en_catalog.fuzzy_entries()]
    assert (fuzzy, bool(en_catalog.metadata_is_fuzzy)) == ([], False)


def test_en_catalog_declares_english_with_two_plural_forms(en_catalog):
    assert (en_catalog.metadata["Language"], en_catalog.metadata["Plural-Forms"]) == (
        "en",
        "nplurals=2; plural=(n != 1);",
    )


def test_en_translations_keep_the_placeholders_of_the_source(en_catalog):
    mismatched = [
        (entry.msgid, form)
        for entry in en_catalog
        if not entry.obsolete
        for form in translated_forms(entry)
        if placeholders(form) != placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
    ]
    assert mismatched == []


def test_placeholders_finds_named_positional_and_brace_tokens():
    assert placeholders("%(count)d mục, %(seconds).1f giây, %s, 50%%, /units/{id}/ {}") == {
        "%(count)d",
        "%(seconds).1f",
        "%s",
        "%%",
        "{id}",
        "{}",
    }


def test_model_names_are_english_when_english_is_active(compiled_catalogs):
    with translation.override("en"):
        names = [
            str(apps.get_model(label)._meta.verbose_name)
            for label in ("orgs.OrgUnit", "orgs.Cluster", "catalog.AwardType", "catalog.Authority")
        ]
    assert names == [
        "unit",
        "emulation cluster or bloc",
        "emulation title or form of commendation",
        "granting authority",
    ]


def test_english_plural_forms_follow_the_count(compiled_catalogs):
    with translation.override("en"):
        one = translation.ngettext("%(days)s ngày làm việc", "%(days)s ngày làm việc", 1) % {"days": 1}
        five = translation.ngettext("%(days)s ngày làm việc", "%(days)s ngày làm việc", 5) % {"days": 5}
    assert (one, five) == ("1 working day", "5 working days")


@pytest.mark.django_db
def test_login_page_is_english_with_the_language_cookie(client, compiled_catalogs):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/app/login/").content.decode()
    assert re.findall(r"<title>[^<]*</title>|<label for=\"id_\w+\">[^<]*", page) == [
        "<title>Sign in · Thi Đua</title>",
        '<label for="id_username">Username ',
        '<label for="id_password">Password ',
    ]


@pytest.mark.django_db
def test_login_page_stays_vietnamese_by_default(client, compiled_catalogs):
    page = client.get("/app/login/").content.decode()
    assert ('<html lang="vi">' in page, '<label for="id_username">Tên đăng nhập' in page) == (True, True)
