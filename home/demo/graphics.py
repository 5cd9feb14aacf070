"""Generated pictures for the demo content, so that it needs no downloads and no licences.

They carry no words, so that one picture serves every language of a story."""

import io

from PIL import Image, ImageDraw

PALETTE = [
    ((0, 48, 95), (0, 105, 180)),
    ((90, 20, 30), (179, 38, 30)),
    ((20, 70, 60), (40, 140, 110)),
    ((40, 40, 70), (90, 90, 150)),
]


def headline_graphic(*, variant=0, size=(1280, 720)):
    """A JPEG with a colour gradient and a few soft rings."""
    width, height = size
    top, bottom = PALETTE[variant % len(PALETTE)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        ratio = y / height
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    centre_x, centre_y = width * (0.3 + 0.15 * variant), height * 0.55
    for ring in range(6):
        radius = 90 + ring * 70
        draw.ellipse(
            [centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius],
            outline=(255, 255, 255),
            width=2,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()
