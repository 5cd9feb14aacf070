from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .searching import KINDS, MOST_CHARACTERS, SearchCriteria, tidy

RELEVANCE, NEWEST_FIRST = "relevance", "date"


class SearchTextField(forms.CharField):
    """What the reader typed, tidied (control characters out, at most MOST_CHARACTERS
    characters), so that no text is refused: the search page says it was shortened."""

    def to_python(self, value):
        return tidy(super().to_python(value))


class SearchForm(forms.Form):
    """The search and its filters. Like the story filters, a filter that does not validate is
    ignored and the reader told, and the search goes on without it."""

    q = SearchTextField(label=_("Search stories and videos"), required=False)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Stories and videos")), *KINDS.items()]
    )
    topic = forms.SlugField(label=_("Topic"), required=False, allow_unicode=True)
    date_from = forms.DateField(
        label=pgettext_lazy("first day of a range of dates", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("last day of a range of dates", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(RELEVANCE, _("Relevance")), (NEWEST_FIRST, _("Newest first"))],
    )

    def criteria(self):
        self.is_valid()
        data = self.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
        return SearchCriteria(
            text=data.get("q", ""),
            kind=data.get("kind", ""),
            topic=data.get("topic", ""),
            date_from=date_from,
            date_to=date_to,
            by_date=data.get("sort") == NEWEST_FIRST,
        )

    @property
    def text_was_shortened(self):
        return len(" ".join(self.data.get("q", "").split())) > MOST_CHARACTERS

    @property
    def filters_ignored(self):
        return bool(self.errors)


def query_string(criteria):
    """The search as the form asks for it, with only what was understood: for links to other
    pages of results and to the same search in another language."""
    params = {
        "q": criteria.text,
        "kind": criteria.kind,
        "topic": criteria.topic,
        "date_from": criteria.date_from.isoformat() if criteria.date_from else "",
        "date_to": criteria.date_to.isoformat() if criteria.date_to else "",
        "sort": NEWEST_FIRST if criteria.by_date else "",
    }
    return urlencode({name: value for name, value in params.items() if value})
