"""Which company runs a domain's mail, read from its MX host names."""

from __future__ import annotations

__all__ = ["accepts_any_recipient", "detect_provider"]

# (host-name suffix, provider name as spelled in api-reference §1.5), most specific first.
_PROVIDER_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("google.com", "google"),
    ("googlemail.com", "google"),
    ("smtp.goog", "google"),
    ("mail.protection.outlook.com", "Microsoft"),
    ("olc.protection.outlook.com", "Microsoft"),
    ("outlook.com", "Microsoft"),
    ("hotmail.com", "Microsoft"),
    ("yahoodns.net", "Yahoo"),
    ("yahoo.com", "Yahoo"),
    ("zoho.com", "Zoho"),
    ("zoho.eu", "Zoho"),
    ("zoho.in", "Zoho"),
    ("zoho.com.au", "Zoho"),
    ("zohomail.com", "Zoho"),
    ("protonmail.ch", "ProtonMail"),
    ("protonmail.com", "ProtonMail"),
    ("proton.me", "ProtonMail"),
    ("icloud.com", "iCloud"),
    ("me.com", "iCloud"),
    ("secureserver.net", "GoDaddy"),
    ("registrar-servers.com", "Namecheap"),
    ("privateemail.com", "Namecheap"),
    ("jellyfish.systems", "Namecheap"),
    ("amazonaws.com", "Amazon SES"),
    ("sendgrid.net", "SendGrid"),
    ("mailgun.org", "Mailgun"),
)


def detect_provider(mx_hosts: list[str]) -> str | None:
    """The provider name of the first MX host that belongs to a known one, else ``"Other"``.

    Returns ``None`` when there is no mail host at all.
    """
    if not mx_hosts:
        return None
    for host in mx_hosts:
        name = host.lower().rstrip(".")
        for suffix, provider in _PROVIDER_SUFFIXES:
            if name == suffix or name.endswith("." + suffix):
                return provider
    return "Other"


# Providers whose MX answers 250 to every RCPT TO and refuses unknown users only after DATA
# (Yahoo's yahoodns.net, which also serves AOL, Verizon, Rocketmail, Ymail ...: its "554
# delivery error: dd This user doesn't have a yahoo.com account" comes after the message).
# An accepted recipient there is "accepts anything" (catch_all), never proof of a mailbox.
_ACCEPTS_ANY_RECIPIENT = frozenset({"Yahoo"})


def accepts_any_recipient(provider: str | None) -> bool:
    """Whether the provider's "250" to ``RCPT TO`` says nothing about the mailbox."""
    return provider in _ACCEPTS_ANY_RECIPIENT
