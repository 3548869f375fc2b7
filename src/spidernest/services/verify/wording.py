"""The phrases real mail servers use in their replies, grouped by what they are about.

Pure data: ``classify.py`` decides in which order the groups are consulted. Each group was
collected from the replies of the large providers (Gmail, Microsoft 365/Outlook.com, Yahoo/AOL,
iCloud, GMX/web.de, Orange, Yandex, Mail.ru, QQ/163), the common MTAs (Postfix, Exim/cPanel,
Sendmail, qmail/chkuser, Exchange, Domino, CommuniGate, hMailServer, MailEnable) and the
filtering gateways (Mimecast, Proofpoint, Barracuda, Cisco IronPort, Symantec); the replies
themselves are in ``tests/fixtures/verify/rcpt_replies.json``.

Words like "unknown" or "does not exist" are only taken together with a noun that names the
recipient (user, mailbox, destinataire, Benutzer ...), so that "unknown error" or "erreur
inconnue" is never read as a missing mailbox.
"""

from __future__ import annotations

import re

__all__ = [
    "ABOUT_US",
    "ABOUT_US_WEAK",
    "BLOCKLIST_ZONE",
    "DIRECTORY_REJECTION",
    "DISABLED",
    "DOMAIN_NOT_HERE",
    "EXPLICIT_GREYLIST",
    "FULL",
    "GREYLIST",
    "MAILBOX_UNAVAILABLE",
    "NOT_FOUND",
    "OUR_QUOTA",
    "OUR_RATE",
    "RECIPIENT_ADDRESS_REJECTED",
    "RECIPIENT_RATE",
    "REPUTATION",
    "SIZE",
    "TOO_MANY",
]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


# Microsoft 365 directory-based edge blocking: the tenant has no such recipient
# ("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)").
DIRECTORY_REJECTION = _words(r"AS\(201806281\)")
# The same answer without the AS code: read so only together with the enhanced code 5.4.1.
RECIPIENT_ADDRESS_REJECTED = _words(r"recipient address rejected")

