"""What newsrooms ingest: the public stories and videos of one language, with everything their
ninjs and NewsML-G2 documents show read once per batch, so that a listing of 100 items costs
the queries of a listing of 10.

Every story delivered is asked of `page_base.published`, the one visibility rule, and every
video of `Video.objects.public()`; a listing's filters only narrow those."""

import datetime
import mimetypes
from math import gcd
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from videos.models import Video

from .models import PEOPLE_IN_ORDER, NewsStoryPage, Person, VideoLibraryPage
from .renditions import HERO_IMAGE_FILTER
from .topics import Topic, give_topic_lists
from .visibility import published, videos_shown_by

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# The largest id a database integer column holds: a larger one is no item, not an overflow.
LARGEST_ID = 2**31 - 1


def public_stories(language_code):
    """The stories of one language the public may see, with what each document shows."""
    return (
        published(NewsStoryPage.objects.all())
        .filter(locale__language_code=language_code)
        .select_related("locale", "hero_image")
        .prefetch_related("topics", PEOPLE_IN_ORDER)
        .order_by("-last_published_at", "-pk")
    )


def public_videos():
    return (
        Video.objects.public()
        .with_texts()
        .prefetch_related("captions")
        .order_by("-created_at", "-pk")
    )


class UpdatedSinceField(forms.Field):
    """An ISO 8601 date or date-time; a date means its midnight, a time without an offset the
    site's time zone."""

    default_error_messages = {
        "invalid": _("Give a date or a date and time in ISO 8601, e.g. 2024-03-07T09:30:00Z."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = value.strip()
        try:
            moment = parse_datetime(value)
            if moment is None:
                day = parse_date(value)
                moment = day and datetime.datetime.combine(day, datetime.time())
        except ValueError:
            moment = None
        if moment is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        try:
            return moment.astimezone(datetime.UTC)
        except OverflowError as overflow:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from overflow


class ListingQuery(forms.Form):
    """The parameters a listing understands. Any other is refused rather than ignored, so that
    a misspelt filter is not mistaken for an empty result."""

    page = forms.IntegerField(min_value=1, required=False)
    limit = forms.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    topic = forms.SlugField(allow_unicode=True, max_length=100, required=False)
    person = forms.IntegerField(min_value=1, max_value=LARGEST_ID, required=False)
    updated_since = UpdatedSinceField(required=False)

    def __init__(self, query):
        super().__init__(query)
        self.unknown = sorted(set(query) - set(self.fields))
        self.repeated = sorted(name for name in self.fields if len(query.getlist(name)) > 1)

    def clean(self):
        data = super().clean()
        if self.unknown:
            raise forms.ValidationError(
                gettext("Unknown parameters: %(names)s. This listing understands: %(known)s.")
                % {"names": ", ".join(self.unknown), "known": ", ".join(self.fields)}
            )
        for name in self.repeated:
            self.add_error(name, gettext("Give this parameter once."))
        if data.get("topic") and not Topic.objects.filter(slug=data["topic"]).exists():
            self.add_error("topic", gettext("There is no topic with this slug."))
        if data.get("person") and not Person.objects.filter(pk=data["person"]).exists():
            self.add_error("person", gettext("There is no person with this id."))
        return data

    def errors_as_json(self):
        return {
            field if field != "__all__" else "parameters": [str(message) for message in messages]
            for field, messages in self.errors.items()
        }


def filter_stories(stories, query):
    if query.get("topic"):
        stories = stories.filter(topics__slug=query["topic"])
    if query.get("person"):
        stories = stories.filter(people_mentioned__person=query["person"])
    if query.get("updated_since"):
        stories = stories.filter(last_published_at__gte=query["updated_since"])
    return stories.distinct()


def filter_videos(videos, query):
    """A video has the topics and people of the public stories showing it."""
    if query.get("topic") or query.get("person"):
        stories = filter_stories(published(NewsStoryPage.objects.all()), query)
        videos = videos.filter(shown_on__in=stories.values("pk"))
    if query.get("updated_since"):
        videos = videos.filter(created_at__gte=query["updated_since"])
    return videos.distinct()


def aspect_ratio(width, height):
    if not (width and height):
        return None
    divisor = gcd(width, height)
    return f"{width // divisor}:{height // divisor}"


def master_content_type(video):
    return mimetypes.guess_type(video.file.name)[0] or "application/octet-stream"


def rfc3339(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def start_of(day):
    """A dateline date as a moment: its midnight in the site's time zone."""
    return rfc3339(timezone.make_aware(datetime.datetime.combine(day, datetime.time())))


class Batch:
    """The stories and videos of one response in one language, and what their documents show:
    videos, images, translations, topics and people, each read once for all of them."""

    def __init__(self, request, language_code, *, stories=(), videos=()):
        self.request = request
        self.language_code = language_code
        self.stories = give_topic_lists(list(stories), language_code)
        shown = set().union(*(videos_shown_by(story) for story in self.stories))
        self.videos = {video.pk: video for video in videos}
        missing = shown - set(self.videos)
        if missing:
            self.videos.update(
                {video.pk: video for video in public_videos().filter(pk__in=missing)}
            )

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    def ninjs_uri(self, kind, pk, language_code=None):
        name = {"story": "ninjs-story", "video": "ninjs-video"}[kind]
        return self.absolute(_in_language(language_code or self.language_code, name, pk))

    def newsml_uri(self, kind, pk):
        name = {"story": "newsml-story", "package": "newsml-package", "video": "newsml-video"}[kind]
        return self.absolute(_in_language(self.language_code, name, pk))

    def stories_about(self, topic):
        with translation.override(self.language_code):
            path = reverse("ninjs-stories")
        return self.absolute(f"{path}?{urlencode({'topic': topic.slug})}")

    def captions_scheme(self):
        """The scheme of the caption files' rendition codes: the guide's section on them."""
        with translation.override(self.language_code):
            return self.absolute(reverse("ingest-guide") + "#captions-")

    def story_url(self, story):
        return self.absolute(story.get_url(self.request))

    def videos_of(self, story):
        """The story's public videos, its hero video first, each once."""
        ids = []
        if story.hero_video_id:
            ids.append(story.hero_video_id)
        for block in story.body.raw_data:
            if block["type"] == "video":
                ids.append(block["value"].get("video"))
        seen = dict.fromkeys(pk for pk in ids if pk in self.videos)
        return [self.videos[pk] for pk in seen]

    @cached_property
    def images(self):
        ids = {story.hero_image_id for story in self.stories if story.hero_image_id}
        for story in self.stories:
            ids.update(
                block["value"].get("image")
                for block in story.body.raw_data
                if block["type"] == "image" and block["value"].get("image")
            )
        images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(HERO_IMAGE_FILTER)
        return {image.pk: image for image in images}

    @cached_property
    def translations(self):
        """Per translation key, the other languages' public versions of each story."""
        keys = {story.translation_key for story in self.stories}
        found = {}
        others = published(NewsStoryPage.objects.filter(translation_key__in=keys))
        for story in others.exclude(pk__in=[story.pk for story in self.stories]).select_related(
            "locale"
        ):
            found.setdefault(story.translation_key, []).append(story)
        for stories in found.values():
            stories.sort(key=lambda story: story.locale.language_code)
        return found

    @cached_property
    def video_library_url(self):
        library = (
            published(VideoLibraryPage.objects.all())
            .filter(locale__language_code=self.language_code)
            .first()
        )
        return library.get_url(self.request) if library else None

    def video_page_url(self, video):
        if self.video_library_url is None:
            return None
        return self.absolute(f"{self.video_library_url}{video.pk}/")

    @cached_property
    def stories_showing(self):
        """Per video, the public stories showing it, with their topics and people."""
        rows = Video.shown_on.through.objects.filter(video_id__in=self.videos)
        page_ids = {}
        for video_id, page_id in rows.values_list("video_id", "page_id"):
            page_ids.setdefault(video_id, []).append(page_id)
        stories = published(NewsStoryPage.objects.all()).filter(
            pk__in={page for pages in page_ids.values() for page in pages}
        )
        stories = {
            story.pk: story
            for story in give_topic_lists(
                list(stories.prefetch_related("topics", PEOPLE_IN_ORDER)), self.language_code
            )
        }
        return {
            video_id: [stories[pk] for pk in pages if pk in stories]
            for video_id, pages in page_ids.items()
        }

    def download_url(self, video):
        return self.absolute(_in_language(self.language_code, "video_download", video.pk))

    def text_of(self, video):
        """A video's title, description and transcript in this batch's language where they
        are translated and published, else the original's; its `language_code` says which."""
        return video.text_in(self.language_code)


def _in_language(language_code, name, pk):
    with translation.override(language_code):
        return reverse(name, args=[pk])
