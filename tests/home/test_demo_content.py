"""`load_demo_content` gives a newcomer the seed story, three more, and a playable video."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.demo.seed_story import SEED_STORY
from home.models import HomePage
from newsletters.models import NewsletterIssue
from newsroom.models import NewsStoryPage, Person
from tests.search.conftest import load_the_demo
from videos.models import Video


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    # wagtail-localize publishes a translation once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content")


def counts():
    stories = NewsStoryPage.objects
    return {
        "English stories": stories.filter(locale__language_code="en").count(),
        "French stories": stories.filter(locale__language_code="fr").count(),
        "videos": Video.objects.count(),
        "people": Person.objects.count(),
        "newsletter issues": NewsletterIssue.objects.count(),
    }


def test_loading_twice_makes_no_duplicates(demo):
    before = counts()

    call_command("load_demo_content")

    assert before == {
        "English stories": 4,
        "French stories": 4,
        "videos": 1,
        "people": len(SEED_STORY["people"]),
        "newsletter issues": 2,  # the draft issue, in English and in French
    }
    assert counts() == before


def test_the_seed_story_is_dated_and_placed_as_in_the_seed(demo):
    story = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])

    assert story.live
    assert story.date.isoformat() == "2023-10-24"
    assert story.place == "Stockholm"


def test_every_quotation_of_the_seed_is_a_quote_block_with_speaker_and_role(demo):
    story = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
    quotes = [block.value for block in story.body if block.block_type == "quote"]

    assert len(quotes) == 5
    assert all(q["speaker"] == "Jens Stoltenberg" for q in quotes)
    assert all(q["role"] == "NATO Secretary General" for q in quotes)
    assert quotes[0]["text"].startswith("Following the submission of the ratification documents")
    assert quotes[-1]["text"].endswith(
        "It is important that this situation does not escalate further."
    )


def test_the_seed_story_carries_the_full_text(demo):
    story = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
    text = " ".join(
        block.value.source if block.block_type == "paragraph" else str(block.value.get("text", ""))
        for block in story.body
    )

    for passage in (
        "met with Swedish Prime Minister Ulf Kristersson in Stockholm on Tuesday (24 October 2023)",
        "Assistant Secretary General to serve as his Special Coordinator for Counter-Terrorism",
        "recent damage to critical undersea infrastructure in the Baltic Sea",
        "Defence Minister Pål Jonson, Foreign Minister Tobias Billström",
        "will participate in the NATO-Industry Forum in Stockholm",
    ):
        assert passage in text


def test_the_demo_video_is_a_real_h264_clip_attached_to_the_seed_story(demo):
    import av

    video = Video.objects.get()
    story = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])

    assert [block.value["video"] for block in story.body if block.block_type == "video"] == [video]
    with video.preview.open("rb") as clip, av.open(clip) as container:
        codecs = {stream.type: stream.codec_context.name for stream in container.streams}
    assert codecs == {"video": "h264", "audio": "aac"}
    assert video.thumbnail


def test_the_home_page_leads_with_the_seed_story(demo, client):
    home = HomePage.objects.get(depth=2, locale__language_code="en")
    response = client.get(home.url)

    assert home.lead_story.slug == SEED_STORY["slug"]
    assert response.context["page"].lead.slug == SEED_STORY["slug"]


def test_the_seed_story_is_published_in_french_with_its_quotes(demo, client):
    english = NewsStoryPage.objects.get(slug=SEED_STORY["slug"])
    french = english.get_translation(Locale.objects.get(language_code="fr"))

    response = client.get(french.url)

    assert french.live
    assert french.url.startswith("/fr/actualites/")
    assert "Le secrétaire général s’entretient de l’adhésion de la Suède" in french.title
    assert french.date == english.date
    html = response.content.decode()
    assert "je compte sur une ratification rapide par le parlement turc" in html
    assert '<span class="quote__role">Secrétaire général de l’OTAN</span>' in html
    assert "24 octobre 2023" in html


def test_the_demo_video_has_its_french_title_description_and_transcript(db, client):
    # Each of the loader's commits run as it commits, so that the French video library is
    # published with the French home page above it.
    load_the_demo()
    video = Video.objects.get()

    french = client.get(f"/fr/videos/{video.pk}/").content.decode()
    english = client.get(f"/en/videos/{video.pk}/").content.decode()

    assert "<h1>Mire d’essai de la rédaction</h1>" in french
    assert "Séquence de démonstration : mire de barres de couleur" in french
    assert "Un signal de 1 kHz retentit sur des barres de couleur" in french
    assert "<h1>Newsroom test pattern</h1>" in english
    assert "Mire d’essai" not in english
