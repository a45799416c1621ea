"""Which URLs newsdesk may request: http(s) only, and only public addresses.

URLs from feeds and sitemaps are untrusted: a feed could point newsdesk at
the machine it runs on, the local network or a cloud metadata service. A
hostname is resolved and *every* address it resolves to must be public
(globally routable); ``allow_private`` lifts that for loopback and private
networks (tests, an intranet), but cloud metadata endpoints and the whole
link-local range they live in (169.254.0.0/16, fe80::/10) stay refused.

``door_problem`` applies the same policy when a URL is first given (a source
added, a page posted to the API), without a DNS lookup: a literal address in
any spelling (``169.254.169.254``, ``2852039166``, ``0xa9fea9fe``) is judged
there; a host name is judged when it is fetched, on every redirect hop, since
what it resolves to can change.
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
    if allow_private and not (
        address.is_multicast or address.is_unspecified or address.is_link_local
    ):
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


def literal_address(host: str) -> Address | None:
    """The address a host names by itself, in any spelling the resolver accepts, else None."""
    try:
        infos = socket.getaddrinfo(
            host.strip("[]").split("%")[0],
            None,
            type=socket.SOCK_STREAM,
            flags=socket.AI_NUMERICHOST,
        )
    except (OSError, UnicodeError):
        return None
    return ipaddress.ip_address(infos[0][4][0].split("%")[0])


def door_problem(url: str, allow_private: bool = True) -> str | None:
    """Why ``url`` may not be taken in at all (None: it may, to be checked again when fetched).

    Not http(s), no host, or a literal address the fetcher would refuse; by default
    only what is never fetched (metadata, link-local, multicast, unspecified)."""
    try:
        host, _port = check_scheme(url)
    except SourceError as exc:
        return str(exc)
    address = literal_address(host)
    problem = address and address_problem(address, allow_private)
    return f"{url}: refused: {host} is {problem}" if problem else None


async def check_url(url: str, allow_private: bool = False) -> None:
    """Raise SourceError (``blocked``) unless ``url`` is http(s) and all its addresses allowed."""
    host, port = check_scheme(url)
    literal = literal_address(host)
    if literal is not None:
        addresses = {literal}
    else:
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
