"""The ways in and out of the newsletter: the public form, confirmed by a link (double
opt-in); the one button of an account whose address is verified; the links in the emails;
and an account's address or deletion, which its subscription follows."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from newsroom.topics import Topic
from users.access import has_verified_email

from .models import Subscriber
from .rendering import absolute_url
from .tokens import confirmation_token, confirmation_valid_days, read_confirmation_token


def ask_to_subscribe(email, *, language, topics=(), name=""):
    """Send a confirmation link to `email`; nothing changes until it is followed. The answer
    is the same whether the address is new, pending or subscribed already, so the form
    tells nobody who subscribes."""
    subscriber = _subscriber_with(email, language=language, name=name)
    if subscriber.status == Subscriber.Status.PENDING and not subscriber.confirmed_at:
        subscriber.topics.set(topics)
    if _may_send_confirmation_to(email):
        _send_confirmation(subscriber, language=language, topics=topics, name=name)


def subscriber_to_confirm(token):
    """Whom a confirmation link is for, changing nothing: InvalidToken or ExpiredToken for a
    bad link, Subscriber.DoesNotExist if the subscriber was deleted."""
    return Subscriber.objects.get(pk=read_confirmation_token(token).subscriber_id)


def confirm(token):
    """Confirm with the link's token: the subscription, with the choices made on the form (of
    the topics, those that still exist). Confirming twice is harmless. The same errors as
    `subscriber_to_confirm`."""
    confirmation = read_confirmation_token(token)
    subscriber = Subscriber.objects.get(pk=confirmation.subscriber_id)
    subscriber.confirm(
        language=confirmation.language,
        topics=Topic.objects.filter(pk__in=confirmation.topic_ids),
        name=confirmation.name,
    )
    return subscriber


def subscribe_account(user, *, language):
    """An account's "Subscribe to our newsletter": at once if its address is verified, by
    a confirmation link otherwise. Returns whether the person is now subscribed."""
    if not has_verified_email(user):
        ask_to_subscribe(user.email, language=language, name=user.first_name)
        return False
    subscriber = subscription_of(user) or _subscriber_with(user.email, language=language)
    subscriber.user = user
    subscriber.confirm(language=language)
    return True


def unsubscribe_account(user):
    for subscriber in Subscriber.objects.of_user(user):
        subscriber.unsubscribe()


def subscription_of(user):
    """The account's subscription: the one linked to it, or one made with its address."""
    if not user.is_authenticated:
        return None
    return Subscriber.objects.of_user(user).order_by(F("user").asc(nulls_last=True)).first()


def follow_email_change(sender, request, user, from_email_address, to_email_address, **kwargs):
    """allauth's `email_changed`: the account's subscription goes to its new, verified,
    address. A subscription made before with that address is the same person's: it gives
    way to the account's."""
    linked = Subscriber.objects.filter(user=user).first()
    if linked is None:
        return
    with transaction.atomic():
        Subscriber.objects.with_email(to_email_address.email).exclude(pk=linked.pk).delete()
        linked.email = to_email_address.email
        linked.save(update_fields=["email"])


def forget_account(sender, instance, **kwargs):
    """pre_delete of a user: their subscription names them, and goes with the account (the
    deliveries keep their figures without it)."""
    Subscriber.objects.of_user(instance).delete()


def _subscriber_with(email, *, language, name=""):
    existing = Subscriber.objects.with_email(email).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, language=language, name=name)
    except IntegrityError:
        # The same address, submitted twice at once.
        return Subscriber.objects.with_email(email).get()


def _may_send_confirmation_to(email):
    """One confirmation email per address per NEWSLETTER_CONFIRMATION_COOLDOWN seconds,
    so that the form cannot be used to flood someone's inbox."""
    key = "newsletters:confirmation-sent:" + hashlib.sha256(email.lower().encode()).hexdigest()
    return cache.add(key, True, timeout=settings.NEWSLETTER_CONFIRMATION_COOLDOWN)


def _send_confirmation(subscriber, *, language, topics, name):
    token = confirmation_token(
        subscriber, language=language, topic_ids=[topic.pk for topic in topics], name=name
    )
    with translation.override(language):
        context = {
            "confirm_url": absolute_url(reverse("newsletter_confirm", kwargs={"token": token})),
            "valid_days": confirmation_valid_days(),
            "SITE_NAME": settings.WAGTAIL_SITE_NAME,
            "LANGUAGE_CODE": language,
        }
        message = EmailMultiAlternatives(
            subject=render_to_string("newsletters/email/confirm_subject.txt", context).strip(),
            body=render_to_string("newsletters/email/confirm_message.txt", context),
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[subscriber.email],
        )
        message.attach_alternative(
            render_to_string("newsletters/email/confirm_message.html", context), "text/html"
        )
    # Queued in the database; a task delivers it once the surrounding transaction commits.
    message.send()
