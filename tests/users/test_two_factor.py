"""Nobody reaches the admin with a password alone: TOTP from an app, backup codes, resets."""

import base64
import datetime
import re
from urllib.parse import unquote, urlsplit

import pyotp
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.admin_login import sign_in_to_admin
from tests.factories import PASSWORD, UserFactory
from users.backup_codes import BackupCode

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/2/",
    "/admin/snippets/",
    "/admin/snippets/newsroom/person/",
    "/admin/reports/site-history/",
    "/admin/reports/video-downloads/",
    "/admin/media/",
    "/admin/users/",
    "/admin/api/main/pages/",
    "/admin/no-such-screen/",
]


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)


def app_of(device):
    """The authenticator app holding `device`'s key."""
    return pyotp.TOTP(base64.b32encode(device.bin_key).decode())


def sign_in_with_password(client, user):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def enrolment_link():
    """The link in the most recent email, as the person's mail client shows it."""
    url = re.search(r"https?://\S+/admin/two-factor/enrol/\S+/", mail.outbox[-1].body)[0]
    return urlsplit(url).path


def set_up_app(client):
    """Go through setup as a person with a phone would: the emailed link, then the QR code;
    returns the app and the codes."""
    client.get(reverse("two_factor_setup"))
    client.get(enrolment_link())
    page = client.get(reverse("two_factor_setup")).content.decode()
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")
    app = pyotp.TOTP(key)
    shown = client.post(reverse("two_factor_setup"), {"token": app.now()})
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", shown.content.decode())
    return app, codes


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_a_password_only_session_cannot_load_any_admin_url(client, editor, url):
    sign_in_with_password(client, editor)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_without_a_device_the_second_factor_starts_with_setting_one_up(client, editor):
    sign_in_with_password(client, editor)

    response = client.get(reverse("two_factor_verify"))

    assert response["Location"] == reverse("two_factor_setup")
    client.get(reverse("two_factor_setup"))
    client.get(enrolment_link())
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "<svg" in page and "Scan this code" in page


def test_setting_up_an_app_with_a_real_code_opens_the_admin_and_shows_backup_codes_once(
    client, editor
):
    sign_in_with_password(client, editor)
    session_before = client.session.session_key

    _app, codes = set_up_app(client)

    assert len(codes) == 10
    assert client.session.session_key != session_before, "the session key rotates"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=editor).confirmed
    stored = set(BackupCode.objects.values_list("digest", flat=True))
    assert not stored & set(codes), "backup codes are stored hashed"
    assert ModelLogEntry.objects.filter(action="users.two_factor_setup").exists()


def test_posting_the_setup_form_twice_says_it_is_done_already(client, editor):
    sign_in_with_password(client, editor)
    app, _codes = set_up_app(client)

    again = client.post(reverse("two_factor_setup"), {"token": app.now()}, follow=True)

    assert "already set up" in again.content.decode()
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_signing_in_again_asks_for_a_code_from_the_app(client, editor):
    sign_in_with_password(client, editor)
    app, _codes = set_up_app(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, editor)

    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(seconds=60)):
        response = client.post(
            reverse("two_factor_verify"),
            {"token": app.now(), "next": "/admin/pages/"},
        )

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_or_reused_code_is_refused_with_a_clear_message(client, editor):
    sign_in_with_password(client, editor)
    app, _codes = set_up_app(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, editor)

    reused = client.post(reverse("two_factor_verify"), {"token": app.now()})
    wrong = client.post(reverse("two_factor_verify"), {"token": "000000"})

    for response in (reused, wrong):
        assert response.status_code in (400,)
    assert "has been used already" in reused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_are_throttled(client, editor):
    sign_in_to_admin(client, editor)
    client.logout()
    sign_in_with_password(client, editor)
    device = TOTPDevice.objects.get(user=editor)
    for _attempt in range(3):
        client.post(reverse("two_factor_verify"), {"token": "123456"})

    response = client.post(reverse("two_factor_verify"), {"token": app_of(device).now()})

    assert "Too many wrong codes" in response.content.decode()


