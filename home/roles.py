"""Keeps the roles of home/migrations/0005 true as the page tree grows: a new language's home
page gets its own translators and "Editorial review" (home/migrations/0006: a translation is
published after review), and a news index, in any language, gets "Editorial review"."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.utils import translation
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
VIDEO_TEXT_TRANSLATOR_PERMISSIONS = ["change_videotext", "publish_videotext"]
EDITORIAL_REVIEW = "Editorial review"


def translators_of(language_code):
    """The group that translates into `language_code`, e.g. "French translators"."""
    with translation.override("en"):
        name = str(dict(settings.LANGUAGES)[language_code])
    group, created = Group.objects.get_or_create(name=f"{name} translators")
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            Permission.objects.get(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            ),
            # Videos' texts are translated and published by their translators
            # (home/migrations/0009).
            *Permission.objects.filter(
                content_type__app_label="videos", codename__in=VIDEO_TEXT_TRANSLATOR_PERMISSIONS
            ),
        )
    return group


def _on_home_page_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.depth != 2:  # raw: loading fixtures, not a new tree
        return
    language_code = instance.locale.language_code
    if language_code == settings.LANGUAGE_CODE:
        return
    group = translators_of(language_code)
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=instance,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    _send_to_review(instance)


def _on_news_index_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    _send_to_review(instance)


def _send_to_review(instance):
    workflow = Workflow.objects.filter(name=EDITORIAL_REVIEW, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=instance, defaults={"workflow": workflow})


def connect_signals():
    from newsroom.models import NewsIndexPage

    from .models import HomePage

    post_save.connect(_on_home_page_saved, sender=HomePage, dispatch_uid="home-roles-home")
    post_save.connect(_on_news_index_saved, sender=NewsIndexPage, dispatch_uid="home-roles-news")
