"""Which pages the public may see, written down for search (`search.models.PublicPage`).

`newsroom.page_base.published` is the rule; these rows are its answer, kept beside it so that
a search can check thousands of matches at once. They follow every change that can make a
page public or private: a save of the page (publishing, including a scheduled go-live;
unpublishing, including expiry; a new alias), a move (which changes the view restrictions
above a page, for it and all below it), a view restriction added, changed or removed (for the
restricted page, its aliases, and all below them), and deletion (the rows cascade). Changes
made behind Django's back (`QuerySet.update`, a bulk import) are followed by calling
`record_all()`, as the search benchmark does after writing its stories.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from newsroom.page_base import published

from .models import PublicPage


def record(pages):
    """Write down which of `pages` (a Page queryset) the public may see, and forget the rest."""
    with transaction.atomic():
        PublicPage.objects.filter(page__in=pages.values("pk")).delete()
        PublicPage.objects.bulk_create(
            [
                PublicPage(page_id=page_id, locale_id=locale_id)
                for page_id, locale_id in published(pages).values_list("pk", "locale_id")
            ],
            batch_size=2000,
        )


def record_all():
    record(Page.objects.all())


def record_branch(page_id):
    """The page and every page below it, as they are in the database now."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is not None:
        record(Page.objects.filter(path__startswith=path))


def _on_page_saved(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    record(Page.objects.filter(pk=instance.pk))


def _on_page_moved(sender, instance, **kwargs):
    record_branch(instance.pk)


def _on_restriction_changed(sender, instance, **kwargs):
    """A restriction hides the restricted page's branch and the branches of its aliases."""
    record_branch(instance.page_id)
    for alias_id in Page.objects.filter(alias_of_id=instance.page_id).values_list("pk", flat=True):
        record_branch(alias_id)


def connect_signals():
    post_save.connect(_on_page_saved, dispatch_uid="search-public-pages-saved")
    post_page_move.connect(_on_page_moved, dispatch_uid="search-public-pages-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-public-pages-restriction-{signal}",
        )
