from django.test import RequestFactory, override_settings

from thidua.audit.middleware import client_address


def test_forwarded_for_from_an_unknown_client_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_address(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.2"])
def test_forwarded_for_from_a_trusted_proxy_names_the_client():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"
