from django import template

from users.return_to import return_to

register = template.Library()


@register.simple_tag(takes_context=True)
def return_to_url(context):
    """The page the visitor was on before registering or resetting their password."""
    return return_to(context["request"])
