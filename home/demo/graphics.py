"""Generated pictures for the demo content, so that it needs no downloads and no licences."""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

PALETTE = [
    ((0, 48, 95), (0, 105, 180)),
    ((90, 20, 30), (179, 38, 30)),
    ((20, 70, 60), (40, 140, 110)),
]


def headline_graphic(headline, *, place="", variant=0, size=(1280, 720)):
    """A JPEG with a colour gradient, the dateline place and the headline."""
    width, height = size
    top, bottom = PALETTE[variant % len(PALETTE)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        ratio = y / height
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    font = ImageFont.load_default(size=56)
    small = ImageFont.load_default(size=32)
    if place:
        draw.text((80, 120), place.upper(), font=small, fill=(255, 255, 255))
    y = 200
    for line in textwrap.wrap(headline, width=36)[:5]:
        draw.text((80, y), line, font=font, fill=(255, 255, 255))
        y += 72
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()
