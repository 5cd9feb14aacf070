"""The translator's desk: which pages and videos' texts wait for translation into each of
their languages, and sending a finished page translation to review, where a moderator
publishes it. A video's text is published by its translator in wagtail-localize's editor
(videos/texts.py), or by a moderator.

A translator's languages are those whose pages they may edit, other than the source
language: the "French translators" group edits the French tree only (home/roles.py)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from videos.models import Video
from videos.texts import VideoText

NEW, CHANGED, UNFINISHED = "new", "changed", "unfinished"
STATUS_LABELS = {
    NEW: _("Not translated yet"),
    CHANGED: _("The original changed since it was translated"),
    UNFINISHED: _("Not yet submitted for review"),
}


def languages_translated_by(user):
    if not user.has_perm("wagtail_localize.submit_translation"):
        return Locale.objects.none()
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (
        Locale.objects.filter(pk__in=editable.values("locale_id"))
        .exclude(pk=Locale.get_default().pk)
        .order_by("language_code")
    )


@dataclass
class TranslationJob:
    source: Page
    locale: Locale
    status: str
    translated_page: Page | None = None
    translation_source: TranslationSource | None = None
    kind_label = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def action_label(self):
        return _("Update") if self.status == CHANGED else _("Translate")

    @property
    def action_url(self):
        """New: wagtail-localize's "Translate this page", into this language; it opens the
        translation editor. Changed: its "Sync translated pages", then the editor."""
        if self.status == NEW:
            url = reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
            return f"{url}?{urlencode({'select_locale': self.locale.language_code})}"
        edit_url = reverse("wagtailadmin_pages:edit", args=[self.translated_page.pk])
        if self.status == CHANGED:
            url = reverse("wagtail_localize:update_translations", args=[self.translation_source.pk])
            return f"{url}?{urlencode({'next': edit_url})}"
        return edit_url


@dataclass
class VideoTextJob:
    source: VideoText
    locale: Locale
    status: str
    translated_text: VideoText | None = None
    translation_source: TranslationSource | None = None
    kind_label = _("Video")

    status_label = TranslationJob.status_label
    action_label = TranslationJob.action_label

    @property
    def action_url(self):
        """New: wagtail-localize's "Translate" of the text, into this language. Changed: its
        "Sync translated snippets", then the editor. Unfinished: the editor."""
        if self.status == NEW:
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["videos", "videotext", self.source.pk],
            )
            return f"{url}?{urlencode({'select_locale': self.locale.language_code})}"
        edit_url = reverse("wagtailsnippets_videos_videotext:edit", args=[self.translated_text.pk])
        if self.status == CHANGED:
            url = reverse("wagtail_localize:update_translations", args=[self.translation_source.pk])
            return f"{url}?{urlencode({'next': edit_url})}"
        return edit_url


def to_translate(user):
    """The live pages of the source language whose translation into one of `user`'s languages
    is missing, out of date, or not yet sent to review, newest first; then the public videos'
    texts whose translation is missing, out of date or not yet published. Translations
    awaiting review are left out: they are the moderators' now."""
    locales = list(languages_translated_by(user))
    if not locales:
        return []
    return [*page_jobs(locales), *video_text_jobs(user, locales)]


def page_jobs(locales):
    sources = list(
        Page.objects.live()
        .filter(locale=Locale.get_default(), depth__gt=1, alias_of__isnull=True)
        .order_by("-last_published_at", "pk")
    )
    keys = [page.translation_key for page in sources]
    translation_sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=Locale.get_default()
        )
    }
    synced = set(
        Translation.objects.filter(
            source__in=translation_sources.values(), target_locale__in=locales, enabled=True
        ).values_list("source__object_id", "target_locale_id")
    )
    translated = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in=keys, locale__in=locales, alias_of__isnull=True
        )
    }
    in_review = set(
        WorkflowState.objects.active()
        .filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type__app_label="wagtailcore",
            base_content_type__model="page",
            object_id__in=[str(page.pk) for page in translated.values()],
        )
        .values_list("object_id", flat=True)
    )
    jobs = []
    for source in sources:
        for locale in locales:
            page = translated.get((source.translation_key, locale.pk))
            if page is None:
                jobs.append(TranslationJob(source, locale, NEW))
                continue
            if (source.translation_key, locale.pk) not in synced or str(page.pk) in in_review:
                continue
            translation_source = translation_sources[source.translation_key]
            status = translation_status(source, page, translation_source)
            if status:
                jobs.append(TranslationJob(source, locale, status, page, translation_source))
    return jobs


def video_text_jobs(user, locales):
    if not user.has_perm("videos.change_videotext"):
        return []
    sources = list(
        VideoText.objects.filter(locale=Locale.get_default(), video__in=Video.objects.public())
        .select_related("locale")
        .order_by("-last_published_at", "pk")
    )
    keys = [text.translation_key for text in sources]
    translation_sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys,
            locale=Locale.get_default(),
            specific_content_type=ContentType.objects.get_for_model(VideoText),
        )
    }
    synced = set(
        Translation.objects.filter(
            source__in=translation_sources.values(), target_locale__in=locales, enabled=True
        ).values_list("source__object_id", "target_locale_id")
    )
    translated = {
        (text.translation_key, text.locale_id): text
        for text in VideoText.objects.filter(translation_key__in=keys, locale__in=locales)
    }
    jobs = []
    for source in sources:
        for locale in locales:
            text = translated.get((source.translation_key, locale.pk))
            if text is None:
                jobs.append(VideoTextJob(source, locale, NEW))
                continue
            if (source.translation_key, locale.pk) not in synced:
                continue
            translation_source = translation_sources[source.translation_key]
            status = translation_status(source, text, translation_source)
            if status:
                jobs.append(VideoTextJob(source, locale, status, text, translation_source))
    return jobs


def translation_status(source, translated_page, translation_source):
    if source.last_published_at and source.last_published_at > translation_source.last_updated_at:
        return CHANGED
    if (
        not translated_page.live
        or translated_page.has_unpublished_changes
        or translated_page.last_published_at < translation_source.last_updated_at
    ):
        return UNFINISHED
    return None


class CannotSubmit(Exception):
    pass


def untranslated_segments(translation):
    return (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .count()
    )


@transaction.atomic
def submit_for_review(translation, user):
    """Saves a draft of the translated page from its translated segments and sends it to its
    workflow ("Editorial review"), whose approval publishes it."""
    page = translation.get_target_instance()
    if not page.permissions_for_user(user).can_edit():
        raise CannotSubmit(_("You may not edit this translation."))
    missing = untranslated_segments(translation)
    if missing:
        raise CannotSubmit(
            ngettext(
                "%(count)s segment is not translated yet.",
                "%(count)s segments are not translated yet.",
                missing,
            )
            % {"count": missing}
        )
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise CannotSubmit(_("This translation is already awaiting review."))
    workflow = page.get_workflow()
    if workflow is None:
        raise CannotSubmit(_("No review workflow covers this page."))
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(pk=page.pk).specific
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resubmit(user=user)
    else:
        workflow.start(page, user)
    return page
