"""The shapes every fetch layer passes along: a request, a response and their limits."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["FetchLimits", "FetchRequest", "FetchResponse"]


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """Per-fetch budgets. Seconds and bytes; ``None`` means the client default."""

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 10


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One request as the layers see it."""

    url: str
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes | None = None
    limits: FetchLimits = FetchLimits()
    follow_redirects: bool = True
    respect_robots: bool = True
    retries: int | None = None


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """A complete (size-capped) response; ``url`` is the final URL after redirects."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes
    history: tuple[str, ...] = ()
    truncated: bool = False
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        """The media type without parameters, lowercased ('' when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset named in Content-Type, if any."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    @property
    def text(self) -> str:
        """The body decoded with the declared charset, falling back to UTF-8 with replacement."""
        charset = self.charset or "utf-8"
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    @property
    def is_html(self) -> bool:
        """Whether the response claims to be (X)HTML, or sniffs like HTML when untyped."""
        if self.content_type in {"text/html", "application/xhtml+xml"}:
            return True
        if not self.content_type:
            head = self.content[:512].lstrip().lower()
            return head.startswith((b"<!doctype html", b"<html"))
        return False
