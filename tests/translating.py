"""What a translator does in wagtail-localize's admin, for the tests to repeat."""

from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def submit_for_translation(client, page, locale, *, include_subtree=False):
    """'Translate this page' in the page's admin menu: makes draft translations."""
    data = {"locales": [locale.pk]}
    if include_subtree:
        data["include_subtree"] = "on"
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(page), target_locale=locale
    )


def translate_strings(translation, translate):
    """Type a translation for each string of the source, as the editor's text boxes do."""
    source = translation.source
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={
                "data": translate(segment.context.path, segment.string.data),
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )


def into_test_french(path, text):
    """A stand-in French: slugs get a suffix, other strings a marker and their own text."""
    return f"{text}-fr" if path == "slug" else f"FR: {text}"
