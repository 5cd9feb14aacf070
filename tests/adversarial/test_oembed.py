"""Property: whatever an oEmbed consumer sends the provider (any address, size and format,
text or bytes that are not UTF-8), it answers JSON with 200, 400, 404 or 501, never 500."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.newsroom.embedding_fixtures import public_story

from . import doors

ANSWERS = {200, 400, 404, 501}


def addresses(video_id):
    """Our own pages' addresses, mutated, and anything at all."""
    ours = [
        f"http://testserver/en/videos/{video_id}/",
        f"http://testserver/fr/embed/videos/{video_id}/",
        "http://testserver/en/news/public-story/",
        f"http://testserver/en/videos/{video_id}/../../admin/",
        f"http://testserver:99999/en/videos/{video_id}/",
        f"http://[::1/en/videos/{video_id}/",
        f"http://user@testserver/en/videos/{video_id}/",
    ]
    return st.one_of(st.sampled_from(ours), doors.nasty_text())


@pytest.mark.fuzz
class TheOembedProvider(TestCase):
    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            _story, cls.video = public_story()

    @settings(
        max_examples=400,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def test_answers_json_and_never_500(self, data):
        names = ["url", "maxwidth", "maxheight", "format"]
        pairs = [
            (name, data.draw(addresses(self.video.pk) if name == "url" else doors.nasty_text()))
            for name in data.draw(st.lists(st.sampled_from(names), max_size=5))
        ]
        response = Client(raise_request_exception=False).get("/oembed?" + doors.query_string(pairs))

        assert response.status_code in ANSWERS, (pairs, response.status_code)
        assert response["Content-Type"] == "application/json", pairs
        assert "Traceback" not in response.content.decode(errors="replace")
