from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .return_to import return_to


class WelcomeView(LoginRequiredMixin, TemplateView):
    """After verifying: the seed's "You have successfully created your account", the
    newsletter offer, and the way back to the page the visitor was on."""

    template_name = "users/welcome.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "return_to": return_to(self.request),
        }

    def post(self, request):
        request.user.wants_newsletter = True
        request.user.save(update_fields=["wants_newsletter"])
        messages.success(request, _("Thank you: you will receive our newsletter."))
        return redirect("account_welcome")
