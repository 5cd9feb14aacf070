"""A journalist on a story registers, reads the code from the email, verifies, and is taken
back to the story, signed in."""

from playwright.sync_api import expect

from tests.e2e.test_reading import SEED_STORY_PATH, assert_no_wcag_violations
from tests.factories import PASSWORD
from tests.mailbox import last_code


def test_register_from_a_story_verify_by_code_and_return_to_it(page, demo_site):
    page.goto(f"{demo_site}{SEED_STORY_PATH}")
    page.get_by_role("link", name="Register").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_no_wcag_violations(page)
    page.get_by_label("Email").fill("journalist@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_role("button", name="Create an account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your inbox and enter verification code"
    )
    assert_no_wcag_violations(page)
    page.get_by_label("Verification code").fill(last_code())
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You have successfully created your account"
    )
    page.get_by_role("link", name="Return to the page you were on").click()
    expect(page).to_have_url(f"{demo_site}{SEED_STORY_PATH}")
    expect(page.get_by_role("link", name="My account")).to_be_visible()
