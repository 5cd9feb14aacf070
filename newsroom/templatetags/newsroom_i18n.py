from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

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
