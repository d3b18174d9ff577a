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
