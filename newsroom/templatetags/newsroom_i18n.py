from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from ..page_base import hreflang_links, published_translations

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """A link per language: to this page's translation where one is published, otherwise to
    that language's home page, so that switching language never ends on a 404. A view that
    is no Wagtail page gives its own `alternates`."""
    alternates = getattr(context.get("page"), "alternates", None) or context.get("alternates", ())
    translations = {alternate.language_code: alternate for alternate in alternates}
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        translation = translations.get(code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translation.url if translation else f"/{code}/",
                "is_current": code == current,
            }
        )
    return links


@register.simple_tag
def hreflang(page):
    """The hreflang links of `page`: a newsroom page knows its translations (a video's page
    gives its own); any other page, such as the terms of use, is asked by the same rule."""
    alternates = getattr(page, "alternates", None)
    if alternates is None:
        alternates = published_translations(page) if isinstance(page, Page) else []
    return hreflang_links(alternates)


@register.simple_tag(takes_context=True)
def absolute_url(context, view_name):
    """The absolute address of a view: a link's href that another site or a crawler reads
    (Lighthouse's hreflang audit refuses a relative one)."""
    request = context.get("request")
    return request.build_absolute_uri(reverse(view_name)) if request else reverse(view_name)
