"""The admin's video form (wagtailmedia's MEDIA_FORM_BASE): the upload limit, the shot list
as plain lines, and one WebVTT caption file per language."""

import logging
import os
import re

from django import forms
from django.conf import settings
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput
from wagtailmedia.forms import BaseMediaForm

from .models import CaptionTrack

logger = logging.getLogger(__name__)
SHOT_LINE = re.compile(r"^\s*(?P<timecode>\d{1,2}:\d{2}:\d{2}(?:[.:]\d{1,3})?)\s+(?P<text>\S.*)$")
MAX_CAPTION_BYTES = 1024 * 1024


def parse_shot_list(text):
    """`00:00:05 Description` per line, as news agencies send shot lists, into rows."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = SHOT_LINE.match(line)
        if match is None:
            errors.append(number)
            continue
        rows.append({"timecode": match["timecode"], "description": match["text"].strip()})
    if errors:
        raise forms.ValidationError(
            _(
                "Line %(lines)s should start with a timecode such as 00:01:05, then the "
                "description."
            ),
            params={"lines": ", ".join(str(number) for number in errors)},
            code="shot_list",
        )
    return rows


def format_shot_list(rows):
    return "\n".join(f"{row['timecode']} {row['description']}" for row in rows)


def validate_webvtt(upload):
    if upload.size > MAX_CAPTION_BYTES:
        raise forms.ValidationError(
            _("A caption file may be at most %(limit)s."),
            params={"limit": filesizeformat(MAX_CAPTION_BYTES)},
        )
    head = upload.read(16)
    upload.seek(0)
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise forms.ValidationError(
            _(
                "This is not a WebVTT file: its first line must be “WEBVTT”. Export the captions "
                "as .vtt and upload them again."
            )
        )


class VideoForm(BaseMediaForm):
    shot_list_text = forms.CharField(
        label=_("Shot list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One shot per line: a timecode, a space, then the description."),
    )

    class Meta(BaseMediaForm.Meta):
        widgets = {**BaseMediaForm.Meta.widgets, "recorded_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_files, self.stored_captions = [], {}
        limit = filesizeformat(settings.VIDEO_MAX_UPLOAD_BYTES)
        if "file" in self.fields:
            self.fields["file"].help_text = _(
                "The broadcast master. Files up to %(limit)s are accepted."
            ) % {"limit": limit}
        self.fields["shot_list_text"].initial = format_shot_list(self.instance.shot_list or [])
        existing = (
            {track.language: track for track in self.instance.captions.all()}
            if self.instance.pk
            else {}
        )
        for code, name in settings.LANGUAGES:
            self.fields[f"captions_{code}"] = forms.FileField(
                label=_("Captions (%(language)s)") % {"language": name},
                required=False,
                validators=[validate_webvtt],
                widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"}),
                help_text=(
                    _("Current file: %(file)s. Uploading a file replaces it.")
                    % {"file": os.path.basename(existing[code].file.name)}
                    if code in existing
                    else _("A WebVTT (.vtt) file.")
                ),
            )
            if code in existing:
                self.fields[f"remove_captions_{code}"] = forms.BooleanField(
                    label=_("Remove the %(language)s captions") % {"language": name},
                    required=False,
                )

    def clean_file(self):
        master = self.cleaned_data.get("file")
        if master and getattr(master, "size", 0) > settings.VIDEO_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("This file is %(size)s; the largest master accepted is %(limit)s."),
                params={
                    "size": filesizeformat(master.size),
                    "limit": filesizeformat(settings.VIDEO_MAX_UPLOAD_BYTES),
                },
            )
        return master

    def clean_shot_list_text(self):
        return parse_shot_list(self.cleaned_data["shot_list_text"])

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            self.store_uploads()

    def store_uploads(self):
        """Files go to storage while the form is checked rather than as the video is saved: a
        store that cannot be reached is then a form error the editor can act on, with no video
        saved and no file left behind, instead of a failure halfway through saving."""
        try:
            for name in ("file", "thumbnail", "preview"):
                upload = getattr(self.instance, name)
                if name in self.fields and upload and not upload._committed:
                    upload.save(upload.name, upload.file, save=False)
                    self.stored_files.append((upload.storage, upload.name))
            captions = CaptionTrack._meta.get_field("file")
            stem = slugify(self.cleaned_data.get("title", ""))[:60] or "video"
            for code, _name in settings.LANGUAGES:
                upload = self.cleaned_data.get(f"captions_{code}")
                if upload:
                    name = captions.generate_filename(None, f"{stem}-{code}.vtt")
                    self.stored_captions[code] = captions.storage.save(name, upload)
                    self.stored_files.append((captions.storage, self.stored_captions[code]))
        except OSError:
            logger.exception("An upload could not be stored")
            self.discard_stored_uploads()
            self.add_error(
                None,
                _(
                    "The file store could not be reached, so nothing was saved. Please try "
                    "again in a few minutes."
                ),
            )

    def discard_stored_uploads(self):
        for storage, name in self.stored_files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("The unused upload %s could not be deleted", name)
        self.stored_files = []

    def save(self, commit=True):
        self.instance.shot_list = self.cleaned_data["shot_list_text"]
        if not commit:
            return super().save(commit=False)
        try:
            with transaction.atomic():
                video = super().save()
                replaced = self.save_captions(video)
        except Exception:
            # Nothing was saved: the files stored for this form would belong to nothing.
            self.discard_stored_uploads()
            raise
        self.stored_files = []
        for old_file in replaced:
            try:
                old_file.delete(save=False)
            except OSError:
                logger.warning("The replaced file %s could not be deleted", old_file.name)
        return video

    def save_captions(self, video):
        """Records the new caption files; returns the files they replace."""
        replaced = []
        for code, _name in settings.LANGUAGES:
            if code in self.stored_captions:
                track = video.captions.filter(language=code).first()
                if track is not None and track.file:
                    replaced.append(track.file)
                CaptionTrack.objects.update_or_create(
                    video=video, language=code, defaults={"file": self.stored_captions[code]}
                )
            elif self.cleaned_data.get(f"remove_captions_{code}"):
                video.captions.filter(language=code).delete()
        return replaced
