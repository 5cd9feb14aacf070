"""Subscribers, the issues editors compose, and the record of sending each issue.

An issue is a translatable snippet rather than a page: it is written and previewed in the
admin and sent by email, but it has no public URL, no place in the page tree and nothing to
publish. Its sending state lives in `Sending`, a model of its own, so that saving the editing
form can never overwrite what a running send has recorded, and so that wagtail-localize,
which copies synchronised fields into translations, never copies one language's sending
state into another.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from newsroom.models import NewsStoryPage

from .rendering import personalise, preview_fields, render_issue


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email):
        """The subscriber with this address, whatever its case (as the unique index reads it)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.lower())

    def of_user(self, user):
        """The subscription of a person with an account: linked to it, or made with its
        address before it was linked."""
        return self.alias(email_lower=Lower("email")).filter(
            Q(user=user) | Q(email_lower=user.email.lower())
        )

    def receiving(self, language_code):
        """The subscribers an issue in `language_code` goes to."""
        return self.filter(status=Subscriber.Status.CONFIRMED, language=language_code)


class Subscriber(models.Model):
    """An address that receives, or asked to receive, the newsletter."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    # The statuses that a provider's report may end: nobody else receives anything.
    SUPPRESSIBLE = (Status.PENDING, Status.CONFIRMED)

    email = models.EmailField(_("email address"))
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("Used in the greeting.")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    topics = models.ManyToManyField(
        "newsroom.Topic", blank=True, related_name="+", verbose_name=_("topics of interest")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscription",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("subscribed on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed on"), default=timezone.now)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletters_subscriber_email_ci_unique"),
        ]
        # The recipients of an issue: the confirmed subscribers of its language.
        indexes = [models.Index(fields=["language", "status"], name="newsletters_recipients")]

    def __str__(self):
        return self.email

    @property
    def is_receiving(self):
        return self.status == self.Status.CONFIRMED

    @property
    def greeting_name(self):
        """The name the greeting uses: the one given when subscribing, or the account's."""
        return self.name or (self.user.first_name if self.user_id else "")

    def confirm(self, *, language=None, topics=None, name=None):
        """Subscribed, with the choices made when asking, if any: after the confirmation
        link, the account page's button, or "Subscribe again" after unsubscribing."""
        self.language = language or self.language
        self.name = self.name if name is None else name
        if self.status != self.Status.CONFIRMED:
            self.confirmed_at = timezone.now()
            self._change_status(self.Status.CONFIRMED)
        self.save()
        if topics is not None:
            self.topics.set(topics)

    def unsubscribe(self):
        if self.status in self.SUPPRESSIBLE:
            self._change_status(self.Status.UNSUBSCRIBED)
            self.save(update_fields=["status", "status_changed_at"])

    def suppress(self, status, *, reported_at):
        """Stop sending, as a provider reported (a bounce, a complaint, an unsubscription).

        A report about mail sent before the person subscribed again is out of date: it does
        not undo their new subscription. Returns whether the status changed."""
        if self.status not in self.SUPPRESSIBLE or reported_at < self.status_changed_at:
            return False
        self._change_status(status)
        self.save(update_fields=["status", "status_changed_at"])
        return True

    def _change_status(self, status):
        self.status = status
        self.status_changed_at = timezone.now()


