"""A journalist finds a video in the library, is asked to log in, comes back to the video and
downloads the broadcast master: the browser receives the file."""

from pathlib import Path

from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from tests.e2e.test_reading import assert_no_wcag_violations
from tests.factories import PASSWORD
from users.models import TermsOfUsePage, User
from videos.models import Video


def test_a_verified_journalist_downloads_the_master_from_the_video_page(page, demo_site):
    journalist = User.objects.create_user("journalist@example.org", PASSWORD)
    EmailAddress.objects.create(user=journalist, email=journalist.email, verified=True)
    journalist.accept_terms(TermsOfUsePage.current())
    video = Video.objects.public().get()

    page.goto(f"{demo_site}/en/videos/")
    assert_no_wcag_violations(page)
    page.get_by_role("link", name=video.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(video.title)
    assert_no_wcag_violations(page)
    video_page = page.url

    page.get_by_role("link", name="Download broadcast quality").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_no_wcag_violations(page)
    page.get_by_label("Email").fill(journalist.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(video_page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download broadcast quality").click()
    download = download_info.value

    assert download.suggested_filename == "newsroom-test-pattern.mp4"
    with video.file.open("rb") as master:
        assert Path(download.path()).read_bytes() == master.read()
