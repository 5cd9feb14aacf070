"""A reader's journeys in a real browser: the home page, the seed story with its quote and
video, the list of stories, the story in French; by mouse and by keyboard, with an
accessibility check on each page."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SEED_STORY_PATH = "/en/news/secretary-general-discusses-swedens-accession-in-stockholm/"


def assert_no_wcag_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_a_reader_goes_from_the_home_page_to_the_seed_story_and_the_news_list(page, demo_site):
    page.goto(f"{demo_site}/en/")
    assert_no_wcag_violations(page)

    seed_headline = "Secretary General discusses Sweden’s NATO accession"
    page.get_by_role("link", name=seed_headline).first.click()

    expect(page).to_have_url(f"{demo_site}{SEED_STORY_PATH}")
    quote = page.locator("figure.quote blockquote").first
    expect(quote).to_be_visible()
    expect(quote).to_contain_text("I now count on a speedy ratification")
    expect(page.locator("figure.quote figcaption").first).to_contain_text(
        "Jens Stoltenberg, NATO Secretary General"
    )
    player = page.locator("video").first
    expect(player).to_be_visible()
    assert player.evaluate("video => video.querySelector('source').src").endswith(".mp4")
    assert_no_wcag_violations(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    expect(page).to_have_url(f"{demo_site}/en/news/")
    assert_no_wcag_violations(page)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_reader_switches_the_seed_story_to_french(page, demo_site):
    page.goto(f"{demo_site}{SEED_STORY_PATH}")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="français").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Le secrétaire général s’entretient de l’adhésion de la Suède à l’OTAN"
    )
    expect(page.locator("figure.quote blockquote").first).to_contain_text(
        "je compte sur une ratification rapide par le parlement turc"
    )
    expect(page.locator("figure.quote figcaption").first).to_contain_text(
        "Secrétaire général de l’OTAN"
    )
    assert_no_wcag_violations(page)
