"""URLs of a crawl: normalization, crawl traps, and how much a link promises contact details.

``score_link`` is the heart of ``bestfirst``: the ``target_pages`` words, expanded into the
words sites in many languages use for them, matched against the link's path and anchor text.
Contact and imprint pages are always wanted (they hold the contacts), even when the caller's
list does not name them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from spidernest.services.site.vocabulary import PAGE_WORDS

__all__ = [
    "SKIPPED_EXTENSIONS",
    "Target",
    "expand_targets",
    "has_skipped_extension",
    "is_partner_list",
    "is_post_url",
    "is_third_party_page",
    "is_trap",
    "normalize_url",
    "path_template",
    "score_link",
]

_SYNONYMS = PAGE_WORDS
_ALWAYS = ("contact", "imprint")
# Weight of a target by its place in the caller's list; contact and imprint pages lead.
_BASE_WEIGHT = 100.0
_STEP = 12.0

SKIPPED_EXTENSIONS = frozenset(
    [
        "pdf",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "svg",
        "webp",
        "avif",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "heic",
        "mp4",
        "webm",
        "mov",
        "avi",
        "mkv",
        "mp3",
        "wav",
        "ogg",
        "zip",
        "gz",
        "tgz",
        "rar",
        "7z",
        "tar",
        "dmg",
        "exe",
        "msi",
        "apk",
        "iso",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "csv",
        "rtf",
        "css",
        "js",
        "mjs",
        "json",
        "xml",
        "rss",
        "atom",
        "txt",
        "woff",
        "woff2",
        "ttf",
        "eot",
        "otf",
        "ics",
        "vcf",
        "epub",
    ]
)
# Query parameters that never change what a page says: sessions, tracking, sorting.
_NOISE_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|ref|referrer|source|"
    r"jsessionid|phpsessid|sid|sessionid|session_id|session|aspsessionid\w*|cfid|cftoken|"
    r"zenid|oscsid|s|replytocom|share|print|lang_switch|trk|igshid)$",
    re.IGNORECASE,
)
_PATH_SESSION = re.compile(r";(?:jsessionid|sid|phpsessid)=[^/?#]*", re.IGNORECASE)
_CALENDAR = re.compile(
    r"(?:^|[/_=-])(?:calendar|kalender|calendrier|agenda|events?|termine|veranstaltungen)"
    r"(?:[/_=-]|$)|[?&](?:month|year|day|date|week|cal|ical|tribe-bar-date|eventDate)=",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_LANG_SEGMENT = re.compile(r"^/([a-z]{2})(?:[-_][a-z]{2})?(?:/|$)", re.IGNORECASE)
_DATE_PATH = re.compile(r"/(?:19|20)\d{2}/(?:[01]?\d)(?:/|$)")
_PAGINATION = re.compile(r"/page/\d+|[?&](?:page|p|paged|pg|offset|start)=\d+", re.IGNORECASE)
_TAXONOMY = re.compile(r"/(?:tag|tags|category|categories|author|archive|label|search)/")


@functools.lru_cache(maxsize=16_384)  # pure, and menus repeat every link on every page
def normalize_url(url: str) -> str | None:
    """The canonical form used to de-duplicate URLs; ``None`` for what is not a web page.

    Lowercase scheme and host, no default port, no fragment, no session or tracking
    parameters, sorted query, ``/`` for an empty path, percent-encoding made consistent.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/%:@!$&'()*+,;=-._~")
    query_pairs = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _NOISE_PARAMS.match(key)
    ]
    query = urlencode(sorted(query_pairs))
    return urlunsplit((scheme, host, path, query, ""))


def has_skipped_extension(url: str) -> bool:
    """Whether the URL's path names a file type that is never an HTML page."""
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return "." in last and last.rsplit(".", 1)[-1].lower() in SKIPPED_EXTENSIONS


