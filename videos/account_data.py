"""What the videos app holds about a person, for their "Download my data" export."""

from .models import Download


def downloads_of(user):
    return {
        "video_downloads": [
            {"video": title, "downloaded_at": when.isoformat(), "size": size}
            for title, when, size in Download.objects.filter(user=user).values_list(
                "video__title", "downloaded_at", "size"
            )
        ]
    }
