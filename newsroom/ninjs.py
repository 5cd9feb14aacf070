"""IPTC ninjs 3.3 (News in JSON) documents of public stories and videos.

The fields an ingest desk reads: identity and versions, headlines, the standfirst and each
video's shot list as descriptions, the body as HTML, topics and people as subjects, the
dateline's place, rights, and renditions of every video and image with what a system needs
to choose one (type, size, dimensions, duration, frame rate, codec). A master's rendition
names the download address: it still asks for a signed-in account with a verified address.
"""

from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.rich_text import RichText

from .delivery import aspect_ratio, master_content_type, rfc3339, start_of
from .renditions import HERO_IMAGE_FILTER

NINJS_VERSION = "3.3"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"
CONTENT_TYPE = "application/json; charset=utf-8"


def standard():
    return {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA}


def story_document(story, batch):
    videos = batch.videos_of(story)
    body = body_html(story, batch)
    document = {
        "uri": batch.ninjs_uri("story", story.pk),
        "standard": standard(),
        "type": "composite" if videos else "text",
        "representationType": "full",
        "version": str(story.live_revision_id),
        "firstCreated": rfc3339(story.first_published_at),
        "versionCreated": rfc3339(story.last_published_at),
        "contentCreated": start_of(story.date),
        "pubStatus": "usable",
        "language": story.locale.language_code,
        "headlines": [{"role": "main", "value": story.title}],
        "descriptions": [
            {"role": "summary", "contentType": "text/plain", "value": story.standfirst},
            *(shot_list_description(video) for video in videos if video.shot_list),
        ],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/html",
                "value": body,
                "charCount": len(strip_tags(body)),
                "wordCount": len(strip_tags(body).split()),
            }
        ],
        "subjects": subjects(story.topic_list, story.people_list, batch),
        "copyrightHolder": settings.WAGTAIL_SITE_NAME,
        "copyrightNotice": copyright_notice(story),
        "usageTerms": gettext("Free of charge for editorial use under the site's terms of use."),
        "infoSources": [info_source(batch)],
        "altIds": [{"role": "translationKey", "value": str(story.translation_key)}],
        "renditions": [
            {"name": "web", "href": batch.story_url(story), "contentType": "text/html"},
            {
                "name": "newsml",
                "href": batch.newsml_uri("story", story.pk),
                "contentType": "application/vnd.iptc.g2.newsitem+xml",
            },
        ],
        "associations": [
            *(
                {**video_document(video, batch), "name": batch.text_of(video).title, "rel": "video"}
                for video in videos
            ),
            *translation_associations(story, batch),
        ],
    }
    if story.place:
        document["located"] = story.place
        document["places"] = [{"name": story.place, "rel": "dateline"}]
    hero = batch.images.get(story.hero_image_id)
    if hero:
        document["associations"].insert(0, image_association(hero, batch, rel="hero"))
    return _without_empty(document)


def video_document(video, batch):
    stories = batch.stories_showing.get(video.pk, [])
    topics = {topic.pk: topic for story in stories for topic in story.topic_list}
    people = {person.pk: person for story in stories for person in story.people_list}
    text = batch.text_of(video)
    document = {
        "uri": batch.ninjs_uri("video", video.pk),
        "standard": standard(),
        "type": "video",
        "representationType": "full",
        "version": video.sha256[:16] or str(video.pk),
        "firstCreated": rfc3339(video.created_at),
        "versionCreated": rfc3339(video.created_at),
        "pubStatus": "usable",
        "language": text.language_code,
        "headlines": [{"role": "main", "value": text.title}],
        "descriptions": [
            *(
                [{"role": "summary", "contentType": "text/plain", "value": text.description}]
                if text.description
                else []
            ),
            *([shot_list_description(video)] if video.shot_list else []),
        ],
        "bodies": (
            [{"role": "transcript", "contentType": "text/plain", "value": text.transcript}]
            if text.transcript
            else []
        ),
        "subjects": subjects(
            sorted(topics.values(), key=lambda topic: topic.name.casefold()),
            sorted(people.values(), key=lambda person: person.name),
            batch,
        ),
        "copyrightNotice": video.copyright,
        "usageTerms": video.usage_terms
        or gettext("Free of charge for editorial use under the site's terms of use."),
        "by": video.credit,
        "infoSources": [info_source(batch)],
        "renditions": video_renditions(video, batch),
    }
    if video.recorded_on:
        document["contentCreated"] = start_of(video.recorded_on)
    if video.location:
        document["located"] = video.location
        document["places"] = [{"name": video.location, "rel": "recorded"}]
    return _without_empty(document)


def shot_list_description(video):
    lines = "\n".join(f"{row['timecode']} {row['description']}" for row in video.shot_list)
    return {"role": "shotlist", "contentType": "text/plain", "value": lines}


def caption_resources(video):
    return [
        {
            "role": "subtitles",
            "language": track.language,
            "contentType": "text/vtt",
            "title": track.get_language_display(),
        }
        for track in video.captions.all()
    ]