def path_template(url: str) -> str:
    """The URL's path and query keys with numbers masked: ``/cal/2024/05`` → ``/cal/N/N``."""
    parts = urlsplit(url)
    keys = sorted(key for key, _ in parse_qsl(parts.query, keep_blank_values=True))
    return _DIGITS.sub("N", parts.path) + ("?" + "&".join(keys) if keys else "")


def is_trap(url: str) -> bool:
    """Endless spaces a crawler must not walk into: calendars, deep or repeating paths."""
    parts = urlsplit(url)
    if len(url) > 400 or parts.path.count("/") > 10:
        return True
    segments = [seg for seg in parts.path.split("/") if seg]
    if len(segments) != len(set(segments)) and len(segments) >= 4:
        return True  # /a/b/a/b/… — a relative link that keeps nesting
    return bool(_CALENDAR.search(parts.path + ("?" + parts.query if parts.query else "")))


# Sections whose pages are articles: what they quote (a grant agency's hotline, a supplier's
# address) is the article's subject, not the site owner's contact.
_POST_SECTIONS = frozenset((
    "blog", "blogs", "news", "journal", "article", "articles", "post", "posts", "stories",
    "magazine", "insights", "ratgeber", "aktuelles", "neuigkeiten", "actualites",
    "actualités", "actualidad", "noticias", "notizie", "nieuws", "aktualnosci",
    "aktualności", "nyheter", "novidades",
))  # fmt: skip


def is_post_url(url: str) -> bool:
    """Whether ``url`` is an article: under a blog/news section, or under a date path."""
    path = urlsplit(url).path
    if _DATE_PATH.search(path):
        return True
    segments = [unquote(seg).lower() for seg in path.split("/") if seg]
    return len(segments) >= 2 and any(seg in _POST_SECTIONS for seg in segments[:-1])


# Pages about other organisations. Privacy and cookie policies name the data-protection
# authority and the processors ("Datatilsynet, tlf. 33 19 32 00"); partner, client, reference
# and stockist lists give the partners' own numbers and addresses. A careful reader takes
# neither for the site owner's contacts. Privacy words are matched as word starts, since the
# languages that compound them do (``datenschutzerklaerung``, ``tietosuojaseloste``).
_PRIVACY_SLUG = re.compile(
    r"(?<![a-z0-9])(?:privacy|datenschutz|dsgvo|gdpr|rgpd|cookie|confidentialit|privacidad|"
    r"privacidade|privatliv|persondata|personvern|personuppgift|integritet|tietosuoja|"
    r"rekisteriseloste|polityka-prywatnosci|prywatnosc|adatvedelem|kvkk)"
)
# A list of partners or clients is the whole slug ("our-partners", "referenzen"): a page
# "kunden-service" or "become-a-partner" is the site's own.
_OTHERS_SLUG = re.compile(
    r"(?:(?:our|unsere|nos|nossos|nuestros|onze|nasi|vores|vara|vare)-)?"
    r"(?:partners?|partenaires|socios|parceiros|aliados|partnerzy|(?:yhteistyo)?kumppanit|"
    r"samarbe[jt]?d?s?partnere?s?|clients|clientes|klienci|klanten|kunden|kunder|asiakkaat|"
    r"asiakkaitamme|customers|references|referenzen|referenties|referencje|referenser|"
    r"referanser|referencias|referenze|stockists|retailers|resellers|dealers|h(?:ae|ä)ndler|"
    r"distributors|distributeurs|distribuidores|where-to-buy|links)"
)
# A page that is also the imprint or the contact page ("impressum-datenschutz") is the
# site's own statement.
_OWN_SLUG = re.compile(r"impressum|imprint|mentions|legal|kontakt|contact|aviso|colofon")


def is_third_party_page(url: str) -> bool:
    """Whether ``url`` is a page about other organisations: a privacy policy or a partner list.

    The numbers and other domains' addresses that only such pages state are not the site's.
    """
    last = _slug_of_others(url)
    return bool(_PRIVACY_SLUG.search(last) or _OTHERS_SLUG.fullmatch(last))