def test_a_code_from_someone_elses_app_is_refused_like_a_wrong_code(client, editor):
    someone_else = UserFactory(email="other@example.org", is_staff=True, is_superuser=True)
    theirs = TOTPDevice.objects.create(user=someone_else, confirmed=True, name="Theirs")
    sign_in_to_admin(client, editor)
    client.logout()
    sign_in_with_password(client, editor)

    response = client.post(reverse("two_factor_verify"), {"token": app_of(theirs).now()})

    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, editor):
    sign_in_with_password(client, editor)
    _app, codes = set_up_app(client)

    for attempt in (1, 2):
        client.post(reverse("wagtailadmin_logout"))
        sign_in_with_password(client, editor)
        response = client.post(reverse("two_factor_verify"), {"token": codes[0].upper()})
        if attempt == 1:
            assert response.status_code == 302
            assert client.get("/admin/").status_code == 200
        else:
            assert response.status_code == 400
            assert client.get("/admin/").status_code == 302
    assert BackupCode.objects.count() == 9


def test_a_superuser_resets_someones_devices_and_it_is_logged(client, editor):
    lost_phone = UserFactory(email="lost@example.org", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=lost_phone, confirmed=True, name="Old phone")
    sign_in_to_admin(client, editor)

    confirm = client.get(reverse("two_factor_reset", args=[lost_phone.pk]))
    done = client.post(reverse("two_factor_reset", args=[lost_phone.pk]))

    assert "lost@example.org" in confirm.content.decode()
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=lost_phone).exists()
    assert mail.outbox[-1].to == ["lost@example.org"] and enrolment_link()
    entry = ModelLogEntry.objects.get(action="users.two_factor_reset")
    assert (entry.user, entry.object_id) == (editor, str(lost_phone.pk))


def test_only_a_superuser_may_reset_devices(client):
    staff = UserFactory(email="staff@example.org", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    other = UserFactory(email="victim@example.org")
    TOTPDevice.objects.create(user=other, confirmed=True, name="Phone")
    sign_in_to_admin(client, staff)

    response = client.post(reverse("two_factor_reset", args=[other.pk]))

    assert response.status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=other).exists()


def test_the_reset_command_removes_the_devices(editor, capsys):
    TOTPDevice.objects.create(user=editor, confirmed=True, name="Phone")

    call_command("reset_two_factor", "EDITOR@example.org")

    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert "Removed 1" in capsys.readouterr().out
    assert mail.outbox[-1].to == ["editor@example.org"] and enrolment_link()
    assert ModelLogEntry.objects.filter(action="users.two_factor_reset").exists()


def test_public_accounts_never_meet_the_second_factor(client, reporter):
    client.force_login(reporter)

    assert client.get("/en/accounts/profile/").status_code == 200
    assert not client.get("/admin/")["Location"].startswith(reverse("two_factor_verify"))


def test_superusers_filter_the_audit_log_by_these_actions(client, editor):
    lost_phone = UserFactory(email="lost@example.org")
    TOTPDevice.objects.create(user=lost_phone, confirmed=True, name="Old phone")
    call_command("reset_two_factor", lost_phone.email)
    sign_in_to_admin(client, editor)

    history = client.get("/admin/reports/site-history/", {"action": "users.two_factor_reset"})

    html = history.content.decode()
    assert history.status_code == 200
    assert "Two-factor sign-in reset" in html and "lost@example.org" in html


def test_a_password_alone_does_not_show_the_qr_code_but_mails_a_link(client, editor):
    sign_in_with_password(client, editor)

    page = client.get(reverse("two_factor_setup"))
    guess = client.post(reverse("two_factor_setup"), {"token": "123456"})

    html = page.content.decode()
    assert "we have sent a link to your address" in html and "editor@example.org" in html
    assert "<svg" not in html and "otpauth" not in html
    assert "<svg" not in guess.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert "open this link" in mail.outbox[0].body


