"""Wagtail's content checks (the Checks panel and the userbar), made to finish on a story that
embeds a video from another site, and on a preview that has just been refreshed.

axe checks each frame on the page by asking the checker inside it, and waits up to a minute
for an answer. An embedded player from another site has no checker to answer, so a story with
an embed showed no result for a minute, or none at all (wagtail/wagtail#11801). Its frames are
left out of the checks: what they show is the other site's to check.

The live preview swaps its frame for a new one each time it is refreshed, and a check still
asking the old frame would wait out that minute too, holding back the check of the new one:
the Checks panel said "Issues found 0" with no metrics meanwhile. A frame gets a few seconds
to answer; the check of the refreshed preview follows at once."""

from wagtail.admin.userbar import ContentCheckerItem

EMBEDDED_FRAMES = ".embed iframe"
FRAME_WAIT_MS = 5_000


class StoryContentChecks(ContentCheckerItem):
    axe_exclude = [EMBEDDED_FRAMES]

    def get_axe_options(self, request):
        return {**super().get_axe_options(request), "frameWaitTime": FRAME_WAIT_MS}


def leave_out_embedded_frames(items):
    """Wagtail's own checker item, wherever it is in the userbar's items, becomes ours."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, StoryContentChecks):
            items[index] = StoryContentChecks(in_editor=item.in_editor)
