"""Who sent a request: the peer's address, or the address a trusted reverse proxy forwarded.

`X-Forwarded-For` is only believed when the peer itself is a trusted proxy (TRUSTED_PROXIES):
anyone else can write anything there. Each proxy appends the address it received the request
from, so the list is read from the right, skipping the trusted proxies; the first address that
is not one is the client. Entries to its left were written by the client and are never used.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from fastapi import Request

from coworking_bot.config import IPNetwork

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

FORWARDED_FOR = "X-Forwarded-For"


def parse_address(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_within(address: IPAddress, networks: Sequence[IPNetwork]) -> bool:
    return any(address in network for network in networks)


def client_address(request: Request, trusted_proxies: Sequence[IPNetwork]) -> IPAddress | None:
    """The address the request came from; None when it cannot be told (no peer, or a proxy we
    trust forwarded something that is not an address)."""
    if request.client is None:
        return None
    address = parse_address(request.client.host)
    if address is None or not is_within(address, trusted_proxies):
        return address
    forwarded = [
        entry
        for header in request.headers.getlist(FORWARDED_FOR)
        for entry in header.split(",")
        if entry.strip()
    ]
    for entry in reversed(forwarded):
        hop = parse_address(entry)
        if hop is None:
            return None
        address = hop
        if not is_within(address, trusted_proxies):
            break
    return address
