"""`load_demo_content` gives a newcomer the seed story, three more, and a playable video."""

import pytest
from django.core.management import call_command

from home.demo.seed_story import SEED_STORY
from home.models import HomePage
from newsroom.models import NewsStoryPage, Person
from videos.models import Video


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=None)


def test_loading_twice_makes_no_duplicates(demo):
    counts = (NewsStoryPage.objects.count(), Video.objects.count(), Person.objects.count())

    call_command("load_demo_content")

    assert counts == (4, 1, len(SEED_STORY["people"]))
    assert (NewsStoryPage.objects.count(), Video.objects.count(), Person.objects.count()) == counts


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
    home = HomePage.objects.get(depth=2)
    response = client.get(home.url)

    assert home.lead_story.slug == SEED_STORY["slug"]
    assert response.context["page"].lead.slug == SEED_STORY["slug"]
