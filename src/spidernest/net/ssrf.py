"""The SSRF guard: which addresses a user-supplied URL may reach.

Private, loopback, link-local, multicast and reserved addresses are refused unless the
operator sets ``SPIDERNEST_ALLOW_PRIVATE_NETWORKS=true``. The check runs on the addresses a
host name resolves to *at connect time* (``GuardedNetworkBackend``), so a DNS answer that
changes between check and connect (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import typing
from urllib.parse import urlsplit

import httpcore

from spidernest.errors import TargetRefused

__all__ = ["GuardedNetworkBackend", "check_url", "is_public_address"]

ALLOWED_SCHEMES = frozenset({"http", "https"})


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (not private, loopback, link-local ...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Refuse URLs that are not http(s) or that name no host.

    Raises:
        TargetRefused: the scheme is not http/https or the host is missing.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise TargetRefused(f"URL scheme {parts.scheme!r} is not allowed: {url}")
    if not parts.hostname:
        raise TargetRefused(f"URL has no host: {url}")


async def resolve_checked(host: str, port: int, *, allow_private: bool) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing any non-public one.

    Raises:
        TargetRefused: the host resolves to a private/loopback/link-local address.
        OSError: the name does not resolve.
    """
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for address in addresses:
            if not is_public_address(address):
                raise TargetRefused(
                    f"{host} resolves to {address}, a private or local address; "
                    "set SPIDERNEST_ALLOW_PRIVATE_NETWORKS=true to allow it"
                )
    return addresses


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """An httpcore backend that connects only to addresses the guard approved."""

    def __init__(self, *, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._backend = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore backend interface)
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve, check every address, then connect to the first one that answers."""
        addresses = await resolve_checked(host, port, allow_private=self._allow_private)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore backend interface)
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Unix sockets are never a user's target."""
        raise TargetRefused("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        """Delegate to the default backend."""
        await self._backend.sleep(seconds)
