"""Entries in Wagtail's audit log for what changes who may do what: roles (group membership).
Two-factor set-ups and resets are logged where they happen (users/two_factor*.py)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from wagtail.log_actions import get_active_log_context, log


def _on_groups_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # members added to or removed from a group
        users = list(get_user_model().objects.filter(pk__in=kwargs["pk_set"] or []))
    else:
        users = [instance]
    for user in users:
        log(
            instance=user,
            action="users.roles_changed",
            user=get_active_log_context().user,
            data={"groups": sorted(user.groups.values_list("name", flat=True))},
        )


def connect_signals():
    m2m_changed.connect(
        _on_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="users-audit-roles",
    )
