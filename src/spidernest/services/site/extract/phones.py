"""Phone and fax numbers: candidates from a page, then validation with libphonenumber.

Finding is split from validating because the region needed to read a national number
(``030 1234567``) is only known once the whole site has been seen (``country.py``).

Text is the risky source: a number is taken from text only when a phone word stands just
before it, or when it is written the way phone numbers are (international prefix, or digit
groups with separators), and never when an IBAN, tax, register, order or postcode word
stands before it, or when it reads as a date or a year range.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from spidernest.services.site.domains import has_public_suffix, is_free_mail_domain
from spidernest.services.site.extract.emails import is_authority_domain
from spidernest.services.site.extract.text import line_spans
from spidernest.services.site.result import PhoneDetail

__all__ = ["PhoneCandidate", "phone_from_tel", "phones_from_text", "validate_phone"]

Kind = Literal["phone", "fax"]
Source = Literal["tel", "jsonld", "text"]


@dataclass(frozen=True, slots=True)
class PhoneCandidate:
    """A number as written on the page, where it came from, and whether it is a fax.

    ``near`` is the web or mail domain its paragraph names first (text numbers only):
    "apply at carecredit.com or call 800-677-0718" gives the lender's number, not the site's.
    """

    raw: str
    source: Source
    kind: Kind = "phone"
    labeled: bool = True
    near: str | None = None


# Digits with the separators people use; bounded, so the scan stays linear. Long enough for
# two numbers joined by a slash, which ``_alternatives`` splits.
# En dashes and non-breaking hyphens too: WordPress turns "030 - 1234567" into "030 – 1234567".
_NUMBER_BODY = r"(?:\+|00)?\(?\d[\d \t().\/\u2011\u2013-]{5,32}\d(?![\w/])"
_NUMBER = re.compile(r"(?<![\w+/.-])" + _NUMBER_BODY)
# A number may also follow a phone word with no gap: inline tags vanish without a space, so
# "<strong>Phone</strong>0412 345 678" reads "Phone0412 345 678". The slower pattern runs only
# on the lines where such a glued label stands. Each word has a fixed width, as a look-behind
# needs.
_GLUED_WORDS = (
    "[Tt]el", "TEL", "[Ff]on", "[Pp]hone", "PHONE", "[Mm]obile", "[Mm]obil", "[Ff]ax", "FAX", "Tél",
)  # fmt: skip
_GLUED_LABEL = re.compile(rf"(?:{'|'.join(_GLUED_WORDS)})[+(\d]")
_NUMBER_AFTER_LABEL = re.compile(
    r"(?:(?<![\w+/.-])" + "".join(f"|(?<={word})" for word in _GLUED_WORDS) + ")" + _NUMBER_BODY
)
# A cheap superset of ``_NUMBER`` (it starts with a character set, which the engine scans
# for fast): it only says which lines are worth the exact pattern.
# Its digits are ASCII plus the native digits libphonenumber reads (Arabic-Indic, Persian,
# Devanagari, full-width), which ``\d`` in ``_NUMBER`` matches too.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19"
_DIGIT_RUN = re.compile(f"[+({_DIGITS}][{_DIGITS} \\t().\\/\u2011\u2013-]{{5,25}}[{_DIGITS}]")
_PHONE_WORDS = re.compile(
    r"(?:tel|phone|fon|telefon|téléphone|tél|teléfono|telefono|telefone|telemóvel|mobil|mobile|"
    r"móvil|movil|handy|cell|celular|gsm|call|ring|ruf|hotline|whatsapp|tlf|tfn|puhelin|puh|"
    r"telefoon|bel\b|bellen|contact|kontakt|contacto|contatto|infolinia|kom\b|komórka|"
    r"portable|fijo|centralita|llámanos|llamanos|chiamaci|appelez|zadzwoń|ring oss|direct|"
    r"durchwahl|電話|电话|전화|고객센터|☎|📞|✆)"
    r"\w*\.?\s*[:.]?"
    r"|\b[tpm]\s*[:.](?=\s*[+(\d])|\(\s*[tpm]\s*\)|(?-i:\b[TPM])\s(?=\s*[+(\d])"
    # Law and consulting firms' cards: "D: 212.555.0142" (direct), "O:" (office), "C:" (cell).
    r"|(?-i:\b[DOC]):(?=\s*[+(\d])",
    re.IGNORECASE,
)
_FAX_INSIDE = re.compile(r"fax|télécopie|telecopi|팩스|传真|傳真", re.IGNORECASE)
_FAX_WORDS = re.compile(
    r"(?:fax|telefax|télécopie|telecopie|telecopia|팩스|传真|傳真|\bf\s*[:.])\w*\.?\s*[:.]?"
    r"|(?-i:\bF)\s(?=\s*[+(\d])",
    re.IGNORECASE,
)
_BLOCK_WORDS = re.compile(
    r"iban|bic|swift|\bust|vat|tax|steuer|st\.?-?nr|hrb|hra|handelsregister|register|"
    r"amtsgericht|siret|siren|rcs|tva|kvk|btw|\bnip\b|regon|krs|\bcif\b|\bnif\b|p\.\s?iva|"
    r"partita|fiscale|org\.?\s?nr|orgnr|organisationsnummer|cvr|isbn|issn|ean|gtin|sku|"
    r"art\.?-?nr|artikel|nummer\b|number|numéro|order|bestell|auftrag|invoice|rechnung|facture|factura|fattura|ticket|ref\b|"
    r"kunden|customer|account|konto|blz|plz|zip|postcode|postal|verkkolasku|\bovt\b|"
    r"\bcase\b|\bid\b|\bno\b\.?|"
    r"\bnr\b\.?|#|©|copyright|version|\bv\.|datum|date|fecha|data|jahr|year|€|\$|£|eur\b|usd\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^(?:19|20)\d{2}\s*[-/\u2013]\s*(?:19|20)\d{2}$"
)
_IBAN_TAIL = re.compile(r"[A-Z]{2}\d{2}[ ]?0$")  # "0" stands for the number
_NANP = re.compile(r"^[2-9]\d{2}[-. ][2-9]\d{2}[-. ]\d{4}$")
_FR_DOTS = re.compile(r"^0\d(?:\.\d{2}){4}$")
_CONTEXT = 32
# Theme and form placeholders left in headers and tel: links: 123-456-7890, 01234 567890,
# 01 23 45 67 89, (555) 555-5555, +1 800 000 0000. No real number holds a run of nine
# ascending digits or seven equal ones.
_PLACEHOLDER = re.compile(r"123456789|(\d)\1{6}")
# Platforms a footer names beside the site's own number ("Tel … · facebook.com/acme"): they
# speak for nobody else.
_PLATFORMS = (
    "facebook.com", "instagram.com", "linkedin.com", "twitter.com", "x.com", "youtube.com",
    "tiktok.com", "pinterest.com", "wa.me", "whatsapp.com", "t.me", "google.com", "goo.gl",
    "yelp.com", "tripadvisor.com", "xing.com",
)  # fmt: skip
# A privacy policy's paragraph on the supervisory authority gives its number beside its
# address (info@edoeb.admin.ch), a financing blurb its lender's beside its site
# (carecredit.com): the domain named nearest a number tells whose it is.
# The suffix is lowercase, as written domains are: "Kontakt.Tel: 030 …" (two inline blocks run
# together) names no domain, though .tel is a real suffix.
_DOMAIN_MENTION = re.compile(
    r"(?<![\w.-])(?:[\w.+-]{1,64}@|https?://|www\.)?((?:[A-Za-z0-9-]{1,63}\.){1,8}[a-z]{2,24})\b"
)
# Japanese and Chinese pages write numbers in full-width forms (ＴＥＬ：０３−３７５４−１２３４),
# often with a minus sign or the katakana long mark as the dash.
_WIDE_DIGIT = re.compile("[\uff10-\uff19]")
_WIDE_DASH = re.compile("(?<=\\d)[\u2010-\u2015\u2212\u30fc\uff0d](?=\\d)")
# Toll-free vanity numbers (1-800-LAW-FIRM, 1-800-FLOWERS): libphonenumber reads the letters
# off the keypad. Only the toll-free codes, where vanity numbers live; the pattern starts with a
# literal so that the engine skips quickly to each "8".
_VANITY = re.compile(
    r"8(?:00|33|44|55|66|77|88)[-. ](?=[A-Z0-9-]{0,3}[A-Z])[A-Z0-9]{3}-?[A-Z0-9]{4}\b"
)


def _kind_before(before: str) -> Kind | None:
    """The kind named by the last phone or fax word just before a number, if any.

    ``before`` ends with a ``0`` standing for the number, so that labels checked with a
    look-ahead (``T +49…``, ``P. 030…``) see a digit after them.
    """
    words: list[tuple[int, int, Kind]] = []
    for match in _PHONE_WORDS.finditer(before):
        # "Telefax" and "Télécopie" start like "Tel"/"Tél": the fax word inside decides.
        kind: Kind = "fax" if _FAX_INSIDE.search(match.group(0)) else "phone"
        words.append((match.end(), match.end() - match.start(), kind))
    words += [(m.end(), m.end() - m.start(), "fax") for m in _FAX_WORDS.finditer(before)]
    return max(words)[2] if words else None


def _looks_like_phone(number: str) -> bool:
    """Digit groups with separators (or dotted groups): not one long run of digits.

    An unbroken run stays a code even behind ``00`` or in brackets: Finnish e-invoice
    addresses (``003723341390``) read as Estonian numbers once the ``00`` is dialled.
    """
    if number.startswith("+"):
        return True
    if number.strip("()").isdigit():
        return False
    if number.startswith(("00", "(")):
        return True
    if not re.search(r"[ \t()/\u2011\u2013-]", number):
        # Dots alone: French pairs (01.23.45.67.89) or North American 212.555.0142.
        return bool(_FR_DOTS.match(number) or _NANP.match(number))
    return len(re.findall(r"\d+", number)) >= 2


def _fits_region(raw: str, region: str | None) -> bool:
    """Whether an unlabelled number is written as the region writes phone numbers.

    International and bracketed forms always fit; otherwise a national number must start with
    the region's trunk prefix (``0`` in most of Europe), or — where there is none (Spain,
    Poland, Portugal, North America) — be grouped in at least three blocks.
    """
    if raw.startswith(("+", "00", "(")) or _NANP.match(raw):
        return True
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region or "", None)
    prefix = metadata.national_prefix if metadata is not None else None
    if prefix:
        return raw.startswith(prefix)
    return len(re.findall(r"\d+", raw)) >= 3


def _number_matches(text: str) -> Iterator[re.Match[str]]:
    """``_NUMBER`` over the lines of ``text`` that hold a digit run at all.

    ``_NUMBER`` starts with a look-behind, which keeps the regex engine from skipping quickly
    to the next digit: over a whole page it costs several times the cheap scan below. No
    number spans a line break, so scanning only those lines finds the same matches.
    """
    runs = (coarse.start() for coarse in _DIGIT_RUN.finditer(text))
    for first, line_start, line_end in line_spans(text, runs):
        # Checked only when a letter touches the digit run, which is rare.
        glued = (
            text[first - 1 : first].isalpha()
            and _GLUED_LABEL.search(text, line_start, line_end) is not None
        )
        yield from (_NUMBER_AFTER_LABEL if glued else _NUMBER).finditer(text, line_start, line_end)


def phones_from_text(text: str) -> list[PhoneCandidate]:
    """Phone and fax numbers written in ``text`` (unvalidated; see the module rules)."""
    if _WIDE_DIGIT.search(text):
        # A full-width slash separates items ("TEL … ／FAX …"), never the parts of a number.
        text = _WIDE_DASH.sub("-", unicodedata.normalize("NFKC", text.replace("\uff0f", " / ")))
    found: list[PhoneCandidate] = []
    for match in _number_matches(text):
        if " / " in match.group(0):
            pieces = list(_alternatives(match))
        else:
            pieces = [(match.group(0).strip(" .-/"), match.start())]
        for number, start in pieces:
            candidate = _candidate_at(text, number, start)
            if candidate is not None:
                found.append(candidate)
    for match in _VANITY.finditer(text):
        head = text[max(0, match.start() - 2) : match.start()]
        if not head[-1:].isalnum():
            raw = (head if head in {"1-", "1 ", "1."} else "") + match.group(0)
            found.append(PhoneCandidate(raw=raw, source="text"))
    return found


def _alternatives(match: re.Match[str]) -> Iterator[tuple[str, int]]:
    """The numbers of a match and where each starts.

    "+91 98765 43210 / 022-2345 6789" lists two numbers; "030 / 44 55 66 77" is one, its
    area code set off by a slash. A slash splits only after a whole number (7 digits or more).
    """
    raw, start = match.group(0), match.start()
    head, slash, tail = raw.partition(" / ")
    while slash and sum(ch.isdigit() for ch in head) >= 7:
        yield head.strip(" .-/"), start
        start += len(head) + len(slash)
        raw = tail
        head, slash, tail = raw.partition(" / ")
    yield raw.strip(" .-/"), start


def _candidate_at(text: str, number: str, start: int) -> PhoneCandidate | None:
    """The candidate ``number`` (starting at ``start`` in ``text``) is, if any."""
    digits = sum(ch.isdigit() for ch in number)
    if not 7 <= digits <= 17 or _DATE.match(number):
        return None
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        # The label sits on the line above (<dt>Fax</dt><dd>…</dd>): read that line instead.
        line_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    before = text[max(line_start, start - _CONTEXT) : start] + "0"
    if _IBAN_TAIL.search(before):
        return None
    kind = _kind_before(before)
    blocked = _BLOCK_WORDS.search(before)
    if blocked is not None and (kind is None or blocked.start() > _last_kind_end(before)):
        return None
    if kind is None and not _looks_like_phone(number):
        return None
    # Last, as the costliest test: it reads the paragraph around the number.
    near = _nearest_domain(text, start, start + len(number))
    if near is not None and is_authority_domain(near):
        return None
    if kind is None:
        return PhoneCandidate(raw=number, source="text", labeled=False, near=near)
    return PhoneCandidate(raw=number, source="text", kind=kind, near=near)


def _nearest_domain(text: str, start: int, end: int) -> str | None:
    """The first web or mail domain named close to a number (its paragraph), if any.

    Close means from the number's line (at most 60 characters before it) to at most 40
    characters after it, over two line breaks at most. The nearest mention decides: a studio's
    line "+353 1 678 9012, studio@acme.ie" stays the studio's even when an authority's
    paragraph follows, and "Tel: +43 662 876543, Aufsichtsbehörde: Bezirkshauptmannschaft
    Salzburg, bh@salzburg.gv.at" keeps the firm's number. Free mail providers name nobody.
    """
    low = max(text.rfind("\n", 0, start) + 1, start - 60)
    high = end
    for _ in range(3):
        high = text.find("\n", high + 1)
        if high < 0:
            high = len(text)
            break
    if "." not in text[low:high]:
        return None
    for mention in _DOMAIN_MENTION.finditer(text, low, high):
        if mention.start() > end + 40:
            break
        domain = mention.group(1).lower()
        if any(domain == p or domain.endswith("." + p) for p in _PLATFORMS):
            continue
        if has_public_suffix(domain) and not is_free_mail_domain(domain):
            return domain
    return None


def _last_kind_end(before: str) -> int:
    ends = [m.end() for m in _PHONE_WORDS.finditer(before)]
    ends += [m.end() for m in _FAX_WORDS.finditer(before)]
    return max(ends, default=-1)


def phone_from_tel(href: str) -> PhoneCandidate | None:
    """The number of a ``tel:`` / ``callto:`` / ``fax:`` link."""
    scheme, _, rest = href.strip().partition(":")
    number = unquote(rest).lstrip("/").split(";", 1)[0].split("?", 1)[0].strip()
    # tel:+1-800-LAW-FIRM has four digits and seven letters, read off the keypad.
    if sum(ch.isdigit() for ch in number) < 5 and sum(ch.isalnum() for ch in number) < 10:
        return None
    kind: Kind = "fax" if scheme.lower() == "fax" else "phone"
    return PhoneCandidate(raw=number, source="tel", kind=kind)


_TYPE_NAMES = {
    value: name.lower()
    for name, value in vars(PhoneNumberType).items()
    if not name.startswith("_") and isinstance(value, int)
}


def validate_phone(candidate: PhoneCandidate, region: str | None) -> PhoneDetail | None:
    """Parse ``candidate`` for ``region`` (ISO 3166 alpha-2); ``None`` when it is not a number.

    Links and structured data are the site's own statement, so a merely *possible* number from
    them is kept (``valid`` says which); text needs a fully *valid* number.
    """
    raw = candidate.raw
    if not candidate.labeled and not _fits_region(raw, region):
        return None
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        return None
    if _PLACEHOLDER.search(phonenumbers.national_significant_number(number)):
        return None
    valid = phonenumbers.is_valid_number(number)
    if not valid and (candidate.source == "text" or not phonenumbers.is_possible_number(number)):
        return None
    kind = "fax" if candidate.kind == "fax" else _TYPE_NAMES.get(phonenumbers.number_type(number))
    return PhoneDetail(
        raw=candidate.raw,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        national=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        international=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        country_code=number.country_code,
        type=kind or "unknown",
        valid=valid,
    )
