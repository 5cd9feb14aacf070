"""IPTC NewsML-G2 items of public stories and videos, built with lxml so that every text is
escaped by the serialiser: a `newsItem` per story (its body as HTML) and per video (each file
as `remoteContent` with its size, type, dimensions, duration, frame rate, codec and bitrate),
and a `packageItem` grouping a story with its videos where it holds several."""

from django.conf import settings
from django.utils.translation import gettext
from lxml import etree
from lxml.builder import ElementMaker

from .delivery import master_content_type, rfc3339, start_of
from .ninjs import body_html, copyright_notice

NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"
STANDARD_VERSION = "2.33"
CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"
CONTENT_TYPE = "application/vnd.iptc.g2.newsitem+xml; charset=utf-8"
PACKAGE_CONTENT_TYPE = "application/vnd.iptc.g2.packageitem+xml; charset=utf-8"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

G2 = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})


def _root(tag, guid, version, language, batch):
    return G2(
        tag,
        {
            "guid": guid,
            "version": str(version),
            "standard": "NewsML-G2",
            "standardversion": STANDARD_VERSION,
            "conformance": "power",
            XML_LANG: language,
        },
        G2.catalogRef(href=CATALOG),
        # Codecs are named as FFmpeg (through PyAV) names them, caption files by language.
        G2.catalog(
            G2.scheme(alias="ffcodec", uri="https://ffmpeg.org/ffmpeg-codecs.html#"),
            G2.scheme(alias="nrcaptions", uri=batch.captions_scheme()),
        ),
    )