class NewsletterIssue(TranslatableMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    """One issue of the newsletter in one language; its translations are the same issue in
    the other languages, each sent to the subscribers of its own language."""

    class StorySelection(models.TextChoices):
        CHOSEN = "chosen", _("The stories chosen below")
        SINCE_LAST_ISSUE = "since_last_issue", _("The stories published since the last issue")

    subject = models.CharField(_("subject"), max_length=150)
    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        help_text=_("The line that inboxes show after the subject."),
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Separate paragraphs with an empty line.")
    )
    story_selection = models.CharField(
        _("stories"), max_length=20, choices=StorySelection, default=StorySelection.CHOSEN
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    panels = [
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("story_selection"),
                InlinePanel("chosen_stories", label=_("Chosen stories"), max_num=12),
            ],
            heading=_("Stories"),
        ),
    ]
    search_fields = [
        index.SearchField("subject"),
        index.AutocompleteField("subject"),
        index.FilterField("locale"),
    ]
    # Translators translate the words; the choice of stories follows the source issue, and
    # each story is shown in the issue's language where it is published in it.
    translatable_fields = [
        TranslatableField("subject"),
        TranslatableField("preheader"),
        TranslatableField("intro"),
        SynchronizedField("story_selection"),
        SynchronizedField("chosen_stories"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]

    def __str__(self):
        return self.subject

    @property
    def language_code(self):
        return self.locale.language_code

    def recipients(self):
        """The subscribers this issue goes to: the confirmed subscribers of its language. The
        sending queues these, and the editor's confirmation counts these."""
        return Subscriber.objects.receiving(self.language_code)

    @property
    def sending_or_none(self):
        """The issue's sending, if it has been sent or scheduled (a query unless fetched with
        select_related("sending"))."""
        try:
            return self.sending
        except Sending.DoesNotExist:
            return None

    def stories(self):
        """The stories this issue shows, as readers of its language see them: only stories
        the public may see, each in the issue's language where it is published in it."""
        public = NewsStoryPage.objects.published().for_readers_of(self.language_code).for_cards()
        if self.story_selection == self.StorySelection.SINCE_LAST_ISSUE:
            since = self.previous_issue_started_at()
            if since is not None:
                public = public.filter(first_published_at__gt=since)
            return list(public.newest_first()[: settings.NEWSLETTER_MAX_STORIES])
        chosen = [row.story.translation_key for row in self.chosen_stories.select_related("story")]
        by_key = {
            story.translation_key: story for story in public.filter(translation_key__in=chosen)
        }
        return [by_key[key] for key in chosen if key in by_key]

    def previous_issue_started_at(self):
        """When the last issue in this language before this one began to go out, if any."""
        earlier = Sending.objects.filter(
            issue__locale_id=self.locale_id, started_at__isnull=False
        ).exclude(issue=self)
        return earlier.order_by("-started_at").values_list("started_at", flat=True).first()

    preview_modes = [("", _("Email")), ("text", _("Plain text"))]

    def serve_preview(self, request, mode_name):
        """The email as a subscriber named after the editor would receive it."""
        rendered = render_issue(self)
        fields = preview_fields(self, request.user)
        if mode_name == "text":
            return HttpResponse(
                personalise(rendered.text, fields), content_type="text/plain; charset=utf-8"
            )
        response = HttpResponse(personalise(rendered.html, fields))
        # An email's styles are inline by necessity: the site's Content-Security-Policy, made
        # for its own pages, does not apply to this rendering of one.
        response._csp_exempt = True
        return response


class ChosenStory(Orderable):
    issue = ParentalKey(NewsletterIssue, on_delete=models.CASCADE, related_name="chosen_stories")
    story = models.ForeignKey(
        NewsStoryPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )

    panels = [FieldPanel("story")]

    class Meta(Orderable.Meta):
        verbose_name = _("chosen story")
        verbose_name_plural = _("chosen stories")


class SendingQuerySet(models.QuerySet):
    def due(self, now):
        """Scheduled sendings whose time has come (and that were not handed to a worker
        moments ago), and sendings under way that stopped making progress: their worker
        died, and nothing resumed them."""
        not_handed_over = Q(resume_after__isnull=True) | Q(resume_after__lte=now)
        return self.filter(
            Q(status=Sending.Status.SCHEDULED, send_at__lte=now) & not_handed_over
            | Q(status=Sending.Status.SENDING, resume_after__lte=now)
        )


class Sending(models.Model):
    """The one sending of an issue: when, by whom, what exactly went out, and how far it got.

    At its start the issue is rendered once and the result kept here, so that every chunk,
    and a chunk sent again after a crash, carries the same email."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    issue = models.OneToOneField(
        NewsletterIssue,
        on_delete=models.CASCADE,
        related_name="sending",
        verbose_name=_("issue"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SCHEDULED)
    send_at = models.DateTimeField(_("send at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    started_at = models.DateTimeField(_("started on"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)
    resume_after = models.DateTimeField(
        _("resume after"),
        null=True,
        blank=True,
        help_text=_("If the sending has made no progress by then, its worker is presumed dead."),
    )
    subject = models.CharField(_("subject sent"), max_length=150, blank=True)
    html = models.TextField(_("HTML sent"), blank=True)
    text = models.TextField(_("plain text sent"), blank=True)

    objects = SendingQuerySet.as_manager()

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")

    def __str__(self):
        return str(self.issue)

    @property
    def is_under_way(self):
        return self.status in (self.Status.SCHEDULED, self.Status.SENDING)

    @property
    def is_scheduled(self):
        return self.status == self.Status.SCHEDULED

    @property
    def may_be_cancelled(self):
        """Only a sending that has not started can be called off (`cancel`)."""
        return self.is_scheduled

    @property
    def failures_may_be_retried(self):
        """Failed deliveries are queued again once the sending is over, never while it runs
        or after it was cancelled (sending.retry_failed)."""
        return self.status == self.Status.SENT

    def counts(self):
        """Deliveries per status and per provider's report, for the progress view."""
        statuses = dict(
            Delivery.objects.filter(issue_id=self.issue_id)
            .values_list("status")
            .annotate(Count("pk"))
            .order_by()
        )
        feedback = dict(
            Delivery.objects.filter(issue_id=self.issue_id)
            .exclude(feedback="")
            .values_list("feedback")
            .annotate(Count("pk"))
            .order_by()
        )
        return {
            **{status: statuses.get(status, 0) for status in Delivery.Status.values},
            **{kind: feedback.get(kind, 0) for kind in Delivery.Feedback.values},
        }

    def cancel(self):
        """Call the sending off if it `may_be_cancelled`, in one statement, so that a worker
        starting it at the same moment wins or loses cleanly."""
        cancelled = Sending.objects.filter(pk=self.pk, status=self.Status.SCHEDULED).update(
            status=self.Status.CANCELLED, finished_at=timezone.now()
        )
        self.refresh_from_db()
        return bool(cancelled)


class Delivery(models.Model):
    """One issue for one subscriber: queued, then sent, failed or skipped, exactly once.

    The unique constraint makes a second row for the same pair impossible, however often
    the queue is filled; the sending code moves a row out of "queued" only in the
    transaction that records what the provider answered (see sending.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped: no longer subscribed")

    class Feedback(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    issue = models.ForeignKey(
        NewsletterIssue,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("issue"),
    )
    # Kept, without the person, when a subscriber is deleted: the issue's figures stay true.
    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    message_id = models.CharField(_("provider's message id"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    feedback = models.CharField(_("provider's report"), max_length=20, choices=Feedback, blank=True)
    feedback_at = models.DateTimeField(_("reported on"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletters_one_delivery_per_subscriber"
            ),
        ]
        indexes = [
            # The sending's next chunk: the issue's queued rows in order.
            models.Index(fields=["issue", "status", "id"], name="newsletters_delivery_queue"),
            models.Index(fields=["message_id"], name="newsletters_delivery_message"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber or _('deleted subscriber')}"


class TrackingEvent(models.Model):
    """A provider's report that stops mail to an address, kept once per event id so that a
    replayed webhook changes nothing."""

    esp_name = models.CharField(_("provider"), max_length=40)
    event_id = models.CharField(_("event id"), max_length=255)
    event_type = models.CharField(_("event"), max_length=20)
    suppresses_as = models.CharField(_("suppresses as"), max_length=20, choices=Delivery.Feedback)
    recipient = models.EmailField(_("recipient"), blank=True)
    message_id = models.CharField(_("provider's message id"), max_length=255, blank=True)
    metadata_issue = models.CharField(_("issue named in the metadata"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    occurred_at = models.DateTimeField(_("occurred on"))
    received_at = models.DateTimeField(_("received on"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("provider report")
        verbose_name_plural = _("provider reports")
        constraints = [
            models.UniqueConstraint(
                fields=["esp_name", "event_id"], name="newsletters_one_row_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.esp_name} {self.event_type} {self.recipient}"

    def apply(self):
        """Stop mail to the address, and note the report on the delivery it is about. Once:
        a second run finds the report processed and does nothing."""
        with transaction.atomic():
            event = TrackingEvent.objects.select_for_update().get(pk=self.pk)
            if event.processed_at is not None:
                return
            subscriber = Subscriber.objects.with_email(event.recipient).select_for_update().first()
            if subscriber is not None:
                subscriber.suppress(event.suppresses_as, reported_at=event.occurred_at)
                event.deliveries_reported(subscriber).filter(feedback="").update(
                    feedback=event.suppresses_as, feedback_at=event.occurred_at
                )
            event.processed_at = timezone.now()
            event.save(update_fields=["processed_at"])

    def deliveries_reported(self, subscriber):
        """The subscriber's deliveries this report is about: by the provider's message id,
        or by the issue its metadata names. None for mail that was not a newsletter (the
        subscriber's address still stops receiving)."""
        about = Q()
        if self.message_id:
            about |= Q(message_id=self.message_id)
        if self.metadata_issue:
            about |= Q(issue_id=int(self.metadata_issue))
        if not about:
            return Delivery.objects.none()
        return Delivery.objects.filter(about, subscriber=subscriber)
