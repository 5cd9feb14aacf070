"""What the public may see was once kept three ways: the rule, search's record of public pages,
and the videos' record of the pages that show them, each kept in step its own way. Now one
reading of the rule writes both records (newsroom/visibility.py). After each kind of change
that can make a page public or private, the rule, the record, the public videos and what a
search may find all say the same, and writing everything down again changes nothing."""

import datetime

import pytest
import time_machine
from wagtail.models import Page, PageViewRestriction

from newsroom.tasks import publish_scheduled_pages
from newsroom.visibility import PublicPage, published, record_all, videos_shown_by
from search.searching import SearchCriteria, SiteSearch
from tests.factories import StoryFactory, VideoFactory, publish
from videos.models import Video

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def records():
    return (
        set(PublicPage.objects.values_list("page_id", "locale_id")),
        set(Video.shown_on.through.objects.values_list("video_id", "page_id")),
    )


def assert_everything_agrees():
    public_pages = published(Page.objects.all())
    assert set(PublicPage.objects.values_list("page_id", flat=True)) == ids(public_pages)
    shown = set().union(*(videos_shown_by(page) for page in public_pages.specific()))
    assert ids(Video.objects.public()) == shown
    search = SiteSearch("en", SearchCriteria())
    english = public_pages.filter(locale__language_code="en")
    assert ids(search.stories()) == ids(english.type(search.stories().model))
    assert ids(search.videos()) == set().union(
        *(videos_shown_by(page) for page in english.specific())
    )
    before = records()
    record_all()
    assert records() == before, "the record kept step by step is the record made anew"


def story_showing(video, **fields):
    return StoryFactory(
        body=[{"type": "video", "value": {"video": video.pk, "caption": ""}}],
        live=False,
        **fields,
    )


@pytest.fixture
def video(db):
    return VideoFactory(title="Wombat burrow footage")


@pytest.fixture
def story(news_index, video):
    return publish(story_showing(video, title="Wombat treaty signed"))


@pytest.fixture
def section(home):
    return home.add_child(instance=Page(title="Archive", slug="archive"))


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def test_publishing_and_unpublishing(story, video):
    assert video in Video.objects.public()
    assert_everything_agrees()

    story.unpublish()
    assert video not in Video.objects.public()
    assert_everything_agrees()

    publish(story)
    assert video in Video.objects.public()
    assert_everything_agrees()


def test_a_scheduled_story_and_its_expiry(news_index, video):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False):
        story = story_showing(video, title="Embargoed census")
        story.go_live_at = GO_LIVE
        story.expire_at = GO_LIVE + datetime.timedelta(hours=1)
        story.save_revision().publish()
        assert video not in Video.objects.public()
        assert_everything_agrees()

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
        assert video in Video.objects.public()
        assert_everything_agrees()

    with time_machine.travel(GO_LIVE + datetime.timedelta(hours=2), tick=False):
        publish_scheduled_pages()
        assert video not in Video.objects.public()
        assert_everything_agrees()


@pytest.mark.parametrize("restricted", ["story", "news index"])
def test_a_view_restriction_added_and_removed(story, video, news_index, restricted):
    restriction = restrict(story if restricted == "story" else news_index)
    assert video not in Video.objects.public()
    assert_everything_agrees()

    restriction.delete()
    assert video in Video.objects.public()
    assert_everything_agrees()


def test_a_move_under_a_restricted_section_and_back(story, video, section, news_index):
    restrict(section)

    story.move(section, pos="last-child")
    assert video not in Video.objects.public()
    assert_everything_agrees()

    Page.objects.get(pk=story.pk).move(news_index, pos="last-child")
    assert video in Video.objects.public()
    assert_everything_agrees()


def test_an_alias_shows_the_video_until_its_original_is_restricted(story, video, section):
    alias = story.create_alias(parent=section, update_slug="wombat-alias")
    assert alias.pk in set(PublicPage.objects.values_list("page_id", flat=True))
    assert (video.pk, alias.pk) in records()[1]
    assert_everything_agrees()

    restrict(story)
    assert video not in Video.objects.public()
    assert_everything_agrees()


def test_deleting_the_only_story_showing_a_video(story, video):
    story.delete()

    assert video not in Video.objects.public()
    assert_everything_agrees()