# About our connection, IP, sender or message, never about the mailbox: blocklists and
# reputation, authentication of our domain (SPF/DKIM/DMARC), our HELO/PTR, relaying, rate
# limits, harvest protection, and the anti-spam codes of Microsoft (AS(…), S3150, SC-001 …)
# and Yahoo ([TSS04], [BL21] …).
ABOUT_US = _words(
    r"spamhaus|spamcop|barracuda ?(?:reputation|central)|sorbs|abuseat|\brbl\b|dnsbl|\bpbl\b",
    r"\bxbl\b|\bsbl\b|uceprotect|black ?-?list|block ?-?list|deny ?-?list|blocked using",
    r"(?<!not )\blisted (?:at|on|by|in)\b|\b(?:is|are|been|currently) listed\b|blackhole",
    r"white ?-?list|allow ?-?list|reputation|unsolicited|\bspam|junk mail|user complaints",
    r"client host|(?:your|the|sending|sender|client|remote|connecting|this) ip\b",
    r"your (?:host|server|domain|network|mail ?server)\b",
    r"\bip (?:address )?(?:is |has been |was )?(?:listed|blocked|banned|blacklisted|not)",
    r"ip address|\bip=|dynamic(?:ally)?[- ](?:assigned )?ip|dial-?up|residential",
    r"\bptr\b|reverse (?:dns|hostname|lookup)|\brdns\b|\bhelo\b|\behlo\b",
    r"\bspf\b|\bdkim\b|\bdmarc\b|unauthenticated|not authenticated",
    r"relay(?:ing)? (?:access )?(?:is )?(?:denied|not permitted|not allowed|prohibited|"
    r"disallowed|rejected|refused)|(?:not (?:permitted|allowed)|unable|attempt) to relay",
    r"as a relay|does not relay|we do not relay|rcpthosts|relay (?:not )?permitted",
    r"delivery is not allowed to this address|open relay",
    r"authentication (?:is )?required|requires? authentication|must (?:be )?authenticat",
    r"must issue a starttls|tls required|encryption required",
    r"sender (?:address|domain|account|ip|host|mx|server|mail ?server|e-?mail|mailbox|"
    r"identity|reputation|verify|verification|callout|check|rejected|denied|blocked|refused|"
    r"not)\b|(?:domain|address) of (?:the )?sender|envelope sender|null sender|verification "
    r"failed for\b|bad outbound sender|banned send|sending (?:ip|host|domain|server)",
    r"rate limit|too many (?:connections|messages|errors|commands|concurrent)|concurren|throttl",
    r"too many (?:invalid|unknown|bad|failed|unverified) (?:recipients|rcpts?|addresses|users)",
    r"harvest|unexpected volume|temporarily deferred due|permanently deferred",
    r"your (?:access|account|sending)|(?:sending|submission|access)\b.{0,30}\bsuspended",
    r"(?:accept|deliver)(?:y of)? (?:this|your) message",
    r"\[(?:TSS?|BL|RL|DY)\d+\]|\b(?:SC|DY|OU|RP|SM)-00\d\b|\(S3\d{3}\)|\bAS\(\d+\)",
    r"ihre (?:ip|domain)|ip-adresse|absender|votre (?:adresse )?ip",
    r"exp[ée]diteur|su (?:direcci[oó]n )?ip|remitente|mittente|remetente|ваш (?:ip|адрес|сервер)",
)
# We open too many connections or send too fast: worth retrying later, unless the reply also
# speaks of our reputation (``REPUTATION``), which a short wait does not mend.
OUR_RATE = _words(
    r"rate limit|too many (?:connections|concurrent|messages|sessions)|concurren|throttl",
    r"slow down|max(?:imum)? (?:number of )?(?:connections|sessions)|trop de connexions",
)
REPUTATION = _words(
    r"spamhaus|spamcop|sorbs|\brbl\b|dnsbl|black ?-?list|block ?-?list|listed|blocked",
    r"reputation|unsolicited|\bspam|complaints|banned|abuse",
)
# DNS blocklist zones, kept when other host names are dropped from a reply before reading it.
BLOCKLIST_ZONE = _words(
    r"spamhaus|spamcop|sorbs|barracudacentral|uceprotect|abuseat|mailspike|dnsbl|\brbl\b",
    r"\bbl\.|\bzen\.|psbl|surbl|spamrats|backscatterer|senderscore",
)
# The sender's own sending quota (Google: "550 5.4.5 Daily sending quota exceeded").
OUR_QUOTA = _words(
    r"sending (?:quota|limit)|send(?:ing)? limit|daily .{0,30}(?:quota|limit)",
    r"relay (?:sending )?limit|per (?:hour|day) .{0,30}limit|messages per (?:hour|day)",
)
# Weaker policy wording: only consulted once the recipient-specific wordings did not match.
ABOUT_US_WEAK = _words(
    r"polic(?:y|ies)|access denied|not authori[sz]ed|prohibited|forbidden|refused|blocked",
    r"administrative|denied|rejected for policy|not accepted",
)
# The mailbox exists but receives too much mail right now (Gmail 4.2.1/5.2.1): not disabled.
RECIPIENT_RATE = _words(
    r"receiving mail (?:at a rate|too quickly|too fast)|rate that prevents",
    r"receive limit|too many messages for this (?:user|recipient|mailbox)",
)
DISABLED = _words(
    r"disabled|deactivated|inactiv|suspended|no longer (?:active|in use|available)",
    r"no longer accepts? (?:mail|messages|e-?mail)|discontinued",
    r"account (?:has been |is )?(?:closed|locked|expired|terminated|blocked|frozen)",
    r"mailbox (?:has been |is )?(?:closed|locked|frozen)|not accepting (?:mail|messages)",
    r"(?:konto|postfach|account|mailbox|benutzer)\w*\b.{0,20}\bgesperrt|deaktiviert",
    r"désactivé|desactivad[oa]|deshabilitad[oa]|desativad[oa]|desabilitad[oa]",
    r"disattivat[oa]|заблокирован|отключ[её]н",
)
FULL = _words(
    r"mailbox (?:is )?full|inbox (?:is )?full|\bfull mailbox|quota|storage allocation",
    r"over ?quota|out of (?:storage|space)|mailbox size limit|insufficient (?:user )?storage",
    r"storage limit|mailbox (?:is )?over",
    r"postfach\b.{0,40}\bvoll|speicher(?:platz)?\b.{0,20}\b(?:voll|erschöpft|überschritten)",
    r"bo[iî]te\b.{0,40}\bpleine|buz[oó]n\b.{0,30}\blleno|casilla\b.{0,20}\bllena",
    r"casella\b.{0,30}\bpiena|caixa\b.{0,30}\bcheia|(?:mailbox|postvak|postbus)\b.{0,20}\bvol\b",
    r"skrzynka\b.{0,40}\bpełna|schránka\b.{0,20}\bplná|переполнен|已满|容量不足",
)
# The host does not take mail for the domain at all: like a relay refusal, not a verdict on
# the mailbox (the domain's DNS may point at a host that no longer serves it).
DOMAIN_NOT_HERE = _words(
    r"domain (?:\S+ )?(?:does ?n[o']t exist|not found|is unknown|unknown|not (?:served|hosted|"
    r"handled|local|configured|supported))|unknown domain|no such domain|not a local domain",
    r"recipient domain|domain isn't in my list",
)
_NOUN_EN = r"(?:user|recipient|mailbox|address|account|person|addressee|alias|local ?part)"
NOT_FOUND = _words(
    rf"user ?unknown|unknown {_NOUN_EN}|{_NOUN_EN} unknown|unknown or illegal alias",
    rf"{_NOUN_EN}(?: \S+)? is unknown|no such {_NOUN_EN}",
    rf"{_NOUN_EN}(?: name)? (?:was )?not found|{_NOUN_EN} (?:is )?not valid",
    r"does ?n[o']t exist|not exist|non-?existent|no longer exists|recipientnotfound|recipnotfound",
    rf"invalid {_NOUN_EN}|(?:recipient|user) invalid|not a valid {_NOUN_EN}|bad recipient",
    r"unrout(?:e)?able address|no mailbox",
    r"doesn't have an? .{0,40}account|no account (?:by|with) that|not our customer",
    r"not listed in (?:the )?(?:public name|domino|address book)|address rejected\b(?!:)",
    r"validrcptto|not in my list of valid recipients|(?:user|mailbox|recipient) has moved",
    r"(?:benutzer|empfänger|adresse|postfach|konto|nutzer|mailbox|user)\w*\b.{0,20}\bunbekannt",
    r"unbekannte[rs]? (?:benutzer|empfänger|adresse|nutzer|mailbox)|existiert nicht",
    r"nicht vorhanden|gibt es nicht|ungültige? empfänger",
    r"(?:utilisateur|destinataire|adresse|compte|bo[iî]te|bal)\b.{0,25}\binconnue?",
    r"n'existe pas|n’existe pas|introuvable|destinataire invalide|adresse invalide|inexistante?",
    r"(?:usuario|destinatario|direcci[oó]n|buz[oó]n|cuenta)\b.{0,20}\bdesconocid[oa]",
    r"no existe|inexistente|usuario no válido|no encontrad[oa]",
    r"(?:utente|destinatario|indirizzo|casella)\b.{0,20}\b(?:sconosciut[oa]|inesistente)",
    r"non esiste|(?:usu[aá]rio|destinat[aá]rio|endere[cç]o|conta|caixa)\b.{0,20}\bdesconhecid",
    r"não existe|onbekende? (?:gebruiker|ontvanger|adres)|(?:gebruiker|ontvanger|adres)\w* "
    r"(?:is )?onbekend|bestaat niet",
    r"nie istnieje|nieznany (?:użytkownik|adres|odbiorca)|(?:użytkownik|adres|odbiorca)\w* "
    r"nieznany|neexistuje",
    r"(?:пользовател|адрес|ящик|получател)\w*\s.{0,20}(?:неизвестен|не найден|не существует)",
    r"нет такого|не существует",
    r"okänd (?:användare|mottagare|adress)|finns inte|ukjent (?:bruker|mottaker|adresse)",
    r"finnes ikke|ukendt (?:bruger|modtager|adresse)|findes ikke|bulunamad|mevcut değil",
    r"nem létezik|ismeretlen (?:felhasználó|címzett)|utilizator necunoscut|nu exist[aă]",
    r"不存在|存在しません|用户未找到",
)
# RFC 5321's wording for 550, "Requested action not taken: mailbox unavailable (e.g., mailbox
# not found, no access, or command rejected for policy reasons)": Outlook.com, GMX and web.de
# use it for a missing mailbox, but it is also the stock text of refusals for policy.
MAILBOX_UNAVAILABLE = _words(
    r"mailbox (?:is )?(?:unavailable|not available)(?: or not local)?(?: \(e\.g\.[^)]*\))?"
)
EXPLICIT_GREYLIST = _words(r"gr[ae]y ?-?list")
GREYLIST = _words(
    r"gr[ae]y ?-?list|try (?:again )?later|retry (?:later|in|timeout)",
    r"please (?:try|retry)|come back later|not yet authori[sz]ed",
)
TOO_MANY = _words(r"too many recipients|recipient limit|too many rcpt")
# A 552 that is about the message's size (RFC 5321 §4.5.3.1.10), not the mailbox's storage.
SIZE = _words(r"size|length|too (?:big|large)|recipients")
