import pytest

pytestmark = pytest.mark.django_db


def test_english_browser_still_gets_vietnamese_pages(client):
    response = client.get("/app/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert (response["Content-Language"], "Đăng nhập" in response.content.decode()) == ("vi", True)


def test_language_switch_to_english_is_remembered(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/app/login/"})
    assert client.get("/app/login/")["Content-Language"] == "en"


def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["django_language"] = "fr"
    assert client.get("/app/login/")["Content-Language"] == "vi"
