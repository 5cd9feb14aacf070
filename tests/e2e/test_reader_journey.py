"""A reader on a story wants the broadcast master: by keyboard alone they are told why they
must log in, register, type the emailed code into the field that has the focus, see the
welcome page and its newsletter offer, go back to the story and download the file. Then
every public page of that journey and of reading is checked for WCAG 2.2 AA, in English and
in French."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_reading import SEED_STORY_PATH, assert_no_wcag_violations
from tests.factories import PASSWORD
from tests.mailbox import last_code
from videos.models import Video

# Enough to cross the header, a story and the footer; a journey that needs more is lost.
MOST_TABS = 80


def tab_to(page, target):
    """Press Tab until `target` has the focus, as a keyboard user moves through a page."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target} on {page.url}")


def test_a_reader_registers_and_downloads_the_master_by_keyboard_alone(page, demo_site):
    video = Video.objects.public().get()
    page.goto(f"{demo_site}{SEED_STORY_PATH}")

    tab_to(page, page.get_by_role("link", name="Download broadcast quality").first)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_role("main").get_by_role("status")).to_contain_text(
        "Log in or create an account to download broadcast-quality video."
    )
    tab_to(page, page.get_by_role("link", name="Create an account"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type("journalist@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_label("I accept the terms of use"))
    page.keyboard.press("Space")
    expect(page.get_by_label("I accept the terms of use")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Create an account"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your inbox and enter verification code"
    )
    expect(page.get_by_label("Verification code")).to_be_focused()
    page.keyboard.type(last_code())
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have successfully created your account"
    )
    expect(page.get_by_role("heading", name="Subscribe to our newsletter")).to_be_visible()
    tab_to(page, page.get_by_role("link", name="Return to the page you were on"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{demo_site}{SEED_STORY_PATH}")
    tab_to(page, page.get_by_role("link", name="Download broadcast quality").first)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value

    with video.file.open("rb") as master:
        assert Path(download.path()).read_bytes() == master.read()


def _sign_up(page, site, language, email):
    page.goto(f"{site}/{language}/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=accept_terms]").check()
    page.locator("form[action$='/accounts/signup/'] button[type=submit]").click()
    page.locator("input[name=code]").wait_for()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_public_pages_of_reading_and_registering_have_no_wcag_violations(
    page, demo_site, language
):
    video = Video.objects.public().get()
    page.goto(f"{demo_site}{SEED_STORY_PATH}")
    if language == "fr":
        page.get_by_role("navigation", name="Language").get_by_role("link", name="français").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    story = page.url

    anonymous = [
        f"/{language}/",
        story,
        f"/{language}/videos/",
        f"/{language}/videos/{video.pk}/",
        f"/{language}/search/?q=NATO",
        f"/{language}/accounts/login/",
        f"/{language}/accounts/signup/",
        f"/{language}/accounts/password/reset/",
    ]
    for path in anonymous:
        page.goto(path if path.startswith("http") else f"{demo_site}{path}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_no_wcag_violations(page)

    page.goto(f"{demo_site}/{language}/accounts/password/reset/")
    page.locator("input[name=email]").fill("nobody@example.org")
    page.locator("form[action$='/accounts/password/reset/'] button[type=submit]").click()
    page.locator("input[name=code]").wait_for()
    assert_no_wcag_violations(page)

    _sign_up(page, demo_site, language, f"reader-{language}@example.org")
    assert_no_wcag_violations(page)
    page.locator("input[name=code]").fill(last_code())
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(f"{demo_site}/{language}/accounts/welcome/")
    assert_no_wcag_violations(page)

    page.goto(f"{demo_site}/{language}/accounts/profile/")
    assert_no_wcag_violations(page)