def is_partner_list(url: str) -> bool:
    """Whether ``url`` is named like a partner, client or reference list (``/our-partners``).

    A law firm's ``/partners`` page lists its own partners, so the name alone does not decide
    (see ``assemble``).
    """
    return bool(_OTHERS_SLUG.fullmatch(_slug_of_others(url)))


def _slug_of_others(url: str) -> str:
    """The last path slug of ``url``; empty for the site's own statement (imprint, contact)."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    last = _slug(segments[-1]).rsplit(".", 1)[0] if segments else ""
    return "" if _OWN_SLUG.search(last) else last


@dataclass(frozen=True, slots=True)
class Target:
    """One wanted kind of page, compiled: its words as path and anchor patterns."""

    path: re.Pattern[str]
    anchor: re.Pattern[str]
    weight: float


def _compile(words: tuple[str, ...], weight: float) -> Target:
    # Japanese, Chinese and Korean words (two or three characters) stand in text without
    # spaces ("お問い合わせフォーム"), so they are matched without word boundaries.
    wide = sorted({w for w in words if not w.isascii() and w[0] >= "\u3000"}, key=len, reverse=True)
    usable = sorted({w for w in words if len(w) > 2} - set(wide), key=len, reverse=True)
    path = "|".join(re.escape(w.replace(" ", "-")) for w in [*usable, *wide])
    anchor = rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in usable)})(?!\w)"
    if wide:
        anchor += "|" + "|".join(re.escape(w) for w in wide)
    return Target(
        path=re.compile(rf"(?<![a-z0-9])(?:{path})"),
        anchor=re.compile(anchor),
        weight=weight,
    )


@functools.lru_cache(maxsize=256)  # every crawl compiles the same few word lists
def expand_targets(targets: tuple[str, ...]) -> tuple[Target, ...]:
    """Each target as compiled word patterns in many languages, weighted by its list position.

    Contact and imprint pages are always included and always lead: they carry the contacts.
    """
    expanded: list[Target] = []
    seen: set[str] = set()
    for index, target in enumerate(targets):
        key = next((k for k, words in _SYNONYMS.items() if target in words), None)
        name = key or target
        if name in seen or not target:
            continue
        seen.add(name)
        weight = max(_BASE_WEIGHT - _STEP * index, 20.0)
        if name in _ALWAYS:
            weight += 40.0
        expanded.append(_compile(_SYNONYMS[key] if key else (target,), weight))
    for name in _ALWAYS:
        if name not in seen:
            expanded.append(_compile(_SYNONYMS[name], _BASE_WEIGHT - _STEP + 40.0))
    return tuple(expanded)


def _slug(value: str) -> str:
    return re.sub(r"[\s_]+", "-", unquote(value).lower())


def score_link(
    url: str,
    anchor: str,
    targets: tuple[Target, ...],
    *,
    home_language: str | None = None,
) -> float:
    """How much fetching ``url`` promises: target words in its last path segment and anchor."""
    parts = urlsplit(url)
    segments = [seg for seg in parts.path.split("/") if seg]
    last = _slug(segments[-1]) if segments else ""
    last = last.rsplit(".", 1)[0]
    anchor = anchor.strip().lower()[:80]
    score = 0.0
    for target in targets:
        in_path = bool(last) and target.path.search(last) is not None
        in_anchor = bool(anchor) and target.anchor.search(anchor) is not None
        if in_path or in_anchor:
            score = max(score, target.weight + (10.0 if in_path and in_anchor else 0.0))
    score -= 4.0 * max(0, len(segments) - 1)
    if parts.query:
        score -= 15.0
    if _PAGINATION.search(url) or _TAXONOMY.search(parts.path) or _DATE_PATH.search(parts.path):
        score -= 25.0
    language = _LANG_SEGMENT.match(parts.path)
    if home_language and language and language.group(1).lower() != home_language:
        score -= 30.0  # the same page in another language adds nothing new
    return score
