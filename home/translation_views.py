"""The translator's admin views: the "To translate" list and "Submit for review"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_localize.models import Translation

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
