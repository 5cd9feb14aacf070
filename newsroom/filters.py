from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

MONTH_CHOICES = [
    ("", _("Any month")),
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class StoryFilterForm(forms.Form):
    """Narrows a list of stories or videos. A field that does not validate is ignored, not
    fatal. `topic_lookup` and `date_field` say where a topic and a date are found."""

    topic = forms.SlugField(label=_("Topic"), required=False, allow_unicode=True)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)
    month = forms.TypedChoiceField(
        label=_("Month"), required=False, choices=MONTH_CHOICES, coerce=int, empty_value=None
    )

    def filter(self, items, *, topic_lookup="topics__slug", date_field="date"):
        if not self.is_bound:
            return items
        self.is_valid()
        criteria = self.cleaned_data
        if criteria.get("topic"):
            items = items.filter(**{topic_lookup: criteria["topic"]}).distinct()
        if criteria.get("year"):
            items = items.filter(**{f"{date_field}__year": criteria["year"]})
            if criteria.get("month"):
                items = items.filter(**{f"{date_field}__month": criteria["month"]})
        return items

    @property
    def is_filtering(self):
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)


def filtered_listing(request, items, per_page, **lookups):
    """What a filtered, paginated listing shows: the filter form, the query string that keeps
    the filters on the page links, and the page of `items` asked for."""
    filter_form = StoryFilterForm(request.GET or None)
    other_params = request.GET.copy()
    other_params.pop("page", None)
    page = Paginator(filter_form.filter(items, **lookups), per_page).get_page(
        request.GET.get("page")
    )
    return {"filter_form": filter_form, "filter_query": other_params.urlencode()}, page
