"""The desk sees what is embargoed and until when, is told so when it schedules a story, and is
warned when no scheduler is running to lift the embargo."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import NewsStoryPage
from newsroom.tasks import publish_scheduled_pages
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

# 10:00 in Brussels, the site's time zone, on a day when the desk is at work two hours before.
GO_LIVE = datetime.datetime(2030, 1, 15, 9, 0, tzinfo=datetime.UTC)
SILENT_SCHEDULER = "No scheduler has run in the last five minutes"


@pytest.fixture(autouse=True)
def two_hours_before():
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=2)) as traveller:
        yield traveller


def member_of(role):
    user = UserFactory(email=f"{role.lower()}@example.org")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def in_review(news_index):
    story = StoryFactory(title="Accession talks", live=False)
    story.save_revision()
    Workflow.objects.get(name="Editorial review").start(story, member_of("Editors"))
    return NewsStoryPage.objects.get(pk=story.pk)


@pytest.fixture
def embargoed(news_index):
    story = StoryFactory(title="Accession talks", live=False)
    story.go_live_at = GO_LIVE
    story.save_revision().publish()
    return NewsStoryPage.objects.get(pk=story.pk)


@pytest.fixture
def moderator(client):
    return sign_in_to_admin(client, member_of("Moderators"))


def edit_form(story, **actions):
    return nested_form_data(
        {
            "title": story.title,
            "slug": story.slug,
            "standfirst": story.standfirst,
            "date": story.date.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>Checked and ready.</p>"))]),
            "people_mentioned": inline_formset([]),
            "related": inline_formset([]),
            "comments": inline_formset([]),
            "go_live_at": "2030-01-15 10:00",
            **actions,
        }
    )


def said(response):
    """The messages shown, without the buttons Wagtail puts after each."""
    return [str(message).strip().splitlines()[0] for message in get_messages(response.wsgi_request)]


def test_approving_a_story_with_a_go_live_time_says_until_when_it_is_embargoed(
    moderator, in_review
):
    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[in_review.pk]),
        edit_form(
            in_review, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
        ),
    )

    assert response.status_code == 302
    scheduled, warning = said(response)
    assert (
        scheduled == "Scheduled for 15 January, 10:00: “Accession talks” is embargoed until then."
    )
    assert warning.startswith(SILENT_SCHEDULER)
    assert not NewsStoryPage.objects.get(pk=in_review.pk).live


def test_publishing_with_a_go_live_time_says_for_when_it_is_scheduled(moderator, news_index):
    story = StoryFactory(title="Accession talks", live=False)
    publish_scheduled_pages()  # a scheduler is running

    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        edit_form(story, **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    assert said(response) == [
        "Scheduled for 15 January, 10:00: “Accession talks” is embargoed until then."
    ]


@pytest.fixture
def in_review_with_go_live_time(news_index):
    story = StoryFactory(title="Accession talks", live=False)
    story.go_live_at = GO_LIVE
    story.save_revision()
    Workflow.objects.get(name="Editorial review").start(story, member_of("Editors"))
    return NewsStoryPage.objects.get(pk=story.pk)


def approve_from_the_dashboard(client, story, **data):
    """The dashboard's "Approve with comment": Wagtail's modal posts to its workflow action."""
    task_state = story.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def test_approving_with_comment_from_the_dashboard_says_until_when_it_is_embargoed(
    moderator, in_review_with_go_live_time
):
    publish_scheduled_pages()

    response = approve_from_the_dashboard(
        moderator, in_review_with_go_live_time, comment="Checked the figures."
    )

    assert response.status_code == 200
    assert said(response) == [
        "Scheduled for 15 January, 10:00: “Accession talks” is embargoed until then."
    ]
    story = NewsStoryPage.objects.get(pk=in_review_with_go_live_time.pk)
    assert not story.live
    assert story.approved_schedule


def test_approving_a_live_story_s_new_version_from_the_dashboard_says_when_it_replaces_it(
    moderator, news_index
):
    story = publish(StoryFactory(title="Accession talks"))
    story.go_live_at = GO_LIVE
    story.save_revision()
    Workflow.objects.get(name="Editorial review").start(story, member_of("Editors"))
    publish_scheduled_pages()

    response = approve_from_the_dashboard(moderator, NewsStoryPage.objects.get(pk=story.pk))

    assert said(response) == [
        "Scheduled for 15 January, 10:00: this version of “Accession talks” replaces the live "
        "one then."
    ]


def test_requesting_changes_from_the_dashboard_says_nothing_of_a_schedule(
    moderator, in_review_with_go_live_time
):
    task_state = in_review_with_go_live_time.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[in_review_with_go_live_time.pk, "reject", task_state.pk],
    )

    moderator.post(url, {"comment": "Check the figures."})

    response = moderator.get(reverse("wagtailadmin_home"))
    assert not [message for message in said(response) if message.startswith("Scheduled")]
    assert not NewsStoryPage.objects.get(pk=in_review_with_go_live_time.pk).approved_schedule


def test_approving_from_the_dashboard_speaks_the_moderator_s_language(
    moderator, in_review_with_go_live_time
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(Group.objects.get(name="Moderators").user_set.get())
    profile.preferred_language = "fr"
    profile.save()
    publish_scheduled_pages()

    response = approve_from_the_dashboard(moderator, in_review_with_go_live_time)

    assert said(response) == [
        "Programmé pour le 15 janvier, 10:00 : « Accession talks » est sous embargo jusque-là."
    ]


def test_creating_a_story_and_publishing_it_with_a_go_live_time_says_for_when(
    moderator, news_index
):
    publish_scheduled_pages()
    new_story = SimpleNamespace(
        title="Accession talks",
        slug="accession-talks",
        standfirst="Talks resume.",
        date=datetime.date(2030, 1, 15),
    )

    response = moderator.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "newsstorypage", news_index.pk]),
        edit_form(new_story, **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    assert said(response) == [
        "Scheduled for 15 January, 10:00: “Accession talks” is embargoed until then."
    ]
    story = NewsStoryPage.objects.get(slug="accession-talks")
    assert not story.live
    assert story.approved_schedule


def test_creating_a_story_that_goes_live_at_once_still_says_so(moderator, news_index):
    new_story = SimpleNamespace(
        title="Accession talks",
        slug="accession-talks",
        standfirst="Talks resume.",
        date=datetime.date(2030, 1, 15),
    )

    response = moderator.post(
        reverse("wagtailadmin_pages:add", args=["newsroom", "newsstorypage", news_index.pk]),
        edit_form(new_story, go_live_at="", **{"action-publish": "action-publish"}),
    )

    assert said(response) == ["Page &#x27;Accession talks&#x27; created and published."]
    assert NewsStoryPage.objects.get(slug="accession-talks").live


def test_the_schedule_dialog_of_a_new_story_names_the_button_a_publisher_has(moderator, news_index):
    editor = moderator.get(
        reverse("wagtailadmin_pages:add", args=["newsroom", "newsstorypage", news_index.pk])
    ).content.decode()

    assert (
        "This schedule takes effect once the page is published: “Publish” schedules it for the "
        "time set here." in editor
    )
    assert "Schedule to publish" not in editor
    assert "only those with publishing permissions" not in editor


def test_the_moment_is_in_the_language_of_the_person_scheduling(moderator, in_review):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(Group.objects.get(name="Moderators").user_set.get())
    profile.preferred_language = "fr"
    profile.save()
    publish_scheduled_pages()

    response = moderator.post(
        reverse("wagtailadmin_pages:edit", args=[in_review.pk]),
        edit_form(
            in_review, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
        ),
    )

    assert said(response) == [
        "Programmé pour le 15 janvier, 10:00 : « Accession talks » est sous embargo jusque-là."
    ]


def test_saving_a_go_live_time_in_a_draft_says_it_takes_effect_once_published(
    moderator, news_index
):
    story = StoryFactory(title="Accession talks", live=False)

    response = moderator.post(reverse("wagtailadmin_pages:edit", args=[story.pk]), edit_form(story))

    assert said(response) == [
        "“Accession talks” has been saved. It goes live at 15 January, 10:00 once it is "
        "published or approved."
    ]


def test_the_page_listing_says_until_when_a_story_is_embargoed(moderator, embargoed, news_index):
    listing = moderator.get(reverse("wagtailadmin_explore", args=[news_index.pk]))

    assert "embargoed until 15 January, 10:00" in listing.content.decode()


def test_the_dashboard_lists_embargoed_stories_and_warns_when_no_scheduler_runs(
    moderator, embargoed, two_hours_before
):
    dashboard = moderator.get(reverse("wagtailadmin_home")).content.decode()

    assert "Embargoed stories" in dashboard
    assert "Accession talks" in dashboard
    assert SILENT_SCHEDULER in dashboard

    publish_scheduled_pages()
    two_hours_before.shift(datetime.timedelta(minutes=4))
    assert SILENT_SCHEDULER not in moderator.get(reverse("wagtailadmin_home")).content.decode()

    two_hours_before.shift(datetime.timedelta(minutes=2))
    assert SILENT_SCHEDULER in moderator.get(reverse("wagtailadmin_home")).content.decode()


def test_the_embedded_scheduler_counts_as_running(moderator, embargoed):
    from django.core.management import call_command

    call_command("run_scheduler", "--once", verbosity=0)

    assert SILENT_SCHEDULER not in moderator.get(reverse("wagtailadmin_home")).content.decode()


def test_editing_a_scheduled_story_warns_when_no_scheduler_runs(moderator, embargoed):
    editor = moderator.get(reverse("wagtailadmin_pages:edit", args=[embargoed.pk]))

    assert SILENT_SCHEDULER in editor.content.decode()


def test_editing_an_unscheduled_story_says_nothing_of_the_scheduler(moderator, news_index):
    story = StoryFactory(title="Ordinary story")

    editor = moderator.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))

    assert SILENT_SCHEDULER not in editor.content.decode()


def test_the_editor_stays_behind_the_admin_login(client, embargoed):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[embargoed.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
