from wagtail.admin.forms import WagtailAdminPageForm


class StoryPageForm(WagtailAdminPageForm):
    def clean_slug(self):
        """A story not yet published whose slug a sibling holds gets the next free one,
        "accession-talks-2", instead of an error on the Promote tab, where the editor writing
        the story is not looking. The sibling is often a draft that Wagtail's autosave kept of
        a story someone started and left."""
        slug = self.cleaned_data["slug"]
        if not slug or self.parent_page is None or self.instance.first_published_at:
            return slug
        siblings = self.parent_page.get_children().exclude(pk=self.instance.pk)
        candidate, number = slug, 1
        while siblings.filter(slug=candidate).exists():
            number += 1
            candidate = f"{slug}-{number}"
        return candidate
