from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtailmedia.models import AbstractMedia, MediaQuerySet, MediaType


def private_storage():
    return storages["private"]


class VideoQuerySet(MediaQuerySet):
    def playable(self):
        return self.exclude(preview="")


class Video(AbstractMedia):
    """A video in the library: the broadcast master, kept private, and what is made from it.

    `file` holds the master as uploaded. The public only ever sees the web `preview` and the
    poster (wagtailmedia's `thumbnail`).
    """

    file = models.FileField(
        upload_to="masters/%Y/%m", storage=private_storage, verbose_name=_("master file")
    )
    description = models.TextField(_("description"), blank=True)
    preview = models.FileField(
        _("web preview"),
        upload_to="previews/%Y/%m",
        blank=True,
        help_text=_("H.264/AAC MP4 made from the master for playing on the web."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    objects = VideoQuerySet.as_manager()

    admin_form_fields = (
        "title",
        "description",
        "file",
        "collection",
        "thumbnail",
        "preview",
        "credit",
        "tags",
    )

    search_fields = [
        *AbstractMedia.search_fields,
        index.SearchField("description"),
    ]

    class Meta(AbstractMedia.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at"]

    def save(self, *args, **kwargs):
        self.type = MediaType.VIDEO
        super().save(*args, **kwargs)

    @property
    def url(self):
        """wagtailmedia's players and choosers link here: the preview, never the master."""
        return self.preview_url

    @property
    def sources(self):
        return [{"src": self.preview_url, "type": "video/mp4"}] if self.preview else []

    @property
    def poster_url(self):
        return self.thumbnail.url if self.thumbnail else ""

    @property
    def preview_url(self):
        return self.preview.url if self.preview else ""
