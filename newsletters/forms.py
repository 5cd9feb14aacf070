from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from newsroom.models import NewsStoryPage
from newsroom.topics import Topic, named_in

EMAIL_MAX_LENGTH = 254


def story_topics():
    """The topics of the stories the public may see: what a subscriber may say they like."""
    return Topic.objects.of(NewsStoryPage.objects.published())


def _named_in_reader_language(topics, language_code):
    topics = list(topics)
    named = {topic.translation_key: topic for topic in named_in(topics, language_code)}
    return sorted(
        ((topic, named[topic.translation_key]) for topic in topics),
        key=lambda pair: pair[1].name.casefold(),
    )


# The largest value of a database integer id: a larger one chooses nothing, rather than
# overflowing the query (SQLite raises on an integer wider than 64 bits).
LARGEST_ID = 2**63 - 1


class TopicsField(forms.ModelMultipleChoiceField):
    """Topics chosen by id; an id no topic could have is an invalid choice, not an error."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not text.isascii() or not text.lstrip("-").isdigit() or abs(int(text)) > LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        help_text=_("Optional: we use it to greet you."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    topics = TopicsField(
        label=_("Topics that interest you"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = story_topics()
        # Offered by the name they have in the reader's language; chosen as the stories hold them.
        self.fields["topics"].choices = [
            (source.pk, named.name)
            for source, named in _named_in_reader_language(story_topics(), get_language())
        ]


class AccountNewsletterForm(forms.Form):
    """The account page's choice, and the welcome page's button (which sends receive=on)."""

    receive = forms.BooleanField(label=_("Send me the newsletter"), required=False)
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)


class SendIssueForm(forms.Form):
    """The editor's "Send": now, or at a time to come, which they choose each time (nothing is
    chosen for them), then confirm on a second page (`confirmed`, sent by its button)."""

    NOW, LATER = "now", "later"

    when = forms.ChoiceField(
        label=_("When"),
        choices=[(NOW, _("Send now")), (LATER, _("Schedule for a time I choose"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to send the issue now or later.")},
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Only when scheduling."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        when = cleaned_data.get("when")
        if when == self.NOW:
            # Left over from a change of mind: the time is not used, so it cannot be wrong.
            self.errors.pop("send_at", None)
            cleaned_data["send_at"] = None
        elif when == self.LATER and "send_at" not in self.errors:
            send_at = cleaned_data.get("send_at")
            if send_at is None:
                self.add_error("send_at", _("Choose when to send the issue."))
            elif send_at <= timezone.now():
                self.add_error("send_at", _("Choose a time in the future."))
        return cleaned_data

    @property
    def sends_now(self):
        return self.cleaned_data["when"] == self.NOW

    def send_time(self):
        return timezone.now() if self.sends_now else self.cleaned_data["send_at"]
