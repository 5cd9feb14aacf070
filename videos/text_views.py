"""The admin's "Video texts": where translators reach a video's translations in
wagtail-localize's editor (its "Translate" and "Sync translated snippets" buttons are on this
list). The default language's text is the video's own, edited on the video's page, so its row
leads there; and a text is only ever made with its video, or as a translation."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from .texts import VideoText


class VideoTextEditView(EditView):
    def run_before_hook(self):
        if self.object.locale_id == Locale.get_default().pk:
            return redirect("wagtailmedia:edit", self.object.video_id)
        return super().run_before_hook()


class VideoTextCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        return redirect("videos_add")


class VideoTextViewSet(SnippetViewSet):
    model = VideoText
    icon = "media"
    menu_label = _("Video texts")
    add_to_admin_menu = False
    edit_view_class = VideoTextEditView
    add_view_class = VideoTextCreateView
    list_display = ["title"]
    search_fields = ["title"]
    ordering = ["-last_published_at", "-pk"]

    def get_queryset(self, request):
        return VideoText.objects.select_related("locale")
