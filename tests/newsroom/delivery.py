"""What the delivery tests share: the official validators of ninjs and NewsML-G2."""

import json
from pathlib import Path

from jsonschema import Draft202012Validator
from lxml import etree
from NewsMLG2 import NewsItem, NewsMLG2Document, PackageItem

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "ninjs-schema_3.3.json").read_text())
NINJS = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def ninjs_errors(document):
    """Every way `document` breaks IPTC's ninjs 3.3 schema, formats included, as text."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in NINJS.iter_errors(document)
    ]


def round_tripped(xml):
    """The item as IPTC's newsmlg2 package reads it, written out by that package and read
    again: what survives both ways is what a G2 system would see."""
    item = NewsMLG2Document(xml).get_item()
    assert isinstance(item, (NewsItem, PackageItem)), type(item)
    written = etree.tostring(item.to_xml())
    again = NewsMLG2Document(written).get_item()
    assert type(again) is type(item)
    assert (again.guid, again.version) == (item.guid, item.version)
    return again
