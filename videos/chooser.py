"""One chooser for every video field: the story's hero and the body's video block list the
same videos, those the person may choose, with poster, duration and processing status.

wagtailmedia's own chooser lists only what the person may change (for an editor, their own
uploads) and offers an upload form that takes the generated files as well; this one lists by
the "choose" permission and has no upload tab: videos are uploaded under Media."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtailmedia import get_permission_policy

from .models import Video

permission_policy = get_permission_policy()


class PosterColumn(Column):
    cell_template_name = "videos/admin/poster_cell.html"


class VideoListingMixin:
    def get_object_list(self):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        )

    @property
    def columns(self):
        return [
            PosterColumn("poster", label=_("Poster"), accessor="poster_url", width="120px"),
            self.title_column,
            Column("duration", label=_("Duration"), accessor="duration_text"),
            Column("status", label=_("Processing status"), accessor="get_status_display"),
        ]


class VideoChooseView(VideoListingMixin, ChooseView):
    pass


class VideoChooseResultsView(VideoListingMixin, ChooseResultsView):
    pass


class VideoChosenView(ChosenView):
    def get_object(self, pk):
        video = super().get_object(pk)
        if not permission_policy.user_has_permission_for_instance(
            self.request.user, "choose", video
        ):
            raise PermissionDenied
        return video


class VideoChooserViewSet(ChooserViewSet):
    model = Video
    icon = "media"
    choose_one_text = _("Choose a video")
    choose_another_text = _("Choose another video")
    edit_item_text = _("Edit this video")
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    chosen_view_class = VideoChosenView
    per_page = 20


video_chooser_viewset = VideoChooserViewSet("videos_chooser", url_prefix="videos/chooser")
