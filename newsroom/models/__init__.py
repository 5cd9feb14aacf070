"""The newsroom's models, one module for each thing they hold; every one is imported here so
that Django finds it, and other code imports them from here."""

from ..documents import NewsroomDocument
from ..topics import Topic
from ..visibility import PublicPage
from .people import Person
from .stories import (
    PEOPLE_IN_ORDER,
    NewsIndexPage,
    NewsStoryPage,
    PersonMentioned,
    RelatedStory,
    StoryManager,
    StoryQuerySet,
)
from .video_library import VideoLibraryPage

__all__ = [
    "PEOPLE_IN_ORDER",
    "NewsIndexPage",
    "NewsStoryPage",
    "NewsroomDocument",  # WAGTAILDOCS_DOCUMENT_MODEL
    "Person",
    "PersonMentioned",
    "PublicPage",
    "RelatedStory",
    "StoryManager",
    "StoryQuerySet",
    "Topic",
    "VideoLibraryPage",
]
