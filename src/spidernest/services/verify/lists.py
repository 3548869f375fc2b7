"""Domain and local-part lists: disposable domains, free mailbox providers, role accounts."""

from __future__ import annotations

from disposable_email_domains import allowlist as _disposable_allowlist
from disposable_email_domains import blocklist as _disposable_blocklist

__all__ = ["is_disposable_domain", "is_free_domain", "is_role_local_part"]

# Consumer mailbox providers: anyone can open an account there, so the address says nothing
# about a company. Large providers first; regional ones people meet in lead lists after.
FREE_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.ca", "yahoo.com.au", "yahoo.com.br",
        "yahoo.de", "yahoo.es", "yahoo.fr", "yahoo.it", "yahoo.co.jp", "ymail.com",
        "rocketmail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.de", "hotmail.es", "hotmail.fr", "hotmail.it",
        "outlook.com", "outlook.de", "outlook.fr", "outlook.es", "live.com", "live.co.uk",
        "live.de", "live.fr", "live.nl", "msn.com", "passport.com",
        "aol.com", "aim.com", "aol.co.uk", "aol.de", "aol.fr",
        "icloud.com", "me.com", "mac.com",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "tutanota.com", "tuta.io",
        "tutanota.de", "mailfence.com", "hushmail.com", "fastmail.com", "fastmail.fm",
        "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "ya.ru", "mail.ru", "inbox.ru",
        "list.ru", "bk.ru", "rambler.ru",
        "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.fr", "web.de", "t-online.de",
        "freenet.de", "posteo.de", "mailbox.org",
        "mail.com", "email.com", "usa.com", "inbox.com", "lycos.com",
        "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "neuf.fr",
        "libero.it", "virgilio.it", "tiscali.it", "alice.it", "tin.it",
        "btinternet.com", "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net",
        "charter.net", "earthlink.net", "juno.com", "optonline.net", "frontier.com",
        "shaw.ca", "rogers.com", "sympatico.ca", "bigpond.com", "optusnet.com.au",
        "xtra.co.nz", "seznam.cz", "centrum.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
        "telenet.be", "skynet.be", "ziggo.nl", "kpnmail.nl", "home.nl", "planet.nl",
        "bluewin.ch", "terra.com.br", "uol.com.br", "bol.com.br", "qq.com", "163.com",
        "126.com", "sina.com", "naver.com", "daum.net", "hanmail.net", "rediffmail.com",
    }
)  # fmt: skip

# Local parts that name a function rather than a person (RFC 2142 plus common business ones).
ROLE_LOCAL_PARTS = frozenset(
    {
        "abuse", "accounting", "accounts", "admin", "administrator", "admissions", "all",
        "billing", "bookings", "booking", "careers", "contact", "contactus", "customercare",
        "customerservice", "customersupport", "dev", "devnull", "enquiries", "enquiry",
        "everyone", "feedback", "finance", "ftp", "hello", "help", "helpdesk", "hostmaster",
        "hr", "info", "information", "inquiries", "inquiry", "it", "jobs", "legal", "list",
        "mail", "mailer-daemon", "marketing", "media", "news", "newsletter", "no-reply",
        "noc", "noreply", "do-not-reply", "donotreply", "null", "office", "orders", "partners",
        "payments", "postmaster", "press", "privacy", "purchasing", "recruiting",
        "recruitment", "reception", "registrar", "remove", "reservations", "root", "sales",
        "security", "service", "services", "shop", "spam", "staff", "studio", "support",
        "sysadmin", "team", "tech", "undisclosed-recipients", "unsubscribe", "usenet", "uucp",
        "webmaster", "welcome", "www", "kontakt", "verkauf", "buero", "bureau", "contacto",
        "ventas", "administracion", "secretariat", "direction", "commercial",
    }
)  # fmt: skip


def is_disposable_domain(domain: str) -> bool:
    """Whether ``domain`` (or a parent of it) is a known throwaway-mailbox service.

    The list is the maintained ``disposable-email-domains`` package, minus its allowlist.
    """
    labels = domain.lower().rstrip(".").split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in _disposable_allowlist:
            return False
        if candidate in _disposable_blocklist:
            return True
    return False


def is_free_domain(domain: str) -> bool:
    """Whether ``domain`` is a consumer mailbox provider anyone can sign up to."""
    return domain.lower().rstrip(".") in FREE_DOMAINS


def is_role_local_part(local_part: str) -> bool:
    """Whether the local part names a function (``info``, ``sales``) rather than a person.

    A ``+tag`` is ignored and ``.``/``_`` count as ``-`` (``customer.service`` is a role).
    """
    base = local_part.lower().split("+", 1)[0]
    if base in ROLE_LOCAL_PARTS:
        return True
    dashed = base.replace(".", "-").replace("_", "-")
    return dashed in ROLE_LOCAL_PARTS or dashed.replace("-", "") in ROLE_LOCAL_PARTS
