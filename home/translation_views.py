"""The translator's admin views: the "To translate" list and "Submit for review", and two of
wagtail-localize's views kept to those who may publish what they would publish."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, update_translations

from .translation_desk import CannotSubmit, submit_for_review, to_translate


class ToTranslateView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("To translate")
    header_icon = "wagtail-localize-language"
    template_name = "home/admin/to_translate.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "jobs": to_translate(self.request.user)}


@require_POST
def submit_translation_for_review(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    try:
        page = submit_for_review(translation, request.user)
    except CannotSubmit as reason:
        messages.error(request, str(reason))
        return redirect("wagtailadmin_pages:edit", translation.get_target_instance().pk)
    messages.success(
        request,
        _("“%(title)s” in %(language)s has been submitted for review.")
        % {"title": page.title, "language": translation.target_locale.get_display_name()},
    )
    return redirect(reverse("home_to_translate"))


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", for those who may publish the page only:
    an alias of a live original is live at once, holding the original's text."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", whose "Publish immediately" is offered only
    to those who may publish every translation it would publish."""

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations():
            publish = form.fields["publish_translations"]
            publish.disabled, publish.widget = True, forms.HiddenInput()
        return form

    def may_publish_translations(self):
        targets = [
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        ]
        return all(
            target.permissions_for_user(self.request.user).can_publish()
            if isinstance(target, Page)
            else self.request.user.has_perm(
                f"{target._meta.app_label}.publish_{target._meta.model_name}"
            )
            for target in targets
        )
