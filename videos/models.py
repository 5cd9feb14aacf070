from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionMember
from wagtail.search import index
from wagtailmedia.models import AbstractMedia, MediaQuerySet, MediaType

from . import texts
from .chapters import chapters_url
from .storage import private_masters


def private_storage():
    return private_masters


class VideoQuerySet(MediaQuerySet):
    def playable(self):
        return self.filter(status=Video.Status.READY).exclude(preview="")

    def public(self):
        """The one answer to "may the public watch this video?": processed, and shown on at
        least one page the public may see. A video on a draft or an embargoed story only is
        neither listed nor watchable until that story goes live.

        Which pages the public may see is newsroom's rule, which this app cannot import:
        newsroom writes into `shown_on` the pages it has found public, and only those, in the
        same step as its own record of them (newsroom/visibility.py)."""
        on_a_public_page = Video.shown_on.through.objects.filter(video=OuterRef("pk"))
        return self.playable().filter(Exists(on_a_public_page))

    def with_texts(self):
        """With every video's published texts, for `Video.text_in` to read without a query."""
        return self.prefetch_related(texts.published_texts())


class Video(AbstractMedia):
    """A video in the library: the broadcast master, kept private, and what is made from it.

    `file` holds the master as uploaded. The public only ever sees the web `preview`, the
    poster (wagtailmedia's `thumbnail`) and the captions, and only once the video is public.
    All of them are in the private storage too, read by the views of videos/file_views.py,
    which ask `Video.objects.public()`: a file in the public media store would be public from
    the moment it was made, to anyone who learnt its name.
    """

    file = models.FileField(
        upload_to="masters/%Y/%m", storage=private_storage, verbose_name=_("master file")
    )
    description = models.TextField(_("description"), blank=True)
    preview = models.FileField(
        _("web preview"),
        upload_to="previews/%Y/%m",
        storage=private_storage,
        blank=True,
        help_text=_("H.264/AAC MP4 made from the master for playing on the web."),
    )
    thumbnail = models.FileField(
        upload_to="media_thumbnails",
        storage=private_storage,
        blank=True,
        verbose_name=AbstractMedia._meta.get_field("thumbnail").verbose_name,
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    copyright = models.CharField(_("copyright line"), max_length=255, blank=True)
    usage_terms = models.TextField(
        _("usage terms"),
        blank=True,
        help_text=_("Shown beside the download, e.g. restrictions on use or an embargo on sale."),
    )
    recorded_on = models.DateField(_("date recorded"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    shot_list = models.JSONField(
        _("shot list"),
        default=list,
        blank=True,
        help_text=_('Rows of {"timecode": "00:00:05", "description": "…"}.'),
    )
    shown_on = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("shown on public pages"),
        help_text=_(
            "Kept up to date by the apps whose pages show videos, as those pages are published, "
            "unpublished or restricted."
        ),
    )

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
        "recorded_on",
        "location",
        "credit",
        "copyright",
        "usage_terms",
        "transcript",
        "tags",
    )

    search_fields = [
        # wagtailmedia's fields, but with the title and tags weighing as a page's title does
        # (wagtailmedia weighs them 10, a page 2), so that the site search ranks a video and a
        # story that match alike.
        *CollectionMember.search_fields,
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("title"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=2), index.AutocompleteField("name")]
        ),
        index.FilterField("uploaded_by_user"),
        index.FilterField("type"),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.SearchField("location"),
        # Site search keeps to the public videos (by id) and lists them newest first.
        index.FilterField("id"),
        index.FilterField("created_at"),
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
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(texts.TEXT_FIELDS):
            texts.record_source_text(self)

    def text_in(self, language_code):
        """The title, description and transcript readers of `language_code` see: its
        published translation, else the default language's (videos/texts.py)."""
        return texts.text_in(self, language_code)

    @property
    def text(self):
        """The video's text in the language of the page being shown."""
        return self.text_in(get_language())

    @property
    def is_ready(self):
        """Processed: its preview, poster and metadata made, its master fit to be offered."""
        return self.status == self.Status.READY

    @property
    def is_processing(self):
        return self.status == self.Status.PROCESSING

    @property
    def is_in_progress(self):
        """Waiting to be processed, or being processed."""
        return self.status in (self.Status.WAITING, self.Status.PROCESSING)

    @property
    def url(self):
        """wagtailmedia's players and choosers link here: the preview, never the master."""
        return self.preview_url

    @property
    def sources(self):
        return [{"src": self.preview_url, "type": "video/mp4"}] if self.preview else []

    @property
    def poster_url(self):
        return _file_url("video_poster", self.thumbnail, self.pk)

    @property
    def duration_text(self):
        """The duration as a clock reads it: 0:42, 12:05, 1:02:09."""
        if not self.duration:
            return ""
        minutes, seconds = divmod(round(self.duration), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"

    @property
    def preview_url(self):
        return _file_url("video_preview", self.preview, self.pk)

    def file_urls(self):
        """Every address of the files the public sees, for the CDN to forget: the captions'
        come from `captions.all()`, so prefetch them for many videos."""
        urls = [
            self.preview_url,
            self.poster_url,
            chapters_url(self),
            *(track.url for track in self.captions.all()),
        ]
        return [url for url in urls if url]

    @property
    def download_filename(self):
        """A clean file name made from the title, keeping the master's extension."""
        extension = self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else "mp4"
        return f"{slugify(self.title)[:80] or f'video-{self.pk}'}.{extension}"


def _file_url(view_name, field_file, *args):
    """The checked view's address of a stored file. It carries the file's own name, which
    changes whenever the file is made again, so that a cache never serves an old one."""
    if not field_file:
        return ""
    return reverse(view_name, args=[*args, field_file.name.rsplit("/", 1)[-1]])


def _public_storage():
    """Where captions were kept before they moved to the private storage; named by migration
    0003."""
    return default_storage


class CaptionTrack(models.Model):
    """Captions in one language, as WebVTT, played by the browser beside the preview."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("WebVTT file"), upload_to="captions/%Y/%m", storage=private_storage)

    class Meta:
        verbose_name = _("caption track")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "language"], name="one_caption_track_per_language"
            )
        ]

    def __str__(self):
        return f"{self.video} ({self.get_language_display()})"

    @property
    def url(self):
        return _file_url("video_captions", self.file, self.video_id, self.language)


class Download(models.Model):
    """One download of a master. Kept when the account goes: the count stays, the person
    does not."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="video_downloads",
    )
    downloaded_at = models.DateTimeField(_("downloaded at"), default=timezone.now, db_index=True)
    size = models.PositiveBigIntegerField(_("served size (bytes)"))

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at"]
        indexes = [models.Index(fields=["user", "-downloaded_at"])]

    def __str__(self):
        return f"{self.video} — {self.downloaded_at:%Y-%m-%d %H:%M}"
