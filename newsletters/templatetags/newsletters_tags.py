from django import template

from ..subscriptions import subscription_of as find_subscription_of

register = template.Library()


@register.simple_tag
def subscription_of(user):
    """For the sections of the account and welcome pages that newsletters owns."""
    return find_subscription_of(user)
