from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtailmedia.models import AbstractMedia, MediaQuerySet, MediaType


def private_storage():
    return storages["private"]


class VideoQuerySet(MediaQuerySet):
    def playable(self):
        return self.filter(status=Video.Status.READY).exclude(preview="")


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

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be processed")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    status = models.CharField(
        _("processing status"), max_length=20, choices=Status, default=Status.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("processing progress (%)"), default=0)
    failure_reason = models.TextField(_("why processing failed"), blank=True)
    frame_rate = models.FloatField(_("frame rate"), null=True, blank=True)
    video_codec = models.CharField(_("video codec"), max_length=40, blank=True)
    audio_codec = models.CharField(_("audio codec"), max_length=40, blank=True)
    bitrate = models.PositiveBigIntegerField(_("bitrate (bits per second)"), null=True, blank=True)
    file_size = models.PositiveBigIntegerField(_("master file size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 of the master"), max_length=64, blank=True)

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

    @classmethod
    def from_db(cls, db, field_names, values):
        video = super().from_db(db, field_names, values)
        video._stored_master = values[field_names.index("file")] if "file" in field_names else None
        return video

    def save(self, *args, **kwargs):
        self.type = MediaType.VIDEO
        # A new master (a new video, or a replaced file) waits to be processed anew.
        self.master_replaced = bool(self.file) and self.file.name != getattr(
            self, "_stored_master", None
        )
        if self.master_replaced:
            self.status, self.progress, self.failure_reason = self.Status.WAITING, 0, ""
        super().save(*args, **kwargs)
        self._stored_master = self.file.name

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
