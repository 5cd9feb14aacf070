"""A reader searches: types in the header's box, picks a suggestion with the keyboard or the
mouse and lands on the story; or searches and reads the results. In English and in French,
with an accessibility check of each state."""

import re

from playwright.sync_api import expect

from tests.e2e.test_reading import SEED_STORY_PATH, assert_no_wcag_violations

FRENCH_SEED_STORY_PATH = (
    "/fr/actualites/le-secretaire-general-evoque-l-adhesion-de-la-suede-a-stockholm/"
)


def test_a_reader_types_in_the_header_box_picks_a_suggestion_and_lands_on_the_story(
    page, demo_site
):
    page.goto(f"{demo_site}/en/")
    box = page.get_by_role("combobox", name="Search stories and videos")

    box.press_sequentially("secretary gen")
    suggestion = page.get_by_role("option", name=re.compile("Secretary General discusses Sweden"))
    expect(suggestion).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="1 suggestion")).to_be_attached()
    assert_no_wcag_violations(page)

    box.press("ArrowDown")
    expect(suggestion).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", suggestion.get_attribute("id"))
    box.press("Enter")

    expect(page).to_have_url(f"{demo_site}{SEED_STORY_PATH}")


def test_a_french_reader_types_without_accents_and_clicks_a_suggestion(page, demo_site):
    page.goto(f"{demo_site}/fr/")
    box = page.get_by_role("combobox", name="Rechercher des articles et des vidéos")

    box.press_sequentially("adhesion de la sue")
    page.get_by_role("option", name=re.compile("adhésion de la Suède")).click()

    expect(page).to_have_url(f"{demo_site}{FRENCH_SEED_STORY_PATH}")


def test_escape_closes_the_suggestions_and_enter_then_searches(page, demo_site):
    page.goto(f"{demo_site}/fr/")
    box = page.get_by_role("combobox", name="Rechercher des articles et des vidéos")

    box.press_sequentially("Suède")
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/fr/search/\?q=Su%C3%A8de$"))
    expect(page.get_by_role("heading", level=2)).to_have_text("1 résultat pour « Suède »")
    result = page.get_by_role("listitem").filter(has=page.locator("mark"))
    expect(result.get_by_role("link")).to_contain_text("adhésion de la Suède")
    expect(result.locator("mark").first).to_have_text("Suède")
    assert_no_wcag_violations(page)

    result.get_by_role("link").click()
    expect(page).to_have_url(f"{demo_site}{FRENCH_SEED_STORY_PATH}")


def test_the_search_page_narrows_by_type_and_says_kindly_when_nothing_is_found(page, demo_site):
    page.goto(f"{demo_site}/en/search/?q=test+pattern")
    search = page.get_by_role("search", name="Search stories and videos")

    search.get_by_label("Type").select_option("video")
    search.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(re.compile(r"kind=video"))
    expect(page.get_by_role("heading", level=2)).to_have_text("1 result for “test pattern”")
    expect(page.get_by_role("link", name="Newsroom test pattern")).to_be_visible()
    assert_no_wcag_violations(page)

    search.get_by_label("Search stories and videos").fill("volcano")
    search.get_by_label("Search stories and videos").press("Enter")

    expect(page.get_by_role("heading", level=2)).to_have_text("Nothing found for “volcano”")
    assert_no_wcag_violations(page)
