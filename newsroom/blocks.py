"""The blocks of a story's body. Each block carries its own template, icon and checks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import VideoChooserBlock

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class QuoteValue(blocks.StructValue):
    def attribution(self):
        return ", ".join(part for part in (self.get("speaker"), self.get("role")) if part)


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200)
    role = blocks.CharBlock(label=_("Speaker's role"), max_length=200, required=False)
    context = blocks.CharBlock(
        label=_("Context"),
        max_length=300,
        required=False,
        help_text=_("Where or when it was said, for example “at a press conference”."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        description = _("A quotation with its speaker")
        template = "newsroom/blocks/quote.html"
        value_class = QuoteValue


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("Video"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        description = _("A video from the library, played from its web preview")
        template = "newsroom/blocks/video.html"


class ImageValue(blocks.StructValue):
    def alt_text(self):
        return self.get("caption") or self["image"].default_alt_text


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)
    credit = blocks.CharBlock(label=_("Credit"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        description = _("A photograph or graphic with its caption and credit")
        template = "newsroom/blocks/image.html"
        value_class = ImageValue


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="newsroom/blocks/paragraph.html",
    )
    quote = QuoteBlock()
    video = VideoBlock()
    image = ImageBlock()
    embed = EmbedBlock(
        label=_("Embed"),
        help_text=_("A link to a post or video on another site, shown in place."),
        icon="code",
        template="newsroom/blocks/embed.html",
    )