def video_renditions(video, batch):
    captions = caption_resources(video)
    common = {
        "duration": video.duration,
        "frameRate": video.frame_rate,
        "aspectRatio": aspect_ratio(video.width, video.height),
    }
    renditions = [
        {
            "name": "preview",
            "title": gettext("Web preview"),
            "href": batch.absolute(video.preview_url),
            "contentType": "video/mp4",
            "videoCodec": "h264",
            "resources": captions,
            **common,
        },
        {
            "name": "original",
            "title": gettext(
                "Broadcast quality: download with an account whose email address is verified"
            ),
            "href": batch.download_url(video),
            "contentType": master_content_type(video),
            "sizeInBytes": video.file_size,
            "width": video.width,
            "height": video.height,
            "videoCodec": video.video_codec,
            "bitrate": f"{round(video.bitrate / 1000)} kbps" if video.bitrate else None,
            "resources": captions,
            **common,
        },
    ]
    if video.poster_url:
        renditions.append(
            {
                "name": "thumbnail",
                "title": gettext("Poster"),
                "href": batch.absolute(video.poster_url),
                "contentType": "image/jpeg",
            }
        )
    renditions.extend(
        {
            "name": f"captions-{track.language}",
            "title": track.get_language_display(),
            "href": batch.absolute(track.url),
            "contentType": "text/vtt",
        }
        for track in video.captions.all()
    )
    page_url = batch.video_page_url(video)
    if page_url:
        renditions.append({"name": "web", "href": page_url, "contentType": "text/html"})
    return [_without_empty(rendition) for rendition in renditions]


def image_rendition(image, batch):
    rendition = image.get_rendition(HERO_IMAGE_FILTER)
    return {
        "name": "web",
        "href": batch.absolute(rendition.url),
        "contentType": "image/webp",
        "width": rendition.width,
        "height": rendition.height,
        "aspectRatio": aspect_ratio(rendition.width, rendition.height),
    }


def image_association(image, batch, *, rel):
    return {
        "uri": batch.absolute(image.get_rendition(HERO_IMAGE_FILTER).url),
        "name": image.title,
        "rel": rel,
        "type": "picture",
        "headlines": [{"role": "main", "value": image.title}],
        "renditions": [_without_empty(image_rendition(image, batch))],
    }


def subjects(topics, people, batch):
    return [
        *(
            {
                "name": topic.name,
                "rel": "topic",
                "literal": topic.slug,
                "uri": batch.stories_about(topic),
            }
            for topic in topics
        ),
        *({"name": person.name, "rel": "person", "literal": str(person.pk)} for person in people),
    ]


def translation_associations(story, batch):
    return [
        {
            "uri": batch.ninjs_uri("story", other.pk, other.locale.language_code),
            "name": other.title,
            "rel": "translation",
            "type": "text",
            "language": other.locale.language_code,
            "headlines": [{"role": "main", "value": other.title}],
        }
        for other in batch.translations.get(story.translation_key, [])
    ]


def info_source(batch):
    return {"name": settings.WAGTAIL_SITE_NAME, "role": "originator", "uri": batch.absolute("/")}


def copyright_notice(story):
    year = (story.first_published_at or story.last_published_at).year
    return f"© {year} {settings.WAGTAIL_SITE_NAME}"


def body_html(story, batch):
    """The story's body as plain HTML for another CMS: paragraphs as written, quotes as
    blockquotes, images and videos as figures with absolute addresses, embeds as links."""
    parts = []
    for block in story.body.raw_data:
        value = block["value"]
        if block["type"] == "paragraph":
            parts.append(RichText(value).__html__())
        elif block["type"] == "quote":
            attribution = ", ".join(
                part for part in (value.get("speaker"), value.get("role")) if part
            )
            parts.append(
                format_html(
                    "<blockquote><p>{}</p><footer>{}</footer></blockquote>",
                    value.get("text", ""),
                    attribution,
                )
            )
        elif block["type"] == "image" and value.get("image") in batch.images:
            rendition = batch.images[value["image"]].get_rendition(HERO_IMAGE_FILTER)
            caption = value.get("caption") or batch.images[value["image"]].default_alt_text
            credit = (
                format_html(" <small>{}</small>", value["credit"]) if value.get("credit") else ""
            )
            parts.append(
                format_html(
                    '<figure><img src="{}" width="{}" height="{}" alt="{}">'
                    "<figcaption>{}{}</figcaption></figure>",
                    batch.absolute(rendition.url),
                    rendition.width,
                    rendition.height,
                    caption,
                    caption,
                    credit,
                )
            )
        elif block["type"] == "video" and value.get("video") in batch.videos:
            video = batch.videos[value["video"]]
            parts.append(
                format_html(
                    '<figure><a href="{}">{}</a><figcaption>{}</figcaption></figure>',
                    batch.video_page_url(video) or batch.absolute(video.preview_url),
                    batch.text_of(video).title,
                    value.get("caption") or batch.text_of(video).title,
                )
            )
        elif block["type"] == "embed" and value:
            parts.append(format_html('<p><a href="{}">{}</a></p>', value, value))
    return mark_safe("\n".join(str(part) for part in parts))


def _without_empty(document):
    """ninjs leaves out what is unknown rather than sending null or an empty list."""
    return {key: value for key, value in document.items() if value not in (None, "", [], {})}
