"""Opening a Connect client for a profile: the server URL, the key, the HTTP client.

The caller owns the returned client for the length of a ``with`` block (one client per
thread); the key is never logged nor part of any message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from urllib.parse import urlsplit

import httpx

from ordinavo_desk.connect.client import ClientSettings, ConnectClient
from ordinavo_desk.connect.retry import RetryPolicy
from ordinavo_desk.domain.errors import InputError

#: Opens a client for (base URL, API key, read timeout or None for the default, retries).
ClientFactory = Callable[
    [str, str, float | None, RetryPolicy | None], AbstractContextManager[ConnectClient]
]


def check_base_url(url: str) -> str:
    """The URL without a trailing slash; an InputError when it is no http(s) URL."""
    text = url.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise InputError(
            f"'{url}' is not a server URL (expected e.g. https://ordinavo.de/api/connect/v1)",
            field="--url",
        )
    if parts.query or parts.fragment:
        raise InputError("the server URL may not have a query or fragment", field="--url")
    return text


@contextmanager
def open_client(
    base_url: str,
    api_key: str,
    timeout: float | None = None,
    retry: RetryPolicy | None = None,
) -> Iterator[ConnectClient]:
    """A ConnectClient over its own ``httpx.Client``, closed when the block ends.
    ``timeout`` bounds connecting and each read (default: the client's settings)."""
    settings = ClientSettings(base_url=base_url, retry=retry or RetryPolicy())
    if timeout is not None:
        settings = ClientSettings(
            base_url=base_url,
            connect_timeout=timeout,
            read_timeout=timeout,
            write_timeout=timeout,
            pool_timeout=timeout,
            retry=settings.retry,
        )
    with httpx.Client() as http:
        yield ConnectClient(http, api_key, settings)
