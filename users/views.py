from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .access import terms_to_accept
from .account import delete_account, personal_data
from .forms import AcceptTermsForm, DeleteAccountForm, ProfileForm
from .return_to import local_url, return_to


class WelcomeView(LoginRequiredMixin, TemplateView):
    """After verifying: the seed's "You have successfully created your account", what other
    apps offer a new account (the newsletter: ACCOUNT_WELCOME_SECTIONS), and the way back
    to the page the visitor was on."""

    template_name = "users/welcome.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "return_to": return_to(self.request),
            "sections": settings.ACCOUNT_WELCOME_SECTIONS,
        }


class AccountView(LoginRequiredMixin, TemplateView):
    template_name = "users/account.html"

    def get_context_data(self, **kwargs):
        return {
            "profile_form": ProfileForm(instance=self.request.user),
            "delete_form": DeleteAccountForm(self.request.user),
            "sections": settings.ACCOUNT_PAGE_SECTIONS,
            **kwargs,
        }

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your details have been saved."))
            return redirect("account_profile")
        return self.render_to_response(self.get_context_data(profile_form=form), status=400)


class DeleteAccountView(LoginRequiredMixin, TemplateView):
    template_name = "users/account.html"
    http_method_names = ["post"]

    def post(self, request):
        form = DeleteAccountForm(request.user, request.POST)
        if not form.is_valid():
            context = {
                "profile_form": ProfileForm(instance=request.user),
                "delete_form": form,
                "sections": settings.ACCOUNT_PAGE_SECTIONS,
            }
            return self.render_to_response(context, status=400)
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")


@login_required
def download_my_data(request):
    response = JsonResponse(personal_data(request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


class AcceptTermsView(LoginRequiredMixin, TemplateView):
    """Before a download: the current terms of use, accepted once per version. The visitor
    then goes on to `next`, the download they asked for."""

    template_name = "users/accept_terms.html"

    def next_url(self):
        return local_url(self.request, "next")

    def get(self, request):
        terms = terms_to_accept(request.user)
        if terms is None:
            return redirect(self.next_url() or "account_profile")
        context = {"terms": terms, "form": AcceptTermsForm(), "next": self.next_url()}
        return self.render_to_response(context)

    def post(self, request):
        terms = terms_to_accept(request.user)
        form = AcceptTermsForm(request.POST)
        if terms is not None:
            if not form.is_valid():
                context = {"terms": terms, "form": form, "next": self.next_url()}
                return self.render_to_response(context, status=400)
            request.user.accept_terms(terms)
        return redirect(self.next_url() or "account_profile")
