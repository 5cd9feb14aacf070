"""Each role can do its job and nothing more, and a story goes live only after review."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.models import ModelLogEntry, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtailmedia.permissions import get_permission_policy as media_policy

from newsletters.admin_views import issue_permission_policy
from tests.admin_login import sign_in_to_admin
from tests.factories import ImageFactory, StoryFactory, UserFactory, VideoFactory
from videos.reports import DownloadReportView

pytestmark = pytest.mark.django_db


def member_of(role, email=None):
    user = UserFactory(email=email or f"{role.lower().replace(' ', '-')}@example.org")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def draft(news_index):
    return StoryFactory(title="A draft", live=False)


ROLE_MATRIX = {
    # role: (edit pages, publish pages, upload video, delete video, see downloads, translate,
    #        compose and send newsletters)
    "Editors": (True, False, True, False, False, False, False),
    "Moderators": (True, True, False, False, False, False, False),
    "French translators": (False, False, False, False, False, True, False),
    "Video managers": (False, False, True, True, True, False, False),
    "Newsletter editors": (False, False, False, False, False, False, True),
}


@pytest.mark.parametrize("role", ROLE_MATRIX)
def test_each_role_can_do_its_job_and_not_the_others(role, draft):
    user = member_of(role)
    (
        can_edit,
        can_publish,
        can_upload,
        can_delete_video,
        sees_downloads,
        translates,
        sends_newsletters,
    ) = ROLE_MATRIX[role]
    page_permissions = draft.permissions_for_user(user)

    assert user.has_perm("wagtailadmin.access_admin")
    assert page_permissions.can_edit() is can_edit
    assert page_permissions.can_publish() is can_publish
    assert media_policy().user_has_permission(user, "add") is can_upload
    someone_elses = VideoFactory(uploaded_by_user=UserFactory(email="other@example.org"))
    assert (
        media_policy().user_has_permission_for_instance(user, "delete", someone_elses)
        is can_delete_video
    )
    assert DownloadReportView.permission_policy.user_has_permission(user, "view") is sees_downloads
    assert user.has_perm("wagtail_localize.submit_translation") is translates
    assert issue_permission_policy.user_has_permission(user, "add") is sends_newsletters
    assert issue_permission_policy.user_has_permission(user, "send") is sends_newsletters
    assert not issue_permission_policy.user_has_permission(user, "delete")
    someone_elses_image = ImageFactory(uploaded_by_user=someone_elses.uploaded_by_user)
    assert not image_policy.user_has_permission_for_instance(user, "delete", someone_elses_image)
    assert not user.is_superuser


def test_the_news_index_asks_moderators_to_review_before_publishing(news_index):
    workflow = news_index.get_workflow()

    assert workflow.name == "Editorial review"
    assert [task.specific.groups.get().name for task in workflow.tasks.all()] == ["Moderators"]


def test_an_editors_story_goes_live_only_after_a_moderator_approves(client, news_index, draft):
    editor, moderator = member_of("Editors"), member_of("Moderators")
    sign_in_to_admin(client, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "standfirst": draft.standfirst,
            "date": draft.date.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>Checked and ready.</p>"))]),
            "people_mentioned": inline_formset([]),
            "related": inline_formset([]),
            "comments": inline_formset([]),
            "action-submit": "Submit to Editorial review",
        }
    )

    submitted = client.post(edit_url, data)

    assert submitted.status_code == 302, submitted.context["form"].errors
    draft.refresh_from_db()
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not draft.live

    task_state = state.current_task_state
    client.logout()
    sign_in_to_admin(client, moderator)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]
    )
    approved = client.post(approve_url, {"comment": "Good to go."})

    assert approved.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live


def test_an_editor_cannot_publish_directly(client, news_index, draft):
    sign_in_to_admin(client, member_of("Editors"))
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "standfirst": draft.standfirst,
            "date": draft.date.isoformat(),
            "body": streamfield([("paragraph", rich_text("<p>Straight out.</p>"))]),
            "people_mentioned": inline_formset([]),
            "related": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "Publish",
        }
    )

    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)

    draft.refresh_from_db()
    assert not draft.live


def test_approving_a_story_deleted_meanwhile_gets_the_admins_not_found_page(
    client, news_index, draft
):
    moderator = member_of("Moderators")
    workflow = Workflow.objects.get(name="Editorial review")
    draft.save_revision()
    state = workflow.start(draft, member_of("Editors"))
    task_state_pk, page_pk = state.current_task_state.pk, draft.pk
    draft.delete()
    sign_in_to_admin(client, moderator)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page_pk, "approve", task_state_pk]),
        {"comment": ""},
        follow=True,
    )

    assert response.status_code == 404
    assert response.redirect_chain == [], "no detour to the public site's /en/admin/…"
    assert response.templates[0].name == "wagtailadmin/404.html"
    assert "not found" in response.content.decode().lower()


def test_role_changes_are_in_the_audit_log(client):
    person = UserFactory(email="new-editor@example.org")

    person.groups.add(Group.objects.get(name="Editors"))
    Group.objects.get(name="Moderators").user_set.add(person)

    entries = ModelLogEntry.objects.filter(action="users.roles_changed", object_id=str(person.pk))
    assert [entry.data["groups"] for entry in entries.order_by("timestamp", "pk")] == [
        ["Editors"],
        ["Editors", "Moderators"],
    ]
