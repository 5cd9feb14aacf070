"""The newsroom's roles, with least privilege, and "Editorial review" on the news index.

- Editors draft stories (pages), images and videos, and submit them for review; they cannot
  publish, nor change or delete what others uploaded.
- Moderators review, publish, schedule and unpublish pages.
- French translators translate into French only: their page permissions are on the French
  home page's tree, not the English one (home/roles.py keeps this for trees made later).
- Video managers upload and process videos, and see the download report.
Newsletter editors arrive with the newsletters app.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORIAL_REVIEW = "Editorial review"


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _set_group(apps, name, *, renamed_from=None, model_permissions=(), page_permissions=(),
               collection_permissions=(), pages=()):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    group = Group.objects.filter(name=renamed_from or name).first() or Group(name=name)
    group.name = name
    group.save()
    group.permissions.set([_permission(apps, app, code) for app, code in model_permissions])
    GroupPagePermission.objects.filter(group=group).delete()
    for page in pages:
        for codename in page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=_permission(apps, "wagtailcore", codename)
            )
    GroupCollectionPermission.objects.filter(group=group).delete()
    root_collection = Collection.objects.get(depth=1)
    for app_label, codename in collection_permissions:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=root_collection,
            permission=_permission(apps, app_label, codename),
        )
    return group


def _ensure_permissions(apps):
    """Django makes model permissions after the last migration; on a new database, the ones
    given here must exist before."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    _ensure_permissions(apps)
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    NewsIndexPage = apps.get_model("newsroom.NewsIndexPage")
    root = Page.objects.get(depth=1)
    admin = ("wagtailadmin", "access_admin")

    _set_group(
        apps,
        "Editors",
        model_permissions=[admin, ("newsroom", "add_person"), ("newsroom", "change_person")],
        page_permissions=["add_page", "change_page"],
        pages=[root],
        # Adding lets them edit what they uploaded themselves; changing would let them edit
        # and delete anyone's.
        collection_permissions=[
            ("wagtailimages", "add_image"),
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "choose_document"),
            ("wagtailmedia", "add_media"),
        ],
    )
    moderators = _set_group(
        apps,
        "Moderators",
        model_permissions=[admin, ("newsroom", "change_person")],
        page_permissions=["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        pages=[root],
        collection_permissions=[
            ("wagtailimages", "choose_image"),
            ("wagtaildocs", "choose_document"),
        ],
    )
    _set_group(
        apps,
        "French translators",
        renamed_from="Translators",
        model_permissions=[admin, ("wagtail_localize", "submit_translation")],
        page_permissions=["add_page", "change_page"],
        pages=HomePage.objects.filter(depth=2, locale__language_code="fr"),
        collection_permissions=[("wagtailimages", "choose_image")],
    )
    _set_group(
        apps,
        "Video managers",
        model_permissions=[admin, ("videos", "view_download")],
        collection_permissions=[
            ("wagtailmedia", "add_media"),
            ("wagtailmedia", "change_media"),
            ("wagtailmedia", "delete_media"),
        ],
    )

    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name="Moderators approval",
            content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        )
    task.name = "Moderator approval"
    task.save()
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=EDITORIAL_REVIEW)
    Workflow.objects.filter(name="Moderators approval").delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(page=root).delete()
    for news_index in NewsIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=news_index, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_create_video_library"),
        ("newsroom", "0004_record_videos_on_published_pages"),
        ("videos", "0003_library_details_captions_downloads"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
