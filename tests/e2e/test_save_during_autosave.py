"""Saving a new story while Wagtail's first autosave is still creating it.

The first autosave of a new page creates it and then points the form at its edit view. The
test lets that autosave reach the server and holds back the server's answer, so the browser
is still waiting for it when the editor presses the button, as on a busy connection. Before
the fix, the button posted to the create view a second time and the desk had two stories."""

import re
import time

import pytest
from playwright.sync_api import expect

from newsroom.models import NewsIndexPage, NewsStoryPage
from tests.e2e.staff import sign_in, staff_member

TITLE = "Allies meet in Vilnius"


def hold_the_first_autosave(page):
    """Autosaves are the editor form's own requests that ask for JSON; the first one goes to
    the server, and its answer is kept in `held` until the test lets it through."""
    held = []

    def handle(route):
        request = route.request
        autosave = request.method == "POST" and "application/json" in request.headers.get(
            "accept", ""
        )
        if autosave and not held and "/preview/" not in request.url:
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route(re.compile(r"/admin/pages/add/"), handle)
    return held


def open_the_editor(page, url):
    """Wagtail takes the form's unsaved state a moment after the editor opens: edits made
    before then are not autosaved. The editor starts once it has."""
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.watching = true; });"
    )
    page.goto(url)
    page.wait_for_function("window.watching === true")


def wait_for(held, page, seconds=20):
    deadline = time.monotonic() + seconds
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held, "the editor's form did not autosave"


@pytest.mark.parametrize(
    ("role", "press", "live"),
    [("Editors", ["Save draft"], False), ("Moderators", ["More actions", "Publish"], True)],
)
def test_a_story_saved_while_its_first_autosave_is_on_its_way_is_made_once(
    page, demo_site, role, press, live
):
    person, app = staff_member(role, "desk@example.org")
    news = NewsIndexPage.objects.get(locale__language_code="en")
    sign_in(page, demo_site, person, app)
    held = hold_the_first_autosave(page)
    open_the_editor(page, f"{demo_site}/admin/pages/add/newsroom/newsstorypage/{news.pk}/")

    page.get_by_role("textbox", name=re.compile(r"^Title")).fill(TITLE)
    page.get_by_role("textbox", name=re.compile(r"^Standfirst")).fill("Leaders met in Vilnius.")
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator('[data-contentpath="body"] [contenteditable="true"]').press_sequentially(
        "Leaders agreed on the next steps."
    )
    wait_for(held, page)
    assert NewsStoryPage.objects.filter(title=TITLE).count() == 1, "the autosave made it"

    for button in press:
        page.get_by_role("button", name=button, exact=True).click()
    # Time for the press to reach the server, had it not waited for the autosave.
    page.wait_for_timeout(1_000)
    route, response = held[0]
    route.fulfill(response=response)

    expect(page.locator(".messages")).to_contain_text(TITLE)
    expect(page).to_have_url(re.compile(r"/admin/pages/"))
    stories = NewsStoryPage.objects.filter(title=TITLE)
    assert stories.count() == 1, [story.url_path for story in stories]
    story = stories.get()
    assert story.live is live
    assert story.get_latest_revision_as_object().standfirst == "Leaders met in Vilnius."
