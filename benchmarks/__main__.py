"""Runs every benchmark, in one process on one throw-away database."""

from benchmarks import (
    account_timing,
    delivery_queries,
    downloads,
    newsletter_send,
    registration,
    requests_per_second,
    search,
    story_queries,
    story_render,
    transcode,
)


def main():
    for benchmark in (
        story_queries,
        delivery_queries,
        story_render,
        registration,
        account_timing,
        transcode,
        requests_per_second,
        downloads,
        newsletter_send,
        search,
    ):
        benchmark.main()


if __name__ == "__main__":
    main()
