"""What the newsletter holds about a person, for their "Download my data" export."""

from .models import Delivery
from .subscriptions import subscription_of


def newsletter_subscription_of(user):
    subscriber = subscription_of(user)
    if subscriber is None:
        return {"newsletter_subscription": None}
    return {
        "newsletter_subscription": {
            "email": subscriber.email,
            "name": subscriber.name,
            "language": subscriber.language,
            "status": subscriber.status,
            "topics": sorted(subscriber.topics.values_list("name", flat=True)),
            "subscribed_at": subscriber.created_at.isoformat(),
            "confirmed_at": subscriber.confirmed_at.isoformat()
            if subscriber.confirmed_at
            else None,
            "newsletters_received": subscriber.deliveries.filter(
                status=Delivery.Status.SENT
            ).count(),
        }
    }
