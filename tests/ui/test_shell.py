"""The staff UI shell: sign-in, the header and navigation, the language switch, the admin site's door."""

import re

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"  # tests/factories/accounts.py


def test_login_page_is_vietnamese(client):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert (response.status_code, '<html lang="vi">' in html) == (200, True)
    assert '<label for="id_username">Tên đăng nhập' in html
    assert '<label for="id_password">Mật khẩu' in html


def test_login_page_header_names_the_deployment_not_the_host(client, settings):
    settings.THIDUA_SITE_NAME = "Thi Đua Hải Phòng"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<span>Thi Đua Hải Phòng</span>" in html
    assert "testserver" not in html


def test_login_with_the_right_password_opens_the_dashboard(client, le_chan_officer):
    response = client.post(reverse("accounts:login"), {"username": "canbo.lechan", "password": PASSWORD})
    assert (response.status_code, response["Location"]) == (302, reverse("core:dashboard"))


def test_login_with_a_wrong_password_says_so_in_vietnamese(client, le_chan_officer):
    response = client.post(reverse("accounts:login"), {"username": "canbo.lechan", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_anonymous_visitor_of_the_dashboard_is_sent_to_login(client):
    response = client.get(reverse("core:dashboard"))
    assert (response.status_code, response["Location"]) == (302, f"{reverse('accounts:login')}?next=/app/")


def test_logout_by_post_signs_out(officer_client):
    response = officer_client.post(reverse("accounts:logout"))
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:login"))
    assert officer_client.get(reverse("core:dashboard")).status_code == 302


def test_logout_by_get_is_refused(officer_client):
    assert officer_client.get(reverse("accounts:logout")).status_code == 405


def test_header_names_the_user_and_their_roles(officer_client):
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    assert '<span class="site-user__name">Trần Thị Lan</span>' in html
    assert "unit_officer – Quận Lê Chân" in html


def test_navigation_links_every_area(officer_client):
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>", html.index('<nav class="site-nav"'))]
    links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    assert links == [
        ("/app/", "Bảng điều khiển"),
        ("/app/movements/owed/", "Việc cần làm"),
        ("/app/movements/", "Phong trào"),
        ("/app/exemplary-models/", "Mô hình, điển hình"),
        ("/app/score-sheets/", "Cụm, khối: chấm điểm"),
        ("/app/eligibility/suggestions/", "Đề xuất khen thưởng"),
        ("/app/dossiers/", "Hồ sơ"),
        ("/app/decisions/", "Quyết định"),
        ("/app/records/awards/", "Khen thưởng"),
        ("/app/reports/", "Báo cáo, thống kê"),
        ("/app/notifications/", "Thông báo"),
        ("/app/units/", "Đơn vị"),
        ("/app/people/", "Cá nhân"),
        ("/app/clusters/", "Cụm, khối thi đua"),
        ("/app/imports/", "Nhập dữ liệu"),
        ("/app/catalog/award-types/", "Danh mục khen thưởng"),
        ("/app/jobs/", "Tác vụ nền"),
        ("/api/docs/", "Tài liệu API"),
    ]


def test_current_area_is_marked_in_the_navigation(officer_client):
    html = officer_client.get(reverse("orgs:person-list")).content.decode()
    assert '<a href="/app/people/" aria-current="page">Cá nhân</a>' in html


def test_page_has_skip_link_landmarks_and_search_box(officer_client):
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    assert '<a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>' in html
    assert '<main id="main"' in html
    assert '<form class="site-search" role="search" action="/app/search/" method="get">' in html
    assert '<label for="site-search-q" class="visually-hidden">Tìm cá nhân, đơn vị</label>' in html


def test_pages_have_no_inline_script_or_style(officer_client, le_chan_person):
    for url in [reverse("core:dashboard"), reverse("orgs:person-list"), reverse("accounts:login")]:
        html = officer_client.get(url).content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style", html) == [], url


def test_strict_content_security_policy_is_sent(officer_client):
    policy = officer_client.get(reverse("core:dashboard"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy


def test_language_switch_offers_the_other_language(officer_client):
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    assert '<button type="submit" name="language" value="en" lang="en" class="link-button">English</button>' in html


def test_language_switch_to_english_changes_the_page_language(officer_client):
    officer_client.post(reverse("set_language"), {"language": "en", "next": "/app/"})
    html = officer_client.get(reverse("core:dashboard")).content.decode()
    assert '<html lang="en">' in html


def test_admin_site_refuses_a_staff_user_who_is_not_superuser(client, le_chan_officer):
    le_chan_officer.is_staff = True
    le_chan_officer.save()
    client.force_login(le_chan_officer)
    response = client.get("/admin/")
    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")


def test_admin_site_opens_for_a_superuser(client, db):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert (response.status_code, "Quản trị hệ thống Thi Đua" in response.content.decode()) == (200, True)


def test_admin_login_refuses_a_staff_user_who_is_not_superuser(client, le_chan_officer):
    le_chan_officer.is_staff = True
    le_chan_officer.save()
    response = client.post("/admin/login/", {"username": "canbo.lechan", "password": "mat-khau-thu-nghiem"})
    assert "Chỉ quản trị hệ thống mới được đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session
