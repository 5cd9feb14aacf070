"""Median time to render a story page in-process, for bodies of 5, 20 and 50 blocks: a
reader's ordinary request (fragments cached), and the page rendered in full."""

from benchmarks.environment import setup_django
from benchmarks.report import report
from benchmarks.story_page import median_render_ms
from benchmarks.story_queries import BLOCK_COUNTS

ITERATIONS = 50


def main():
    setup_django()
    from benchmarks.stories import published_story  # imports models: after setup_django

    for block_count in BLOCK_COUNTS:
        story = published_story(block_count)
        report(
            f"story_render_median_ms_{block_count}_blocks",
            median_render_ms(story.url, iterations=ITERATIONS),
        )
        report(
            f"story_render_median_ms_{block_count}_blocks_rendered_in_full",
            median_render_ms(story.url, iterations=ITERATIONS, fragments_cached=False),
        )


if __name__ == "__main__":
    main()
