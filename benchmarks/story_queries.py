"""Database queries per story page, for bodies of 5, 20 and 50 blocks: rendered in full (no
cached fragments), and as a reader's ordinary request (fragments cached)."""

from benchmarks.environment import setup_django
from benchmarks.report import report
from benchmarks.story_page import story_page_queries

BLOCK_COUNTS = (5, 20, 50)


def main():
    setup_django()
    from benchmarks.stories import published_story  # imports models: after setup_django

    for block_count in BLOCK_COUNTS:
        story = published_story(block_count)
        report(f"story_queries_{block_count}_blocks", len(story_page_queries(story.url)))
        report(
            f"story_queries_{block_count}_blocks_fragments_cached",
            len(story_page_queries(story.url, fragments_cached=True)),
        )


if __name__ == "__main__":
    main()
