"""The pages written down as public (search.public_pages) are always the pages
`newsroom.page_base.published()` allows: a search reads them instead of the rule, so each way a
page becomes public or private is followed here, and checked against the rule itself."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from newsroom.models import NewsStoryPage
from newsroom.tasks import publish_scheduled_pages
from newsroom.visibility import PublicPage, published, record_all, record_branch
from tests.factories import StoryFactory

GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)


def written_down():
    return set(PublicPage.objects.values_list("page_id", flat=True))


def assert_written_down_as_the_rule_says():
    assert written_down() == set(published(Page.objects.all()).values_list("pk", flat=True))


@pytest.fixture
def story(news_index):
    story = StoryFactory(title="Wombat treaty signed", live=False)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


@pytest.fixture
def section(home):
    """A section beside the news index, that stories can be moved into."""
    return home.add_child(instance=Page(title="Archive", slug="archive"))


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


def test_a_published_story_is_written_down_with_its_locale_and_a_draft_is_not(news_index):
    draft = StoryFactory(title="Quokka draft", live=False)
    story = StoryFactory(title="Wombat", live=False)

    story.save_revision().publish()

    assert story.pk in written_down() and draft.pk not in written_down()
    assert PublicPage.objects.get(page=story).locale_id == story.locale_id
    assert_written_down_as_the_rule_says()


def test_an_unpublished_story_is_forgotten_and_written_down_again_when_republished(story):
    story.unpublish()
    assert story.pk not in written_down()

    story.save_revision().publish()
    assert story.pk in written_down()
    assert_written_down_as_the_rule_says()


def test_an_embargoed_story_is_written_down_at_its_time_and_an_expired_one_forgotten(news_index):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2), tick=False):
        story = StoryFactory(title="Embargoed census", live=False)
        story.go_live_at = GO_LIVE
        story.expire_at = GO_LIVE + datetime.timedelta(hours=1)
        story.save_revision().publish()
        assert story.pk not in written_down()

    with time_machine.travel(GO_LIVE + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
        assert story.pk in written_down()

    with time_machine.travel(GO_LIVE + datetime.timedelta(hours=2), tick=False):
        publish_scheduled_pages()
        assert story.pk not in written_down()
    assert_written_down_as_the_rule_says()


@pytest.mark.parametrize("restricted", ["story", "news index"])
def test_a_view_restriction_forgets_its_branch_until_it_is_removed(story, news_index, restricted):
    restriction = restrict(story if restricted == "story" else news_index)
    assert story.pk not in written_down()
    assert (news_index.pk in written_down()) == (restricted == "story")
    assert_written_down_as_the_rule_says()

    restriction.delete()
    assert {story.pk, news_index.pk} <= written_down()
    assert_written_down_as_the_rule_says()


def test_a_restriction_on_a_page_hides_its_aliases_too(story, section):
    alias = story.create_alias(parent=section, update_slug="wombat-alias")
    assert alias.pk in written_down()

    restrict(story)

    assert not {story.pk, alias.pk} & written_down()
    assert_written_down_as_the_rule_says()


def test_a_story_moved_under_a_restricted_section_is_forgotten_and_back_when_moved_out(
    story, section, news_index
):
    restrict(section)

    story.move(section, pos="last-child")
    assert story.pk not in written_down()

    Page.objects.get(pk=story.pk).move(news_index, pos="last-child")
    assert story.pk in written_down()
    assert_written_down_as_the_rule_says()


def test_a_deleted_story_is_forgotten(story):
    story.delete()

    assert story.pk not in written_down()


def test_writing_everything_down_again_follows_changes_made_behind_django_s_back(story):
    NewsStoryPage.objects.filter(pk=story.pk).update(live=False)
    assert story.pk in written_down()

    record_all()

    assert story.pk not in written_down()
    assert_written_down_as_the_rule_says()


def test_writing_down_a_branch_costs_the_same_queries_whatever_its_size(story, news_index):
    def queries_to_write_down_the_news_index():
        with CaptureQueriesContext(connection) as queries:
            record_branch(news_index.pk)
        return len(queries)

    few = queries_to_write_down_the_news_index()
    for number in range(5):
        StoryFactory(title=f"Another story {number}", live=True)

    assert queries_to_write_down_the_news_index() == few
    assert_written_down_as_the_rule_says()
