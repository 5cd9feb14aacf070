"""How fast an uploaded master is processed, as a multiple of real time: a 1080p test clip
through the whole pipeline (probe, checksum, poster, 720p preview)."""

import tempfile
import time
from pathlib import Path

from benchmarks.environment import setup_django
from benchmarks.report import report

CLIP_SECONDS = 6


def processing_speed(seconds=CLIP_SECONDS, width=1920, height=1080):
    from django.core.files.base import ContentFile

    from videos.models import Video
    from videos.processing import process_video
    from videos.test_pattern import render_test_pattern

    with tempfile.TemporaryDirectory() as folder:
        master = Path(folder) / "master.mp4"
        render_test_pattern(str(master), seconds=seconds, width=width, height=height)
        video = Video(title="Benchmark master")
        video.file.save("benchmark-master.mp4", ContentFile(master.read_bytes()), save=False)
        Video.objects.bulk_create([video])  # no post-save processing: it is timed below
    video = Video.objects.get(title="Benchmark master")
    started = time.perf_counter()
    process_video(video)
    elapsed = time.perf_counter() - started
    if video.status != Video.Status.READY:
        raise RuntimeError(f"processing failed: {video.failure_reason}")
    return video.duration / elapsed


def main():
    setup_django()
    report("preview_transcode_x_realtime_1080p", processing_speed())


if __name__ == "__main__":
    main()
