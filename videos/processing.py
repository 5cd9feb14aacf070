"""Everything made from a broadcast master: its metadata, checksum, poster and web preview.

PyAV reads and writes the video; its wheel carries FFmpeg, so nothing else is installed. A file
FFmpeg cannot read ends the video in "failed" with the reason, never in an exception that a
worker would retry for ever.
"""

import hashlib
import io
import logging
import tempfile
from fractions import Fraction
from pathlib import Path

import av
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _

from .models import Video

logger = logging.getLogger(__name__)

PREVIEW_MAX_HEIGHT = 720
PREVIEW_CRF = "23"
PREVIEW_AUDIO_RATE = 48000
POSTER_AT_SECONDS = 1.0
CHUNK_BYTES = 1024 * 1024


class ProcessingError(Exception):
    """The master cannot be processed; the message says why, for the editor."""


def process_video(video):
    """Probe, checksum, poster and preview, saving progress as it goes.

    The poster and the preview are stored only once both are made, just before the row that
    names them: a worker killed in the middle (its task is then run again) leaves no file
    behind that nothing points to."""
    video.status, video.progress, video.failure_reason = Video.Status.PROCESSING, 0, ""
    video.save(update_fields=["status", "progress", "failure_reason"])
    made = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            master = Path(folder) / "master"
            video.sha256, video.file_size = _copy_and_hash(video, master)
            _probe(video, master)
            poster = _poster(master)
            preview = Path(folder) / "preview.mp4"
            _transcode_preview(video, master, preview)
            video.thumbnail.save(f"{_stem(video)}.jpg", ContentFile(poster), save=False)
            made.append(video.thumbnail.name)
            with preview.open("rb") as made_preview:
                video.preview.save(f"{_stem(video)}.mp4", File(made_preview), save=False)
    except ProcessingError as problem:
        _fail(video, str(problem), made)
        return video
    except ConnectionError as problem:
        logger.warning("Video %s could not be processed: %s", video.pk, problem)
        _fail(
            video,
            _(
                "The file store could not be reached, so the video was not processed. Process "
                "it again in a few minutes."
            ),
            made,
        )
        return video
    except (av.FFmpegError, OSError, ValueError) as problem:
        logger.warning("Video %s could not be processed: %s", video.pk, problem)
        _fail(
            video,
            _("This file could not be read as a video (%(detail)s).") % {"detail": problem},
            made,
        )
        return video
    video.status, video.progress = Video.Status.READY, 100
    video.save()
    return video


def _fail(video, reason, made):
    """The video keeps the poster and preview it had; files made before the failure go."""
    video.status, video.failure_reason = Video.Status.FAILED, reason
    video.save(update_fields=["status", "failure_reason"])
    video.refresh_from_db(fields=["thumbnail", "preview"])
    for name in made:
        try:
            video.thumbnail.storage.delete(name)
        except OSError:
            logger.warning("The unused file %s could not be deleted", name)


def _stem(video):
    return Path(video.file.name).stem[:80] or f"video-{video.pk}"


def _copy_and_hash(video, destination):
    """A local copy of the master (storage may be remote) and its SHA-256, in constant memory."""
    digest, size = hashlib.sha256(), 0
    with video.file.open("rb") as source, destination.open("wb") as copy:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            copy.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _probe(video, master):
    with av.open(str(master)) as container:
        streams = container.streams
        if not streams.video:
            raise ProcessingError(_("This file has no video picture. Upload a video file."))
        picture = streams.video[0]
        video.width, video.height = picture.codec_context.width, picture.codec_context.height
        video.frame_rate = float(picture.average_rate) if picture.average_rate else None
        video.video_codec = picture.codec_context.name
        video.audio_codec = streams.audio[0].codec_context.name if streams.audio else ""
        video.bitrate = container.bit_rate or None
        seconds = container.duration / av.time_base if container.duration else None
        if seconds is None and picture.duration and picture.time_base:
            seconds = float(picture.duration * picture.time_base)
        video.duration = round(seconds or 0, 3)


def _poster(master):
    """A JPEG of the frame about a second in (or the first frame of a shorter clip)."""
    with av.open(str(master)) as container:
        stream = container.streams.video[0]
        chosen = None
        for frame in container.decode(stream):
            chosen = frame
            if frame.time is not None and frame.time >= POSTER_AT_SECONDS:
                break
        if chosen is None:
            raise ProcessingError(_("This video has no picture to show."))
        buffer = io.BytesIO()
        chosen.to_image().save(buffer, format="JPEG", quality=85)
        return buffer.getvalue()


def preview_size(width, height):
    """The size of the web preview made from a master of `width` × `height`."""
    if height <= PREVIEW_MAX_HEIGHT:
        return width - width % 2, height - height % 2
    scaled_width = round(width * PREVIEW_MAX_HEIGHT / height)
    return scaled_width - scaled_width % 2, PREVIEW_MAX_HEIGHT


def _transcode_preview(video, master, destination):
    """H.264/AAC MP4, at most 720 lines, with the index at the front (faststart) so that
    browsers start playing before the whole file has arrived."""
    width, height = preview_size(video.width, video.height)
    with (
        av.open(str(master)) as source,
        av.open(
            str(destination), mode="w", format="mp4", options={"movflags": "+faststart"}
        ) as output,
    ):
        source_video = source.streams.video[0]
        rate = source_video.average_rate or Fraction(25)
        picture = output.add_stream("libx264", rate=rate)
        picture.width, picture.height, picture.pix_fmt = width, height, "yuv420p"
        picture.options = {"preset": "veryfast", "crf": PREVIEW_CRF}
        sound = None
        source_audio = source.streams.audio[0] if source.streams.audio else None
        if source_audio is not None:
            sound = output.add_stream("aac", rate=PREVIEW_AUDIO_RATE, layout="stereo")
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=PREVIEW_AUDIO_RATE)
        total = (video.duration or 0) or None
        # Each frame is numbered as it is written (pictures at the preview's rate, sound by
        # its samples): the encoder cannot number frames given none, and the muxer refuses
        # them at the source's second keyframe.
        pictures = samples = 0
        for packet in source.demux(*[s for s in (source_video, source_audio) if s is not None]):
            for frame in packet.decode():
                if packet.stream.type == "video":
                    frame = frame.reformat(width=width, height=height, format="yuv420p")
                    frame.pts, frame.time_base = pictures, 1 / rate
                    pictures += 1
                    output.mux(picture.encode(frame))
                    _report_progress(
                        video, frame_time=packet.pts, base=packet.time_base, total=total
                    )
                else:
                    for resampled in resampler.resample(frame):
                        resampled.pts, resampled.time_base = (
                            samples,
                            Fraction(1, PREVIEW_AUDIO_RATE),
                        )
                        samples += resampled.samples
                        output.mux(sound.encode(resampled))
        output.mux(picture.encode())
        if sound is not None:
            output.mux(sound.encode())


def _report_progress(video, *, frame_time, base, total):
    if not total or frame_time is None:
        return
    percent = min(99, int(float(frame_time * base) / total * 100))
    if percent >= video.progress + 10:
        video.progress = percent
        Video.objects.filter(pk=video.pk).update(progress=percent)
