"""Settings for the test suite: fast and strict, otherwise the same as production code paths."""

from thidua.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "vi"
# In tests, jobs started without a broker run synchronously unless a test asks for the threaded runner.
THIDUA_JOBS_EAGER = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os
    import tempfile

    # A file, not Django's shared-cache memory database: in shared-cache mode a job's thread that meets the test's
    # open read fails at once with "database table is locked" instead of waiting as it does on the real (file, WAL)
    # database. One file per test process, so two runs in one checkout do not meet.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"thidua-test-{os.getpid()}.sqlite3")
    }
