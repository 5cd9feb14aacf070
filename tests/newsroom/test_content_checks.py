"""The content checks leave out the frames of embedded content, in the editor's Checks panel
and in the userbar of the preview: axe would wait a minute for each of them to answer. A frame
that does not answer, such as a preview frame swapped for a fresher one, holds a check back a
few seconds, not a minute."""

import json
import re

from django.urls import reverse

from newsroom.content_checks import EMBEDDED_FRAMES, FRAME_WAIT_MS
from tests.factories import StoryFactory


def axe_configuration(response):
    found = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.DOTALL,
    )
    assert found, "the page holds the checker's configuration"
    return json.loads(found.group(1))


def test_the_checks_panel_leaves_out_embedded_frames(admin_client, news_index):
    url = reverse("wagtailadmin_pages:add", args=("newsroom", "newsstorypage", news_index.pk))
    configuration = axe_configuration(admin_client.get(url))
    context = configuration["context"]

    assert EMBEDDED_FRAMES in context["exclude"]
    assert {"fromShadowDom": ["wagtail-userbar", "wagtail-inline-userbar"]} in context["exclude"], (
        "Wagtail's own exclusion stays"
    )
    assert configuration["options"]["frameWaitTime"] == FRAME_WAIT_MS


def test_the_userbar_on_a_story_leaves_out_embedded_frames(admin_client, news_index):
    story = StoryFactory(parent=news_index)
    response = admin_client.get(story.url)

    configuration = axe_configuration(response)
    assert EMBEDDED_FRAMES in configuration["context"]["exclude"]
    assert configuration["options"]["frameWaitTime"] == FRAME_WAIT_MS
