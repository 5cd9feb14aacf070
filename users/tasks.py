from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(
    autoretry_for=(Exception,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
    acks_late=True,
)
def send_email(message):
    """Send a rendered email; a provider's failure is retried with backoff, not lost."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message.get("headers") or {},
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
    email.send()
