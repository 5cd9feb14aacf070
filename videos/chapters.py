"""A video's shot list as chapters: for players (a WebVTT chapters track) and for search
engines (schema.org clips). A row whose timecode cannot be read is left out rather than
guessed at."""

import hashlib
import re
from dataclasses import dataclass

from django.urls import reverse

TIMECODE = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?\s*$")


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str

    @property
    def clock(self):
        """The start as a clock reads it: 0:05, 12:05, 1:02:09."""
        minutes, seconds = divmod(int(self.start), 60)
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


def seconds_of(timecode):
    """Seconds from "HH:MM:SS", "MM:SS" or either with milliseconds; None if unreadable."""
    found = TIMECODE.match(str(timecode or ""))
    if not found:
        return None
    hours, minutes, seconds, fraction = found.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction or 0) / 1000


def chapters(video):
    """The readable shot-list rows in time order, each lasting until the next one starts,
    the last until the video ends. Rows at or past the end of the video are left out."""
    rows = []
    for shot in video.shot_list or []:
        start = seconds_of(shot.get("timecode")) if isinstance(shot, dict) else None
        title = " ".join(str(shot.get("description", "")).split()) if start is not None else ""
        if start is not None and title:
            rows.append((start, title))
    rows.sort(key=lambda row: row[0])
    duration = video.duration or 0
    if duration:
        rows = [row for row in rows if row[0] < duration]
    found = []
    for number, (start, title) in enumerate(rows):
        end = rows[number + 1][0] if number + 1 < len(rows) else max(duration, start + 1)
        if end > start:
            found.append(Chapter(start, end, title))
    return found


def webvtt_time(seconds):
    milliseconds = round(seconds * 1000)
    hours, milliseconds = divmod(milliseconds, 3_600_000)
    minutes, milliseconds = divmod(milliseconds, 60_000)
    seconds, milliseconds = divmod(milliseconds, 1000)
    return f"{hours:02}:{minutes:02}:{seconds:02}.{milliseconds:03}"


def chapters_webvtt(video):
    """A WebVTT file of kind "chapters". A cue's text cannot hold "-->" nor a blank line, so
    the titles (one line each) have the arrow's dashes spaced out."""
    cues = [
        f"{number}\n{webvtt_time(chapter.start)} --> {webvtt_time(chapter.end)}\n"
        f"{chapter.title.replace('-->', '- ->')}\n"
        for number, chapter in enumerate(chapters(video), start=1)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def chapters_file_name(video):
    """Named after its content, so that a cache never serves an old shot list."""
    digest = hashlib.sha256(chapters_webvtt(video).encode()).hexdigest()[:16]
    return f"chapters-{digest}.vtt"


def chapters_url(video):
    """The chapters track's address, or "" for a video with no readable shot list."""
    if not chapters(video):
        return ""
    return reverse("video_chapters", args=[video.pk, chapters_file_name(video)])
