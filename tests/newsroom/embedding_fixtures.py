"""Videos with real files, shown on stories in each of the states a story can be in."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.tasks import publish_scheduled_pages
from tests.factories import StoryFactory, VideoFactory, publish
from videos.models import CaptionTrack

CAPTIONS = {
    "en": "WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n",
    "fr": "WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour\n",
}
SHOT_LIST = [
    {"timecode": "00:00:00", "description": "Wide shot of the press room."},
    {"timecode": "00:00:02", "description": "Close-up --> of the speaker."},
    {"timecode": "not a time", "description": "Left out."},
]


def video_with_files(title):
    video = VideoFactory(
        title=title,
        description=f"About {title}.",
        duration=4,
        width=1920,
        height=1080,
        credit="Newsroom",
        transcript=f"Words of {title}.",
        shot_list=SHOT_LIST,
        preview=ContentFile(b"\x00\x00\x00\x18ftypmp42", name=f"{title[:10]}.mp4"),
        thumbnail=ContentFile(b"\xff\xd8 poster", name=f"{title[:10]}.jpg"),
    )
    for language, text in CAPTIONS.items():
        CaptionTrack.objects.create(
            video=video, language=language, file=ContentFile(text.encode(), name=f"{language}.vtt")
        )
    return video


def story_showing(video, **fields):
    return StoryFactory(
        body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}], **fields
    )


def public_story(title="Public"):
    video = video_with_files(f"{title} footage")
    return publish(story_showing(video, title=f"{title} story")), video


def stories_not_public(capture_on_commit):
    """A draft, an embargoed, an expired and a view-restricted story, each showing a video
    of its own: {state: (story, video)}."""
    made = {}
    video = video_with_files("Draft footage")
    made["draft"] = (story_showing(video, title="Draft story", live=False), video)

    video = video_with_files("Embargoed footage")
    story = story_showing(video, title="Embargoed story", live=False)
    story.go_live_at = timezone.now() + datetime.timedelta(days=2)
    story.save_revision().publish()
    made["embargoed"] = (story, video)

    video = video_with_files("Expired footage")
    story = publish(story_showing(video, title="Expired story"))
    story.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    story.save(update_fields=["expire_at"])
    publish_scheduled_pages()
    made["expired"] = (story, video)

    video = video_with_files("Restricted footage")
    story = publish(story_showing(video, title="Restricted story"))
    with capture_on_commit(execute=True):
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    made["restricted"] = (story, video)
    return made
