"""The newsletter benchmark, run small on the test database: every recipient accepted once,
the same number of queries for every chunk, and the skip message where PostgreSQL is not."""

import pytest

from benchmarks import newsletter_send


def test_a_small_send_is_measured_chunk_by_chunk(news_index, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 50

    figures = newsletter_send.run(subscribers=120)

    assert figures.accepted == 120
    assert figures.chunks == 3
    assert len(set(figures.queries_per_chunk)) == 1, figures.queries_per_chunk
    assert 0 < figures.start_seconds < figures.seconds
    assert 0 < figures.rss_before_mb <= figures.peak_rss_mb


def test_without_postgresql_the_benchmark_says_it_was_skipped(db, capsys, monkeypatch):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("this test database is PostgreSQL: the benchmark would run")
    monkeypatch.delenv("BENCH_POSTGRES_URL", raising=False)
    # Django is set up already, with the test settings, which must stay in this process's
    # environment for the processes that tests start.
    monkeypatch.setattr(newsletter_send, "setup_django", lambda: None)

    newsletter_send.main()

    assert capsys.readouterr().out.startswith("newsletter_send: skipped: needs PostgreSQL")


def test_the_figures_are_reported_against_their_targets(capsys):
    figures = newsletter_send.SendFigures(
        subscribers=100_000,
        accepted=100_000,
        seconds=61.5,
        start_seconds=5.0,
        queries_per_chunk=[3, 3, 4],
        rss_before_mb=100.0,
        peak_rss_mb=120.0,
    )

    newsletter_send.report_figures(figures)

    lines = capsys.readouterr().out.splitlines()
    assert "newsletter_send_seconds_target: at most 60, MISSED" in lines
    assert "newsletter_send_queries_per_chunk_target: the same for every chunk, MISSED" in lines
    assert "newsletter_send_peak_rss_mb_target: at most 300, met" in lines
