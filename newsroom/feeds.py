"""RSS 2.0 and Atom feeds of the latest public stories of the active locale."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import NewsStoryPage
from .topics import give_topic_lists

FEED_LENGTH = 20


class LatestStoriesFeed(Feed):
    description = _("The latest news stories.")

    def title(self):
        return _("%(site)s: latest stories") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self):
        return f"/{get_language()}/"

    def items(self):
        stories = (
            NewsStoryPage.objects.published()
            .for_readers_of(get_language())
            .select_related("locale")
            .prefetch_related("topics")
            .newest_first()[:FEED_LENGTH]
        )
        return give_topic_lists(list(stories), get_language())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topic_list]


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = Atom1Feed
    subtitle = LatestStoriesFeed.description
