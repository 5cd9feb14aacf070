"""A translator finds a new English story in "To translate" on their dashboard, translates it
over two sittings, and submits it for review; the French site shows the English original,
marked as English, until a moderator approves the translation, which then lives at its French
address. Each signs in twice, with their second factor both times."""

import datetime

from playwright.sync_api import expect
from wagtail.models import Locale

from tests.e2e.staff import sign_in, sign_out, staff_member
from tests.factories import ImageFactory, StoryFactory, publish

FRENCH = {
    "Sweden joins the Alliance": "La Suède rejoint l’Alliance",
    "A short summary of the story.": "Un court résumé de l’article.",
    "The flag was raised in Brussels.": "Le drapeau a été hissé à Bruxelles.",
    "Sweden is safer inside the Alliance.": "La Suède est plus sûre au sein de l’Alliance.",
    "Prime Minister of Sweden": "Premier ministre de Suède",
    "The flag": "Le drapeau",
    "sweden-joins-the-alliance": "la-suede-rejoint-l-alliance",
}


def translate_segments(page, tab, count=None):
    """Types a French text for each untranslated segment of `tab` (or its first `count`), as a
    translator does: Translate, type, Save."""
    page.get_by_role("tab", name=tab).click()
    waiting = page.locator("li.incomplete:has(button:text-is('Translate')) >> visible=true")
    translated = 0
    while waiting.count() and translated != count:
        segment = waiting.first.element_handle()
        original = segment.query_selector("p").inner_text()
        segment.query_selector("button:text-is('Translate')").click()
        segment.query_selector("textarea").fill(FRENCH.get(original, original))
        segment.query_selector("button:text-is('Save')").click()
        page.wait_for_function("segment => !segment.classList.contains('incomplete')", arg=segment)
        translated += 1
    return translated


def test_a_translator_translates_a_new_story_and_a_moderator_publishes_it(browser, page, demo_site):
    story = publish(
        StoryFactory(
            title="Sweden joins the Alliance",
            slug="sweden-joins-the-alliance",
            date=datetime.date.today(),
            body=[
                {"type": "paragraph", "value": "<p>The flag was raised in Brussels.</p>"},
                {
                    "type": "quote",
                    "value": {
                        "text": "Sweden is safer inside the Alliance.",
                        "speaker": "Ulf Kristersson",
                        "role": "Prime Minister of Sweden",
                        "context": "",
                    },
                },
                {
                    "type": "image",
                    "value": {"image": ImageFactory().pk, "caption": "The flag", "credit": ""},
                },
            ],
        )
    )
    french = Locale.objects.get(language_code="fr")
    translator, translators_app = staff_member("French translators", "translator@example.org")
    moderator, moderators_app = staff_member("Moderators", "moderator@example.org")

    sign_in(page, demo_site, translator, translators_app)
    to_translate = page.get_by_role("region", name="To translate")
    expect(to_translate).to_contain_text("Not translated yet")
    to_translate.get_by_role("link", name="Translate “Sweden joins the Alliance” (French)").click()
    expect(page.get_by_label("French")).to_be_checked()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("successfully submitted for translation into French")).to_be_visible()
    assert translate_segments(page, "Content", count=3) == 3
    sign_out(page, demo_site)

    sign_in(page, demo_site, translator, translators_app)
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="To translate"
    ).click()
    expect(page.get_by_role("row", name="Sweden joins the Alliance")).to_contain_text(
        "Not yet submitted for review"
    )
    page.get_by_role("link", name="Translate “Sweden joins the Alliance” (French)").click()
    translate_segments(page, "Content")
    assert translate_segments(page, "Promote") == 1, "the slug"
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("has been submitted for review")).to_be_visible()
    expect(page.get_by_role("row", name="Sweden joins the Alliance")).to_have_count(0)

    french_story = story.get_translation(french)
    assert not french_story.live
    readers = browser.new_context(locale="fr-FR")
    reader = readers.new_page()
    reader.goto(f"{demo_site}/fr/")
    card = reader.locator("article.card", has_text="Sweden joins the Alliance")
    expect(card).to_have_attribute("lang", "en")

    # The moderator finds it awaiting their review, and comes back to it later.
    moderators = browser.new_context(locale="en-GB")
    desk = moderators.new_page()
    sign_in(desk, demo_site, moderator, moderators_app)
    review = desk.get_by_role("region", name="Awaiting your review")
    row = review.get_by_role("row", name="La Suède rejoint l’Alliance")
    expect(row).to_be_visible()
    sign_out(desk, demo_site)
    sign_in(desk, demo_site, moderator, moderators_app)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(review).to_have_count(0)
    moderators.close()

    french_story.refresh_from_db()
    assert french_story.live
    assert french_story.url.endswith("/la-suede-rejoint-l-alliance/")
    published = reader.goto(f"{demo_site}{french_story.url}")
    assert published.status == 200
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    expect(reader.get_by_role("heading", level=1)).to_have_text("La Suède rejoint l’Alliance")
    expect(reader.locator("blockquote")).to_contain_text("La Suède est plus sûre")
    expect(reader.get_by_text("Le drapeau", exact=True)).to_be_visible()
    readers.close()