def _serialised(item):
    return etree.tostring(item, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _rights(holder, notice, terms):
    rights = G2.rightsInfo()
    if holder:
        rights.append(G2.copyrightHolder(G2.name(holder)))
    if notice:
        rights.append(G2.copyrightNotice(notice))
    if terms:
        rights.append(G2.usageTerms(terms))
    return rights


def _item_meta(item_class, first_created, version_created, links):
    meta = G2.itemMeta(
        G2.itemClass(qcode=item_class),
        G2.provider(literal=settings.WAGTAIL_SITE_NAME),
        G2.versionCreated(version_created),
    )
    if first_created:
        meta.append(G2.firstCreated(first_created))
    meta.append(G2.pubStatus(qcode="stat:usable"))
    for attributes in links:
        meta.append(G2.link(**attributes))
    return meta


def _subjects(topics, people, batch):
    for topic in topics:
        yield G2.subject(G2.name(topic.name), type="cpnat:abstract", uri=batch.stories_about(topic))
    for person in people:
        yield G2.subject(G2.name(person.name), type="cpnat:person", literal=f"person-{person.pk}")


def _terms():
    return gettext("Free of charge for editorial use under the site's terms of use.")


def story_links(story, batch):
    links = [{"rel": "irel:seeAlso", "href": batch.story_url(story), "contenttype": "text/html"}]
    links.extend(
        {
            "rel": "irel:seeAlso",
            "href": batch.absolute(other.get_url(batch.request)),
            "hreflang": other.locale.language_code,
            "contenttype": "text/html",
            "title": other.title,
        }
        for other in batch.translations.get(story.translation_key, [])
    )
    return links


def story_item(story, batch):
    language = story.locale.language_code
    item = _root(
        "newsItem", batch.newsml_uri("story", story.pk), story.live_revision_id, language, batch
    )
    item.append(_rights(settings.WAGTAIL_SITE_NAME, copyright_notice(story), _terms()))
    item.append(
        _item_meta(
            "ninat:text",
            rfc3339(story.first_published_at),
            rfc3339(story.last_published_at),
            story_links(story, batch),
        )
    )
    content = G2.contentMeta(G2.contentCreated(start_of(story.date)))
    if story.place:
        content.append(G2.located(G2.name(story.place)))
    content.append(G2.language({"tag": language}))
    content.extend(_subjects(story.topic_list, story.people_list, batch))
    content.append(G2.headline(story.title))
    content.append(G2.description(story.standfirst, role="drol:summary"))
    item.append(content)
    body = str(body_html(story, batch))
    item.append(
        G2.contentSet(
            G2.inlineData(
                body,
                contenttype="text/html",
                wordcount=str(len(etree.HTML(f"<div>{body}</div>").xpath("string()").split())),
            )
        )
    )
    return _serialised(item)


def package_item(story, batch):
    """The story and its videos as one package: a group holding a reference to each item."""
    videos = batch.videos_of(story)
    language = story.locale.language_code
    item = _root(
        "packageItem",
        batch.newsml_uri("package", story.pk),
        story.live_revision_id,
        language,
        batch,
    )
    item.append(_rights(settings.WAGTAIL_SITE_NAME, copyright_notice(story), _terms()))
    item.append(
        _item_meta(
            "ninat:composite",
            rfc3339(story.first_published_at),
            rfc3339(story.last_published_at),
            story_links(story, batch),
        )
    )
    item.append(G2.contentMeta(G2.language({"tag": language}), G2.headline(story.title)))
    group = G2.group(id="main", role="group:main")
    group.append(
        G2.itemRef(
            G2.itemClass(qcode="ninat:text"),
            G2.title(story.title),
            residref=batch.newsml_uri("story", story.pk),
            href=batch.newsml_uri("story", story.pk),
            contenttype="application/vnd.iptc.g2.newsitem+xml",
        )
    )
    for video in videos:
        group.append(
            G2.itemRef(
                G2.itemClass(qcode="ninat:video"),
                G2.title(batch.text_of(video).title),
                residref=batch.newsml_uri("video", video.pk),
                href=batch.newsml_uri("video", video.pk),
                contenttype="application/vnd.iptc.g2.newsitem+xml",
            )
        )
    item.append(G2.groupSet(group, root="main"))
    return _serialised(item)


def _characteristics(video):
    """What every file of a video shares: duration, dimensions' ratio, frame rate."""
    attributes = {}
    if video.duration:
        attributes["duration"] = f"{video.duration:g}"
        attributes["durationunit"] = "timeunit:seconds"
    if video.frame_rate:
        attributes["videoframerate"] = f"{video.frame_rate:g}"
    return attributes


def _remote_contents(video, batch):
    preview = G2.remoteContent(
        href=batch.absolute(video.preview_url),
        rendition="rnd:web",
        contenttype="video/mp4",
        videocodec="ffcodec:h264",
        **_characteristics(video),
    )
    master = {
        "href": batch.download_url(video),
        "rendition": "rnd:highRes",
        "contenttype": master_content_type(video),
        **_characteristics(video),
    }
    if video.file_size:
        master["size"] = str(video.file_size)
    if video.width and video.height:
        master["width"], master["height"] = str(video.width), str(video.height)
    if video.bitrate:
        master["videoavgbitrate"] = str(video.bitrate)
    if video.video_codec:
        master["videocodec"] = f"ffcodec:{video.video_codec}"
    contents = [preview, G2.remoteContent(**master)]
    contents.extend(
        G2.remoteContent(
            href=batch.absolute(track.url),
            rendition=f"nrcaptions:{track.language}",
            contenttype="text/vtt",
        )
        for track in video.captions.all()
    )
    return contents


def video_item(video, batch):
    stories = batch.stories_showing.get(video.pk, [])
    topics = {topic.pk: topic for story in stories for topic in story.topic_list}
    people = {person.pk: person for story in stories for person in story.people_list}
    text = batch.text_of(video)
    item = _root("newsItem", batch.newsml_uri("video", video.pk), 1, text.language_code, batch)
    item.append(_rights(video.credit, video.copyright, video.usage_terms or _terms()))
    page_url = batch.video_page_url(video)
    links = (
        [{"rel": "irel:seeAlso", "href": page_url, "contenttype": "text/html"}] if page_url else []
    )
    item.append(
        _item_meta("ninat:video", rfc3339(video.created_at), rfc3339(video.created_at), links)
    )
    content = G2.contentMeta()
    if video.recorded_on:
        content.append(G2.contentCreated(start_of(video.recorded_on)))
    if video.location:
        content.append(G2.located(G2.name(video.location)))
    content.append(G2.language({"tag": text.language_code}))
    content.extend(
        _subjects(
            sorted(topics.values(), key=lambda topic: topic.name.casefold()),
            sorted(people.values(), key=lambda person: person.name),
            batch,
        )
    )
    content.append(G2.headline(text.title))
    if video.credit:
        content.append(G2.creditline(video.credit))
    if text.description:
        content.append(G2.description(text.description, role="drol:summary"))
    if video.shot_list:
        lines = "\n".join(f"{row['timecode']} {row['description']}" for row in video.shot_list)
        content.append(G2.description(lines, role="drol:shotlist"))
    item.append(content)
    item.append(G2.contentSet(*_remote_contents(video, batch)))
    return _serialised(item)
