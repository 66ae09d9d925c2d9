"""An HTTP client for addresses that come from outside, which cannot be used to reach inside.

Every host is resolved here and each of its addresses checked before connecting; the connection
then goes to the checked address itself (a second DNS answer cannot swap in another), with the
host's name for TLS and the Host header. Redirects are followed by hand, each hop checked as the
first. Private, loopback, link-local, multicast and reserved addresses are refused unless
``NEWSROOM_EMBED_ALLOWED_NETWORKS`` names them. Answers are read up to a size limit and within a
time limit, and only of the content types the caller expects.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

USER_AGENT = "NewsroomEmbeds/1.0 (+oEmbed resolver)"
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A fetch we refused or that failed; the message is for the desk."""


@dataclass
class Answer:
    url: str
    status: int
    content_type: str
    content: bytes


def allowed_networks():
    return [
        ipaddress.ip_network(net, strict=False) for net in settings.NEWSROOM_EMBED_ALLOWED_NETWORKS
    ]


def is_public(address):
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in network for network in allowed_networks()):
        return True
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )  # fmt: skip


def checked_address(host, port):
    """One address of ``host`` to connect to; FetchError if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host} could not be resolved ({error}).") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(f"{host} has no address.")
    for address in addresses:
        if not is_public(address):
            raise FetchError(f"{host} resolves to {address}, a private address: refused.")
    return addresses[0]


def fetch(url, *, accept, max_bytes=None, deadline_seconds=None):
    """GET ``url``, following checked redirects; ``accept`` lists acceptable content types."""
    max_bytes = max_bytes or settings.NEWSROOM_EMBED_MAX_RESPONSE_BYTES
    timeout = settings.NEWSROOM_EMBED_TIMEOUT_SECONDS
    deadline = time.monotonic() + (deadline_seconds or timeout * 3)
    for _hop in range(settings.NEWSROOM_EMBED_MAX_REDIRECTS + 1):
        response = _request(url, timeout, accept)
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location", "")
                if not location:
                    raise FetchError(f"{url} redirected nowhere.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"{url} answered {response.status}.")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if not is_accepted(content_type, accept):
                raise FetchError(f"{url} answered {content_type or 'no content type'}.")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is {declared} bytes; the limit is {max_bytes}.")
            content = _read(response, max_bytes, deadline, url)
            return Answer(url, response.status, content_type, content)
        finally:
            response.release_conn()
    raise FetchError(f"More than {settings.NEWSROOM_EMBED_MAX_REDIRECTS} redirects from {url}.")


def is_accepted(content_type, accept):
    """``accept`` names types ("application/json") or families ending in "/" ("image/")."""
    return any(
        content_type == kind or (kind.endswith("/") and content_type.startswith(kind))
        for kind in accept
    )


def _read(response, max_bytes, deadline, url):
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} sent more than {max_bytes} bytes: refused.")
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took too long to answer.")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(f"{url} did not answer in time.") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{url} broke off its answer ({error}).") from error
    return b"".join(chunks)


def _request(url, timeout, accept):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url!r} is not a web address.")
    if parts.username or parts.password:
        raise FetchError(f"{url!r} carries credentials: refused.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    host_header = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    options = {
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
        "maxsize": 1,
        "headers": {"Host": host_header, "User-Agent": USER_AGENT, "Accept": ", ".join(accept)},
    }
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=parts.hostname, assert_hostname=parts.hostname,
            **options,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        return pool.urlopen(
            "GET", path, redirect=False, preload_content=False, assert_same_host=False
        )
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(f"{parts.hostname} did not answer in time.") from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"{parts.hostname} could not be reached ({error}).") from error
