"""A new member of staff sets up their second factor through the link emailed to them, keeps
their backup codes, and signs in again with the app, then with a backup code; a wrong code is
refused with an error they can see and hear."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.staff import sign_in, sign_in_with_password, sign_out, unused_code
from tests.factories import UserFactory


def emailed_link(site_url):
    body = mail.outbox[-1].body
    return site_url + urlsplit(re.search(r"https?://\S+/admin/two-factor/enrol/\S+/", body)[0]).path


def test_a_new_editor_enrols_by_the_emailed_link_and_signs_in_with_either_code(
    browser, page, demo_site
):
    editor = UserFactory(email="new.editor@example.org")
    editor.groups.add(Group.objects.get(name="Editors"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    sign_in_with_password(page, demo_site, editor)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_text("we have sent a link to your address")).to_be_visible()
    expect(page.locator("svg.two-factor-qr, figure")).to_have_count(0)
    assert mail.outbox[-1].to == ["new.editor@example.org"]

    page.goto(emailed_link(demo_site))
    key = page.locator("figcaption code").inner_text().replace(" ", "")
    app = pyotp.TOTP(key)
    page.get_by_label("The 6-digit code your app shows").fill(unused_code(app))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a text file").click()
    assert download.value.suggested_filename.endswith(".txt")
    assert Path(download.value.path()).read_text().split("\n") == codes
    page.get_by_role("button", name="Copy the codes").click()
    expect(page.get_by_text("Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").split("\n") == codes
    done = page.get_by_role("link", name="I have kept them: go to the admin")
    assert done.bounding_box()["height"] >= done.evaluate("e => e.scrollHeight") - 1
    done.click()
    expect(page).to_have_url(f"{demo_site}/admin/")

    sign_out(page, demo_site)
    sign_in_with_password(page, demo_site, editor)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Verify").click()
    error = page.get_by_text("This code is not right, or has been used already.")
    expect(error).to_be_visible()
    expect(page.get_by_label("Code")).to_have_accessible_description(
        re.compile("This code is not right")
    )
    expect(page.get_by_label("Code")).to_be_focused()
    # django-otp takes no code for a second after a wrong one; a person needs that to retype.
    page.wait_for_timeout(1100)
    page.get_by_label("Code").fill(unused_code(app))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{demo_site}/admin/")

    sign_out(page, demo_site)
    sign_in(page, demo_site, editor, app, code=codes[0])

    sign_out(page, demo_site)
    sign_in_with_password(page, demo_site, editor)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("This code is not right, or has been used already.")).to_be_visible()
