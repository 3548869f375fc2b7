"""Sitemap parsing: URL sets, indexes, gzip, text, and hostile input."""

from __future__ import annotations

import gzip

from spidernest.services.site.sitemaps import parse_sitemap

URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc> https://acme.de/ </loc><priority>1.0</priority></url>
<url><loc>https://acme.de/kontakt</loc><priority>bad</priority></url></urlset>"""


def test_urlset_plain_and_gzip() -> None:
    for content in (URLSET, gzip.compress(URLSET)):
        sitemap = parse_sitemap(content)
        assert sitemap.pages == [("https://acme.de/", 1.0), ("https://acme.de/kontakt", 0.5)]
        assert sitemap.children == []


def test_index_and_text_sitemaps() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://acme.de/page-sitemap.xml.gz</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index).children == ["https://acme.de/page-sitemap.xml.gz"]
    assert parse_sitemap(b"https://acme.de/a\nnot a url\n").pages == [("https://acme.de/a", 0.5)]


def test_broken_and_hostile_input() -> None:
    assert parse_sitemap(b"").pages == []
    assert parse_sitemap(b"\x1f\x8bnot gzip").pages == []
    entity = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
    <urlset><url><loc>&e;</loc></url></urlset>"""
    assert all("root:" not in url for url, _ in parse_sitemap(entity).pages)
