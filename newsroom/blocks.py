"""The blocks of a story's body. Each block carries its own template, icon and checks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from videos.blocks import VideoChooserBlock
from videos.models import Video

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class OptionalCharBlock(blocks.CharBlock):
    """An optional line of text whose empty value is always "", never None.

    wagtail-localize cannot extract translatable segments from a CharBlock inside a
    StructBlock whose value is None (as stored when the field was missing or null), so an
    empty optional field must read as an empty string."""

    def __init__(self, **kwargs):
        super().__init__(required=False, default="", **kwargs)

    def to_python(self, value):
        return "" if value is None else super().to_python(value)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200)
    role = OptionalCharBlock(label=_("Speaker's role"), max_length=200)
    context = OptionalCharBlock(
        label=_("Context"),
        max_length=300,
        help_text=_("Where or when it was said, for example “at a press conference”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation with its speaker")
        template = "newsroom/blocks/quote.html"
        preview_value = {
            "text": _(
                "Following the submission of the ratification documents, I now count on a "
                "speedy ratification by the Turkish parliament."
            ),
            "speaker": "Jens Stoltenberg",
            "role": _("NATO Secretary General"),
            "context": _("at a press conference"),
        }


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video"))
    caption = OptionalCharBlock(label=_("Caption"), max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A video from the library, played from its web preview")
        template = "newsroom/blocks/video.html"

    def get_preview_value(self):
        """The library's newest playable video, as the block picker's example."""
        video = Video.objects.playable().order_by("-created_at").first()
        return self.normalize({"video": video, "caption": ""})


class ImageValue(blocks.StructValue):
    def alt_text(self):
        return self.get("caption") or self["image"].default_alt_text


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = OptionalCharBlock(label=_("Caption"), max_length=300)
    credit = OptionalCharBlock(label=_("Credit"), max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("A photograph or graphic with its caption and credit")
        template = "newsroom/blocks/image.html"
        value_class = ImageValue

    def get_preview_value(self):
        """The library's newest image, as the block picker's example."""
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize({"image": image, "caption": image.title if image else ""})


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="newsroom/blocks/paragraph.html",
        description=_("Text with subheadings, links and lists"),
        preview_value=_(
            "<h2>Sweden’s accession</h2><p>The Secretary General welcomed the decision to "
            "submit the accession protocol to the Grand National Assembly.</p>"
        ),
    )
    quote = QuoteBlock()
    video = VideoBlock()
    image = ImageBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a post or video on another site, shown in place."),
        icon="code",
        template="newsroom/blocks/embed.html",
        description=_("A post or video from another site, shown in place"),
        # Rendering a real embed would fetch it from the other site on every preview.
        preview_template="newsroom/blocks/previews/embed.html",
    )
