"""The demo clip's details, as an editor would enter them: captions in both languages, a shot
list and a transcript. The clip itself is a generated test pattern (videos/test_pattern.py)."""

import datetime

TITLE = "Newsroom test pattern"
CAPTION = "Demo clip: colour bars and a 1 kHz test tone."

DETAILS = {
    "title": TITLE,
    "description": CAPTION,
    "credit": "Newsroom",
    "copyright": "© Newsroom. Free of charge for editorial use.",
    "usage_terms": "Free of charge for editorial use in news and current affairs. Credit "
    "“Newsroom”. Not for advertising.",
    "location": "Brussels, Belgium",
    "recorded_on": datetime.date(2026, 11, 1),
    "transcript": "[A 1 kHz tone plays over colour bars for four seconds.]",
    "shot_list": [
        {"timecode": "00:00:00", "description": "Colour bars with a moving marker, 1 kHz tone."},
        {"timecode": "00:00:02", "description": "The marker crosses the centre of the frame."},
    ],
}

CAPTIONS = {
    "en": "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n[1 kHz test tone]\n",
    "fr": "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n[Tonalité d’essai à 1 kHz]\n",
}
