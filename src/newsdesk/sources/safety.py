"""Which URLs newsdesk may request: http(s) only, and only public addresses.

URLs from feeds and sitemaps are untrusted: a feed could point newsdesk at
the machine it runs on, the local network or a cloud metadata service. A
hostname is resolved and *every* address it resolves to must be public
(globally routable); ``allow_private`` lifts that for loopback and private
networks (tests, an intranet), but cloud metadata endpoints stay refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from newsdesk.sources.errors import SourceError

SCHEMES = ("http", "https")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
METADATA = {
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
}


def check_scheme(url: str) -> tuple[str, int]:
    """The (host, port) of an http(s) URL; SourceError (``blocked``) for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise SourceError(f"{url}: not a valid URL ({exc})", "blocked") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise SourceError(f"{url}: refused: only http and https URLs are fetched", "blocked")
    if not parts.hostname:
        raise SourceError(f"{url}: refused: no host name", "blocked")
    return parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)


def address_problem(address: Address, allow_private: bool) -> str | None:
    """Why ``address`` may not be contacted, or None if it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA:
        return "a cloud metadata address"
    if address.is_global and not address.is_multicast:
        return None
    if allow_private and not (address.is_multicast or address.is_unspecified):
        return None
    for label, test in (
        ("a loopback address", address.is_loopback),
        ("a link-local address", address.is_link_local),
        ("a multicast address", address.is_multicast),
        ("an unspecified address", address.is_unspecified),
        ("a private address", address.is_private),
    ):
        if test:
            return label
    return "not a public address"


async def check_url(url: str, allow_private: bool = False) -> None:
    """Raise SourceError (``blocked``) unless ``url`` is http(s) and all its addresses allowed."""
    host, port = check_scheme(url)
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        addresses: set[Address] = {literal}
    except ValueError:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise SourceError(f"{url}: cannot resolve {host} ({exc})", "network") from exc
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    for address in sorted(addresses, key=str):
        problem = address_problem(address, allow_private)
        if problem:
            hint = "" if allow_private else " (--allow-private permits private networks)"
            raise SourceError(
                f"{url}: refused: {host} resolves to {address}, {problem}{hint}", "blocked"
            )
