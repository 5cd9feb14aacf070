"""Wagtail's content checks (the Checks panel and the userbar), made to finish on a story that
embeds a video from another site.

axe checks each frame on the page by asking the checker inside it, and waits up to a minute
for an answer. An embedded player from another site has no checker to answer, so a story with
an embed showed no result for a minute, or none at all (wagtail/wagtail#11801). Its frames are
left out of the checks: what they show is the other site's to check."""

from wagtail.admin.userbar import ContentCheckerItem

EMBEDDED_FRAMES = ".embed iframe"


class StoryContentChecks(ContentCheckerItem):
    axe_exclude = [EMBEDDED_FRAMES]


def leave_out_embedded_frames(items):
    """Wagtail's own checker item, wherever it is in the userbar's items, becomes ours."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, StoryContentChecks):
            items[index] = StoryContentChecks(in_editor=item.in_editor)
