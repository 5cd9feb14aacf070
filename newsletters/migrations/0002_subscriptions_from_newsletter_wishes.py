"""Before newsletters were sent, an account only recorded the wish (users' `wants_newsletter`,
removed by users 0004, which runs after this). Each wish on an account whose address is
verified becomes a confirmed subscription, linked to the account: the person pressed
"Subscribe to our newsletter" after verifying that address. The wish did not record a
language, so the subscription is in the site's default one."""

from django.conf import settings
from django.db import migrations
from django.db.models import Exists, OuterRef
from django.utils import timezone


def subscribe_those_who_asked(apps, schema_editor):
    User = apps.get_model("users", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    Subscriber = apps.get_model("newsletters", "Subscriber")
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    now = timezone.now()
    for user in User.objects.filter(Exists(verified), wants_newsletter=True).iterator():
        if Subscriber.objects.filter(email__iexact=user.email).exists():
            continue
        Subscriber.objects.create(
            email=user.email,
            language=settings.LANGUAGE_CODE,
            status="confirmed",
            user=user,
            confirmed_at=now,
            status_changed_at=now,
        )


def record_the_wishes_again(apps, schema_editor):
    User = apps.get_model("users", "User")
    Subscriber = apps.get_model("newsletters", "Subscriber")
    subscribed = Subscriber.objects.filter(status="confirmed", user__isnull=False)
    User.objects.filter(pk__in=subscribed.values("user_id")).update(wants_newsletter=True)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("users", "0003_terms_of_use_page"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]
    run_before = [("users", "0005_remove_user_wants_newsletter")]

    operations = [migrations.RunPython(subscribe_those_who_asked, record_the_wishes_again)]
