"""Vietnamese first, English on request."""

import pytest

pytestmark = pytest.mark.django_db


def test_vietnamese_even_for_an_english_browser(client):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()


def test_english_when_chosen(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dang-nhap/"})
    assert response.status_code == 302
    page = client.get("/dang-nhap/").content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
