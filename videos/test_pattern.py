"""A generated test clip: colour bars with a moving sweep, a clock and a 1 kHz tone.

PyAV's wheel carries FFmpeg, so the demo and the tests can make real H.264/AAC video on any
machine without downloading media.
"""

import math
from fractions import Fraction

import av
from PIL import Image, ImageDraw

BARS = [
    (192, 192, 192),
    (192, 192, 0),
    (0, 192, 192),
    (0, 192, 0),
    (192, 0, 192),
    (192, 0, 0),
    (0, 0, 192),
]
TONE_HZ = 1000
SAMPLE_RATE = 48000


def _frame_image(index, fps, width, height, label):
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    bar_width = width / len(BARS)
    for position, colour in enumerate(BARS):
        draw.rectangle(
            [round(position * bar_width), 0, round((position + 1) * bar_width), height * 2 // 3],
            fill=colour,
        )
    draw.rectangle([0, height * 2 // 3, width, height], fill=(16, 16, 32))
    sweep_x = int((index / fps) * width / 2) % width
    draw.rectangle([sweep_x, height * 2 // 3, sweep_x + 8, height], fill=(255, 255, 255))
    seconds = index / fps
    draw.text((16, height * 2 // 3 + 12), label, fill=(255, 255, 255))
    draw.text(
        (16, height - 28), f"{int(seconds // 60):02d}:{seconds % 60:05.2f}", fill=(255, 255, 0)
    )
    return image


def _tone_frame(start_sample, samples):
    pcm = bytearray()
    for n in range(start_sample, start_sample + samples):
        value = int(0.25 * 32767 * math.sin(2 * math.pi * TONE_HZ * n / SAMPLE_RATE))
        pcm += value.to_bytes(2, "little", signed=True)
    frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
    frame.planes[0].update(bytes(pcm))
    frame.sample_rate = SAMPLE_RATE
    frame.pts = start_sample
    frame.time_base = Fraction(1, SAMPLE_RATE)
    return frame


def render_test_pattern(
    output, *, seconds=4, width=640, height=360, fps=25, label="Newsroom test pattern"
):
    """Write an MP4 (H.264 + AAC, moov atom first) to `output`, a path or a binary file."""
    container = av.open(output, mode="w", format="mp4", options={"movflags": "+faststart"})
    video = container.add_stream("libx264", rate=fps)
    video.width, video.height, video.pix_fmt = width, height, "yuv420p"
    video.options = {"preset": "veryfast", "crf": "28"}
    audio = container.add_stream("aac", rate=SAMPLE_RATE, layout="mono")

    for index in range(seconds * fps):
        frame = av.VideoFrame.from_image(_frame_image(index, fps, width, height, label))
        container.mux(video.encode(frame))
    container.mux(video.encode())

    samples_per_frame = 1024
    for start in range(0, seconds * SAMPLE_RATE, samples_per_frame):
        container.mux(audio.encode(_tone_frame(start, samples_per_frame)))
    container.mux(audio.encode())
    container.close()
