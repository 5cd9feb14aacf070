"""A video's words in each language: its title, description and transcript, translated with
wagtail-localize as a story is.

The media is one per video, whatever the language: the master, the preview and poster made
from it, its processing, captions, checksum, download log and the pages it is shown on stay on
`Video`. Only the words are per language, in `VideoText`, a companion of the video with one row
per locale. Were `Video` itself translatable, each translation would be a copy holding the same
files: deleting a translation would delete the files the others play, processing would run per
copy and the download log would be split between them.

- The video's own `title`, `description` and `transcript` stay the text of the default
  language. wagtailmedia owns the title (its admin list, chooser and search index read it),
  and the video form stays the one place the source text is edited: saving a video writes its
  default-language `VideoText` (`record_source_text`), the source wagtail-localize translates.
- A translation is made by wagtail-localize ("Translate" on the translator's desk) as a draft
  (`live=False`) and reaches the public once its translator or a moderator publishes it in
  wagtail-localize's editor; until then readers get the default language's text, and
  templates mark it with its own language (`VideoText.language_code`).
- `Video.text_in(language_code)` is the one way to read a video's words; listings fetch every
  video's published texts at once (`VideoQuerySet.with_texts`, `give_texts`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

TEXT_FIELDS = ("title", "description", "transcript")
PUBLISHED_TEXTS = "published_texts"


class VideoTextQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)


class VideoText(TranslatableMixin, DraftStateMixin, RevisionMixin, models.Model):
    video = models.ForeignKey(
        "videos.Video", on_delete=models.CASCADE, related_name="texts", verbose_name=_("video")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    # The drafts of a text go with it when its video is deleted.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="video_text")

    objects = VideoTextQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("transcript")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("transcript"),
        # Every language's text belongs to the same video; a translator cannot move it.
        SynchronizedField("video", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("video text")
        verbose_name_plural = _("video texts")
        constraints = [
            models.UniqueConstraint(fields=["video", "locale"], name="one_video_text_per_locale")
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def language_code(self):
        return self.locale.language_code


def published_texts():
    """What `Video.text_in` reads: every published text of the videos, with its language."""
    return Prefetch(
        "texts",
        queryset=VideoText.objects.published().select_related("locale"),
        to_attr=PUBLISHED_TEXTS,
    )


def give_texts(videos):
    """Fetches the published texts of `videos` (a list) with one query for all of them."""
    videos = [video for video in videos if video is not None]
    prefetch_related_objects(
        [video for video in videos if not hasattr(video, PUBLISHED_TEXTS)], published_texts()
    )
    return videos


def text_in(video, language_code):
    """The video's text in `language_code` once published there, else its source text."""
    if not hasattr(video, PUBLISHED_TEXTS):
        give_texts([video])
    texts = {text.language_code: text for text in getattr(video, PUBLISHED_TEXTS)}
    return texts.get(language_code) or texts.get(settings.LANGUAGE_CODE) or source_text(video)


def source_text(video):
    """The default language's text as the video holds it, for a video whose text row is not
    written yet (a form's unsaved video, a block preview)."""
    return VideoText(
        video=video,
        locale=Locale(language_code=settings.LANGUAGE_CODE),
        **{field: getattr(video, field) for field in TEXT_FIELDS},
    )


def record_source_text(video):
    """Writes the video's own text into its default-language row, published, and marks it
    changed when it did change, so that translators see their translations are out of date."""
    locale = Locale.get_default()
    text = VideoText.objects.filter(video=video, locale=locale).first()
    if text is None:
        text = VideoText(video=video, locale=locale)
    elif all(getattr(text, field) == getattr(video, field) for field in TEXT_FIELDS):
        return text
    for field in TEXT_FIELDS:
        setattr(text, field, getattr(video, field))
    now = timezone.now()
    text.live, text.has_unpublished_changes = True, False
    text.first_published_at = text.first_published_at or now
    text.last_published_at = now
    text.save()
    if hasattr(video, PUBLISHED_TEXTS):
        del video.published_texts
    return text