def test_reloading_the_page_sends_no_second_link_and_a_new_one_waits_a_minute(client, editor):
    sign_in_with_password(client, editor)
    client.get(reverse("two_factor_setup"))
    client.get(reverse("two_factor_setup"))
    first = client.post(reverse("two_factor_setup"), {"send_link": ""})
    second = client.post(reverse("two_factor_setup"), {"send_link": ""})

    assert len(mail.outbox) == 2
    assert first.status_code == 302
    assert second.status_code == 429


def test_the_link_works_once(client, editor):
    sign_in_with_password(client, editor)
    client.get(reverse("two_factor_setup"))
    link = enrolment_link()
    client.get(link)
    client.logout()
    sign_in_with_password(client, editor)

    again = client.get(link, follow=True)

    assert "has been used already" in again.content.decode()
    assert "<svg" not in again.content.decode()


def test_an_old_link_has_expired(client, editor):
    sign_in_with_password(client, editor)
    client.get(reverse("two_factor_setup"))

    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(hours=25)):
        sign_in_with_password(client, editor)
        page = client.get(enrolment_link(), follow=True).content.decode()

    assert "has expired" in page and "<svg" not in page


def test_only_the_latest_link_and_only_its_owner_can_use_it(client, editor):
    sign_in_with_password(client, editor)
    client.get(reverse("two_factor_setup"))
    older = enrolment_link()
    client.post(reverse("two_factor_setup"), {"send_link": ""})
    newer = enrolment_link()
    intruder = UserFactory(email="intruder@example.org", is_staff=True, is_superuser=True)

    assert "<svg" not in client.get(older, follow=True).content.decode()
    client.logout()
    sign_in_with_password(client, intruder)
    assert "<svg" not in client.get(newer, follow=True).content.decode()
    client.logout()
    sign_in_with_password(client, editor)
    assert "<svg" in client.get(newer, follow=True).content.decode()


def test_a_link_opened_before_signing_in_asks_for_the_password_first(client, editor):
    client.force_login(editor)
    client.get(reverse("two_factor_setup"))
    link = enrolment_link()
    client.logout()

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_verify_page_takes_either_kind_of_code_in_one_field(client, editor):
    sign_in_with_password(client, editor)
    set_up_app(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, editor)

    html = client.get(reverse("two_factor_verify")).content.decode()

    assert 'type="radio"' not in html
    assert html.count('name="token"') == 1
    assert "or one of your backup codes" in html


def test_a_wrong_code_shows_an_error_tied_to_the_field(client, editor):
    sign_in_with_password(client, editor)
    set_up_app(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, editor)

    html = client.post(reverse("two_factor_verify"), {"token": "000000"}).content.decode()

    field = re.search(r"<input[^>]*name=\"token\"[^>]*>", html)[0]
    described_by = re.search(r'aria-describedby="([^"]+)"', field)[1].split()
    error_id = re.search(r'id="([^"]+)"[^>]*>(?:\s|<[^>]+>)*This code is not right', html)
    assert 'aria-invalid="true"' in field
    assert error_id and error_id[1] in described_by


def test_the_backup_codes_can_be_downloaded(client, editor):
    sign_in_with_password(client, editor)
    client.get(reverse("two_factor_setup"))
    client.get(enrolment_link())
    page = client.get(reverse("two_factor_setup")).content.decode()
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", page).group(1).replace(" ", "")

    shown = client.post(reverse("two_factor_setup"), {"token": pyotp.TOTP(key).now()})

    html = shown.content.decode()
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", html)
    download = re.search(
        r'<a[^>]*download="[^"]+\.txt"[^>]*href="data:text/plain;[^,]*,([^"]+)"', html
    )
    assert unquote(download[1]).split("\n") == codes
    assert "data-copy-codes" in html


def test_the_second_factor_pages_get_the_admin_icons_not_a_redirect(client, editor):
    """Wagtail's script puts the icon sprite into every page: were it redirected, the page
    itself would be drawn into the sprite's place."""
    sign_in_with_password(client, editor)

    sprite = client.get(reverse("wagtailadmin_sprite"))

    assert sprite.status_code == 200
    assert b"<svg" in sprite.content and b"Two-factor" not in sprite.content
