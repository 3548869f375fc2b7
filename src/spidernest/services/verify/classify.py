"""What an SMTP reply says about a mailbox: code, enhanced status code (RFC 3463) and wording.

Pure: the conversation is in ``smtp.py``; this module only reads the replies. The guiding rule
is that a rejection is only called a missing mailbox when the server says so about the
recipient; anything that may be about *us* (our IP, our sender, a blocklist, a policy) leaves
the mailbox unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Reply", "Verdict", "classify_recipient", "classify_session"]


class Verdict(StrEnum):
    """The meaning of one reply."""

    ACCEPTED = "accepted"
    MAILBOX_NOT_FOUND = "mailbox_not_found"
    FULL_INBOX = "full_inbox"
    DISABLED = "disabled"
    GREYLISTED = "greylisted"
    TEMPORARY = "temporary"
    TOO_MANY_RECIPIENTS = "too_many_recipients"
    SENDER_BLOCKED = "sender_blocked"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Reply:
    """One (possibly multi-line) SMTP reply: its code, its lines, and those lines joined."""

    code: int
    text: str
    lines: tuple[str, ...] = ()

    @property
    def enhanced(self) -> str | None:
        """The RFC 3463 enhanced status code at the start of the text (``5.1.1``), if any."""
        match = _ENHANCED.match(self.text) or _QMAIL_ENHANCED.search(self.text)
        return match.group(1) if match else None

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()


_ENHANCED = re.compile(r"\s*#?([245]\.\d{1,3}\.\d{1,3})\b")
# qmail puts the enhanced code last, in parentheses: "... rcpthosts (#5.7.1)".
_QMAIL_ENHANCED = re.compile(r"\(#([245]\.\d{1,3}\.\d{1,3})\)")


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# Said about our connection or sender, never about the mailbox: a blocklist, reputation,
# authentication of our domain (SPF/DKIM/DMARC), our HELO/PTR, relaying or rate limits.
_BLOCKED_STRONG = _words(
    r"spamhaus|spamcop|barracuda|sorbs|abuseat|\brbl\b|dnsbl",
    r"black ?list|block ?list|deny ?list|blocked using|(?<!not )\blisted (?:at|on|by|in)\b",
    r"\b(?:is|are|been|currently) listed\b",
    r"reputation|unsolicited|\bspam\b|junk mail",
    r"client host|your (?:ip|host|server|domain|network|mail server)",
    r"sender ip|sending ip|ip address",
    r"\bptr\b|reverse dns|\brdns\b|\bhelo\b|\behlo\b|\bspf\b|\bdkim\b|\bdmarc\b",
    r"relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)",
    r"not (?:permitted|allowed) to relay|unable to relay|authentication required|rcpthosts",
    r"sender (?:address )?(?:rejected|denied|blocked|refused)|sender verify",
    r"rate limit|too many (?:connections|messages|errors)|throttl",
)
# Weaker policy wording: only consulted once the recipient-specific wordings did not match.
_BLOCKED_WEAK = _words(
    r"polic(?:y|ies)|access denied|not authori[sz]ed|prohibited|forbidden|refused|blocked",
    r"administrative|denied",
)
_DISABLED = _words(
    r"disabled|deactivated|inactive|suspended|no longer (?:active|in use|available)",
    r"account (?:has been |is )?(?:closed|locked|expired|terminated|blocked|frozen)",
    r"mailbox (?:has been |is )?(?:closed|locked|frozen)|not accepting (?:mail|messages)",
    r"gesperrt|deaktiviert|désactivé|desactivad[oa]|disattivat[oa]",
)
_FULL = _words(
    r"mailbox (?:is )?full|inbox (?:is )?full|\bfull mailbox|quota|storage allocation",
    r"over ?quota|out of (?:storage|space)|mailbox size limit|insufficient (?:user )?storage",
    r"postfach (?:ist )?voll|speicherplatz|boîte (?:aux lettres )?pleine|casella piena",
    r"buzón (?:está )?lleno|caixa (?:postal )?cheia|mailbox vol\b",
)
_NOT_FOUND = _words(
    r"user ?unknown|unknown (?:user|recipient|mailbox|address|local ?part|alias|account)",
    r"recipient unknown|mailbox unknown|address unknown|unknown or illegal alias",
    r"no such (?:user|mailbox|recipient|account|address|person)",
    r"(?:user|recipient|mailbox|address|account|person)(?: name)? (?:was )?not found",
    r"does ?n[o']t exist|not exist|non-?existent|no longer exists|recipientnotfound",
    r"invalid (?:recipient|mailbox|address|user|account)|(?:recipient|user) invalid",
    r"not a valid (?:recipient|mailbox|user|address|account)|bad recipient",
    r"unrout(?:e)?able address|no mailbox|mailbox unavailable|mailbox not available",
    r"doesn't have an? .{0,40}account|no account (?:by|with) that|not our customer",
    r"not listed in (?:the )?(?:public name|domino|address book)|address rejected\b(?!:)",
    r"unbekannt|existiert nicht|nicht vorhanden|gibt es nicht|ungültige? empfänger",
    r"inconnu|n'existe pas|n’existe pas|introuvable|destinataire invalide|adresse invalide",
    r"desconocid[oa]|no existe|inexistente|no encontrad[oa]|usuario no válido",
    r"sconosciut[oa]|non esiste|desconhecid[oa]|não existe|onbekend|bestaat niet",
    r"nie istnieje|nieznany|не существует|неизвестн|нет такого|neexistuje",
    r"okänd|finns inte|ukjent|finnes ikke|ukendt|findes ikke|bulunamad|mevcut değil",
)
_EXPLICIT_GREYLIST = _words(r"gr[ae]y ?-?list")
_GREYLIST = _words(
    r"gr[ae]y ?-?list|try (?:again )?later|retry (?:later|in|timeout)",
    r"please (?:try|retry)|come back later|not yet authori[sz]ed",
)
_TOO_MANY = _words(r"too many recipients|recipient limit|too many rcpt")
# Enhanced status codes that name the recipient's mailbox (RFC 3463 §3.2 "Address status").
_NOT_FOUND_CODES = frozenset({"5.1.0", "5.1.1", "5.1.6", "5.1.10"})


def classify_session(reply: Reply) -> Verdict:
    """The meaning of a reply to the greeting, EHLO, STARTTLS or ``MAIL FROM``.

    Any permanent refusal at these stages concerns our connection or sender, never the mailbox.
    """
    if reply.code < 400:
        return Verdict.ACCEPTED
    if reply.code < 500:
        if _EXPLICIT_GREYLIST.search(reply.text):
            return Verdict.GREYLISTED
        if _BLOCKED_STRONG.search(reply.text):
            return Verdict.SENDER_BLOCKED
        return Verdict.GREYLISTED if _GREYLIST.search(reply.text) else Verdict.TEMPORARY
    return Verdict.SENDER_BLOCKED


def classify_recipient(reply: Reply) -> Verdict:
    """The meaning of a reply to ``RCPT TO`` for that recipient.

    2xx → accepted. 4xx → full inbox (x.2.2 or quota wording), too many recipients (x.5.3),
    blocked (blocklist/reputation wording), else greylisted/temporary: retry later.
    5xx → blocked when the wording is about us; disabled, full or not found when it is about
    the mailbox; an unexplained refusal is ``REJECTED`` (unknown, never invalid).
    """
    code, text, enhanced = reply.code, reply.text, reply.enhanced
    if 200 <= code < 300:
        return Verdict.ACCEPTED
    if 400 <= code < 500:
        return _classify_temporary(text, enhanced)
    if code < 500 or code >= 600:
        return Verdict.REJECTED
    return _classify_permanent(code, text, enhanced)


def _classify_permanent(code: int, text: str, enhanced: str | None) -> Verdict:
    if enhanced == "5.4.1" and re.search(r"recipient address rejected", text, re.IGNORECASE):
        # Microsoft 365 directory-based edge blocking: "Recipient address rejected: Access
        # denied. AS(201806281)" is its answer for a mailbox the tenant does not have.
        return Verdict.MAILBOX_NOT_FOUND
    if _BLOCKED_STRONG.search(text):
        return Verdict.SENDER_BLOCKED
    if enhanced == "5.2.1" or _DISABLED.search(text):
        return Verdict.DISABLED
    if enhanced == "5.2.2" or _FULL.search(text):
        return Verdict.FULL_INBOX
    if code == 552 and not re.search(r"size|length|too (?:big|large)|recipients", text, re.I):
        # RFC 5321 §4.2.3: 552 "Requested mail action aborted: exceeded storage allocation".
        return Verdict.FULL_INBOX
    if _TOO_MANY.search(text) or enhanced == "5.5.3":
        return Verdict.TOO_MANY_RECIPIENTS
    if enhanced in _NOT_FOUND_CODES or _NOT_FOUND.search(text):
        return Verdict.MAILBOX_NOT_FOUND
    if (enhanced or "").startswith("5.7.") or _BLOCKED_WEAK.search(text):
        return Verdict.SENDER_BLOCKED
    return Verdict.REJECTED


def _classify_temporary(text: str, enhanced: str | None) -> Verdict:
    if enhanced == "4.2.2" or _FULL.search(text):
        return Verdict.FULL_INBOX
    if enhanced == "4.5.3" or _TOO_MANY.search(text):
        return Verdict.TOO_MANY_RECIPIENTS
    if _EXPLICIT_GREYLIST.search(text):
        return Verdict.GREYLISTED
    if _BLOCKED_STRONG.search(text):
        return Verdict.SENDER_BLOCKED
    if _GREYLIST.search(text) or enhanced in {"4.2.0", "4.7.1"}:
        return Verdict.GREYLISTED
    return Verdict.TEMPORARY
