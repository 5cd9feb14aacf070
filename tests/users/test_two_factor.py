"""Nobody reaches the admin with a password alone: TOTP from an app, backup codes, resets."""

import base64
import datetime
import re

import pyotp
import pytest
import time_machine
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


def set_up_app(client):
    """Go through setup as a person with a phone would; returns the app and the codes."""
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
    device = TOTPDevice.objects.get(user=editor)

    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(seconds=60)):
        response = client.post(
            reverse("two_factor_verify"),
            {"device": device.persistent_id, "token": app.now(), "next": "/admin/pages/"},
        )

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_or_reused_code_is_refused_with_a_clear_message(client, editor):
    sign_in_with_password(client, editor)
    app, _codes = set_up_app(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, editor)
    device = TOTPDevice.objects.get(user=editor)

    reused = client.post(
        reverse("two_factor_verify"), {"device": device.persistent_id, "token": app.now()}
    )
    wrong = client.post(
        reverse("two_factor_verify"), {"device": device.persistent_id, "token": "000000"}
    )

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
        client.post(reverse("two_factor_verify"), {"device": device.persistent_id, "token": "1"})

    response = client.post(
        reverse("two_factor_verify"),
        {"device": device.persistent_id, "token": app_of(device).now()},
    )

    assert "Too many wrong codes" in response.content.decode()


def test_a_forged_device_id_is_refused_like_a_wrong_code(client, editor):
    someone_else = UserFactory(email="other@example.org", is_staff=True, is_superuser=True)
    theirs = TOTPDevice.objects.create(user=someone_else, confirmed=True, name="Theirs")
    sign_in_to_admin(client, editor)
    client.logout()
    sign_in_with_password(client, editor)

    response = client.post(
        reverse("two_factor_verify"), {"device": theirs.persistent_id, "token": "123456"}
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, editor):
    sign_in_with_password(client, editor)
    _app, codes = set_up_app(client)
    backup_device = editor.backupcodedevice_set.get()

    for attempt in (1, 2):
        client.post(reverse("wagtailadmin_logout"))
        sign_in_with_password(client, editor)
        response = client.post(
            reverse("two_factor_verify"),
            {"device": backup_device.persistent_id, "token": codes[0].upper()},
        )
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
