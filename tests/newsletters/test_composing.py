"""A newsletter editor composes an issue in the admin, previews it, translates it into French
with wagtail-localize, and sends a test to themself."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail_localize.models import Translation, TranslationSource

from newsletters.models import NewsletterIssue
from tests.admin_login import sign_in_to_admin
from tests.factories import NewsletterIssueFactory, StoryFactory, UserFactory
from tests.mailbox import accepted_messages
from tests.translating import into_test_french, translate_strings

pytestmark = pytest.mark.django_db

VIEWSET = "wagtailsnippets_newsletters_newsletterissue"


@pytest.fixture
def editor(db):
    """A member of the Newsletter editors role, which is enough for all of this."""
    user = UserFactory(email="desk@example.org", first_name="Ada")
    user.groups.add(Group.objects.get(name="Newsletter editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    sign_in_to_admin(client, editor)
    return client


def issue_form(stories, **fields):
    return nested_form_data(
        {
            "subject": "This week in the newsroom",
            "preheader": "Vilnius and Brussels",
            "intro": "First paragraph.\n\nSecond paragraph.",
            "story_selection": "chosen",
            "chosen_stories": inline_formset([{"story": story.pk} for story in stories]),
            **fields,
        }
    )


def test_an_editor_composes_an_issue_from_chosen_stories(editor_client, stories):
    response = editor_client.post(
        reverse(f"{VIEWSET}:add") + "?locale=en", issue_form(list(reversed(stories)))
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    issue = NewsletterIssue.objects.get()
    assert (issue.subject, issue.locale.language_code) == ("This week in the newsroom", "en")
    assert [story.title for story in issue.stories()] == [
        "Sweden joins the Alliance",
        "Allies meet in Vilnius",
    ]


def test_the_preview_shows_the_email_and_its_plain_text_as_the_editor_would_get_them(
    editor_client, stories
):
    issue = NewsletterIssueFactory(stories=stories)
    preview_url = reverse(f"{VIEWSET}:preview_on_edit", args=[issue.pk])

    checked = editor_client.post(preview_url, issue_form(stories, subject="A draft subject"))
    html = editor_client.get(preview_url)
    text = editor_client.get(preview_url + "?mode=text")

    assert checked.json()["is_valid"] is True
    assert html.status_code == 200
    page = html.content.decode()
    assert "A draft subject" in page and "Hello Ada," in page
    assert "Allies meet in Vilnius" in page and 'style="' in page
    assert "__newsletter_" not in page
    assert text.headers["Content-Type"].startswith("text/plain")
    assert "Hello Ada," in text.content.decode()
    assert "First paragraph." in text.content.decode()


def test_an_issue_shows_only_stories_the_public_may_see(stories, news_index):
    draft = StoryFactory(title="Not yet public", live=False)
    issue = NewsletterIssueFactory(stories=[*stories, draft])

    assert draft.title not in [story.title for story in issue.stories()]


def test_the_french_issue_is_a_wagtail_localize_translation_showing_the_french_stories(
    editor_client, editor, stories, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    # Translating is the translators' role; this newsletter editor translates too.
    editor.groups.add(Group.objects.get(name="French translators"))
    issue = NewsletterIssueFactory(subject="This week", stories=stories)
    # One of the two stories is published in French; the other is shown in English.
    source, _created = TranslationSource.get_or_create_from_instance(stories[0])
    story_translation = Translation.objects.create(source=source, target_locale=french)
    translate_strings(story_translation, into_test_french)
    with django_capture_on_commit_callbacks(execute=True):
        story_translation.save_target(publish=True)

    submitted = editor_client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["newsletters", "newsletterissue", issue.pk],
        ),
        {"locales": [french.pk]},
    )
    assert submitted.status_code == 302
    translation = Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(issue), target_locale=french
    )
    translate_strings(translation, into_test_french)
    translation.save_target()

    french_issue = issue.get_translation(french)
    assert french_issue.subject == "FR: This week"
    assert [story.locale.language_code for story in french_issue.stories()] == ["fr", "en"]
    assert french_issue.stories()[0].title == "FR: Allies meet in Vilnius"


def test_an_editor_sends_a_test_to_themself(editor_client, editor, stories):
    issue = NewsletterIssueFactory(subject="This week", stories=stories)

    response = editor_client.post(reverse(f"{VIEWSET}:send_test", args=[issue.pk]))

    assert response.status_code == 302
    (message,) = accepted_messages()
    assert message.to == ["desk@example.org"]
    assert message.subject == "[Test] This week"
    assert message.merge_data["desk@example.org"]["greeting"] == "Hello Ada,"
    assert not issue.deliveries.exists()
    (logged,) = ModelLogEntry.objects.for_instance(issue).filter(action="newsletters.send_test")
    assert logged.user == editor


def test_the_demo_issue_is_a_draft_in_english_and_french_ready_to_preview(
    editor_client, django_capture_on_commit_callbacks
):
    from home.demo.loader import load_demo_content

    with django_capture_on_commit_callbacks(execute=True):
        load_demo_content(log=lambda *args: None)
    english = NewsletterIssue.objects.get(locale__language_code="en")
    french = english.get_translation(Locale.objects.get(language_code="fr"))

    assert english.sending_or_none is None and french.sending_or_none is None
    assert len(english.stories()) == 4
    assert french.subject.startswith("Cette semaine à la rédaction")
    preview_url = reverse(f"{VIEWSET}:preview_on_edit", args=[french.pk])
    form = issue_form(
        [chosen.story for chosen in french.chosen_stories.all()],
        subject=french.subject,
        preheader=french.preheader,
        intro=french.intro,
    )
    editor_client.post(preview_url, form)
    preview = editor_client.get(preview_url).content.decode()
    assert "Bonjour Ada," in preview
    assert "Le secrétaire général s’entretient de l’adhésion de la Suède" in preview
    assert mail.outbox == []


def test_a_test_the_provider_refuses_is_reported_not_an_error(editor_client, stories, caplog):
    from anymail.exceptions import AnymailAPIError
    from anymail.signals import pre_send

    def unavailable(sender, message, esp_name, **kwargs):
        message.anymail_test_response = AnymailAPIError("503 Service Unavailable")

    pre_send.connect(unavailable, weak=False)
    try:
        issue = NewsletterIssueFactory(stories=stories)
        response = editor_client.post(reverse(f"{VIEWSET}:send_test", args=[issue.pk]))
    finally:
        pre_send.disconnect(unavailable)

    assert response.status_code == 302
    assert accepted_messages() == []
    assert "did not go out" in caplog.text
