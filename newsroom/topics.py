"""Topics: a vocabulary translated with wagtail-localize, like the stories it describes.

A story holds topics of the default language; translating the story keeps them (wagtail-localize
synchronises many-to-many fields), and each page shows every topic in its own language where
the topic is translated. A topic's slug is the same in every language, so `?topic=sweden`
filters alike on /en/ and /fr/, whichever language a story was written in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField


def in_the_default_language():
    """What a story may be given: topics of the default language, which its translations
    keep and show translated."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class TopicQuerySet(models.QuerySet):
    def of(self, stories):
        return self.filter(stories__in=stories).distinct()

    def named_in(self, language_code):
        """These topics, each in `language_code` where it is translated, by name."""
        return named_in(list(self), language_code)


def named_in(topics, language_code):
    """`topics`, each replaced by its translation into `language_code` where there is one,
    sorted by name; one query whatever their number."""
    translations = {
        topic.translation_key: topic
        for topic in Topic.objects.filter(
            locale__language_code=language_code,
            translation_key__in={topic.translation_key for topic in topics},
        )
    }
    named = {translations.get(topic.translation_key, topic) for topic in topics}
    return sorted(named, key=lambda topic: topic.name.casefold())


def give_topic_lists(stories, language_code):
    """Sets each story's `topic_list` in `language_code` with one query for all of them;
    the stories' topics must be prefetched."""
    translated = {
        topic.translation_key: topic
        for topic in named_in(
            [topic for story in stories for topic in story.topics.all()], language_code
        )
    }
    for story in stories:
        story.topic_list = sorted(
            (translated.get(topic.translation_key, topic) for topic in story.topics.all()),
            key=lambda topic: topic.name.casefold(),
        )
    return stories


@register_snippet
class Topic(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        blank=True,
        help_text=_("Used in addresses, the same in every language. Made from the name if empty."),
    )

    objects = TopicQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="one_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:100]
        super().save(*args, **kwargs)
