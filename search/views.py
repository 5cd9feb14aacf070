from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from background.hand_off import hand_off
from newsroom.page_base import Alternate

from .forms import SearchForm, query_string
from .searching import SearchCriteria, SiteSearch, tidy
from .tasks import record_search

RESULTS_PER_PAGE = 10


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    criteria = form.criteria()
    search = SiteSearch(get_language(), criteria, request)
    context = {
        "form": form,
        "criteria": criteria,
        "topics": search.topics(),
        "alternates": _the_same_search_in_each_language(request, query_string(criteria)),
    }
    if criteria.wanted:
        results = search.page(request.GET.get("page"), per_page=RESULTS_PER_PAGE)
        if results.number == 1 and criteria.words:
            # A worker counts the search for the statistics; while the broker is away this
            # one search goes uncounted, and the reader still gets their results.
            hand_off(record_search, criteria.text, bool(results.total))
        context |= {"results": results, "query_string": query_string(criteria)}
    return TemplateResponse(request, "search/search_page.html", context)


@require_GET
def suggestions(request):
    """A few stories and videos whose titles begin with what is typed, for the header's box."""
    criteria = SearchCriteria(text=tidy(request.GET.get("q", "")))
    found = SiteSearch(get_language(), criteria, request).suggestions()
    return JsonResponse({"suggestions": found})


def _the_same_search_in_each_language(request, query):
    """For the language switcher: this search, from its first page, in each language."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search") + (f"?{query}" if query else "")
        alternates.append(Alternate(code, url, request.build_absolute_uri(url)))
    return alternates
