"""Sitemaps (sitemaps.org 0.9): URL sets and sitemap indexes, plain or gzip-compressed.

Parsed with lxml's recovering parser without network access or entity expansion, and capped:
a sitemap may be 50,000 URLs / 50 MB uncompressed (sitemaps.org protocol), so we read at most
that many and decompress at most that much.
"""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field

from lxml import etree

__all__ = ["MAX_SITEMAP_BYTES", "Sitemap", "parse_sitemap"]

MAX_SITEMAP_BYTES = 50_000_000
_MAX_URLS = 50_000


@dataclass(slots=True)
class Sitemap:
    """A parsed sitemap: page URLs (with their ``<priority>``) or child sitemaps."""

    pages: list[tuple[str, float]] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def _decompress(content: bytes) -> bytes:
    if not content.startswith(b"\x1f\x8b"):
        return content
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(content)) as stream:
            return stream.read(MAX_SITEMAP_BYTES)
    except (OSError, EOFError, zlib.error):
        return b""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(content: bytes) -> Sitemap:
    """Read a sitemap or sitemap index; text sitemaps (one URL a line) are accepted too."""
    data = _decompress(content).strip()
    found = Sitemap()
    if not data:
        return found
    if not data.startswith(b"<"):
        lines = data.decode("utf-8", "replace").splitlines()
        found.pages = [(line.strip(), 0.5) for line in lines[:_MAX_URLS] if "://" in line]
        return found
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return found
    if root is None:
        return found
    is_index = _local(root.tag) == "sitemapindex"
    for entry in root:
        if len(found.pages) + len(found.children) >= _MAX_URLS:
            break
        loc, priority = _read_entry(entry)
        if loc and is_index:
            found.children.append(loc)
        elif loc:
            found.pages.append((loc, priority))
    return found


def _read_entry(entry: etree._Element) -> tuple[str | None, float]:
    loc, priority = None, 0.5
    for child in entry:
        name = _local(child.tag)
        if name == "loc" and child.text:
            loc = child.text.strip()
        elif name == "priority" and child.text:
            try:
                priority = min(1.0, max(0.0, float(child.text.strip())))
            except ValueError:
                priority = 0.5
    return loc, priority
