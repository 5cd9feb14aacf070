"""Members of staff in a real browser: their authenticator app, signing in with it, signing out.

Every role's journey signs in through the admin's own login and second-factor pages, as a new
member of staff would, so a break in either shows in every journey."""

import base64
import datetime
import re
import time

import pyotp
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from users.backup_codes import BackupCodeDevice


def staff_member(role, email):
    """Someone in `role` (a group's name) whose authenticator app is set up, and who kept their
    backup codes, as everyone has after setting up; returns them and the app, which gives the
    current code with `app.now()` and holds the codes in `app.backup_codes`."""
    person = UserFactory(email=email)
    person.groups.add(Group.objects.get(name=role))
    device = TOTPDevice.objects.create(user=person, confirmed=True, name="Phone")
    app = pyotp.TOTP(base64.b32encode(device.bin_key).decode())
    backup = BackupCodeDevice.objects.create(user=person, confirmed=True, name="Backup codes")
    app.backup_codes = backup.replace_codes()
    return person, app


def sign_in(page, site_url, person, app, code=None):
    """Through the admin's login page and then its second-factor page, to the dashboard: with
    the app's next code, or with `code` (a backup code) if given."""
    sign_in_with_password(page, site_url, person)
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    page.get_by_label("Code").fill(code or unused_code(app))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{site_url}/admin/")


def sign_in_with_password(page, site_url, person):
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def unused_code(app):
    """A code the device has not accepted yet. django-otp refuses a time step it has already
    accepted, so a second sign-in in the same 30 seconds takes the next step's code, which the
    device accepts within its tolerance of one step."""
    current = app.timecode(datetime.datetime.now())
    step = max(current, getattr(app, "last_step", current - 1) + 1)
    if step > current + 1:
        time.sleep((step - 1) * app.interval - time.time() + 0.5)
    app.last_step = step
    return app.generate_otp(step)


def sign_out(page, site_url):
    """What the admin's "Log out" does (a POST with the CSRF token); back at the login page."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        f"{site_url}/admin/logout/", headers={"X-CSRFToken": token}, max_redirects=0
    )
    assert response.status == 302, response.status
    page.goto(f"{site_url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
