"""Fetch URLs from archives politely: through a cache, one request at a time per host, with retries.

Archives are public services run on small budgets: fontes waits at least `min_interval`
seconds between two requests to the same host, backs off exponentially on timeouts,
429 and 5xx (honouring Retry-After, capped), names itself in its User-Agent, and never asks
twice for a URL it already holds. A host that cannot be reached at all (no route, no name,
no answer to the connection) is not asked again in the same run: its other URLs fail at once.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from fontes import __version__
from fontes.corpus.url_cache import UrlCache

USER_AGENT = (
    f"fontes/{__version__} (weighs historical claims against primary sources; httpx/{httpx.__version__})"
)

#: Statuses worth asking again: the server is busy or failing, not refusing.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

#: The longest single wait, whatever a Retry-After header asks.
MAX_WAIT = 60.0

#: Transport errors that may pass: the network, not the request, was at fault.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
#: Transport errors that say the host cannot be reached: retrying in seconds will not help.
_UNREACHABLE = (httpx.ConnectError,)


class FetchError(Exception):
    """A URL that could not be fetched; str() is one line naming the URL and why."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


class PoliteFetcher:
    """Get a URL's body as a file in the cache, fetching it only when the cache lacks it.

    `sleep` and `clock` are injected so tests neither wait nor depend on time.
    `requests` counts the requests sent (retries included).
    """

    def __init__(
        self,
        client: httpx.Client,
        cache: UrlCache,
        *,
        min_interval: float = 1.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = MAX_WAIT,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.client, self.cache = client, cache
        self.min_interval, self.retries = min_interval, max(0, retries)
        self.backoff, self.max_wait = backoff, max_wait
        self.sleep, self.clock = sleep, clock
        self.requests = 0
        self._last_request: dict[str, float] = {}
        self._unreachable: dict[str, str] = {}  # host -> why it could not be reached

    def fetch(self, url: str) -> tuple[Path, bool]:
        """The path of `url`'s body, and True when it came from the cache. Raises FetchError."""
        cached = self.cache.get(url)
        if cached is not None:
            return cached, True
        return self._download(url), False

    def _download(self, url: str) -> Path:
        host = urlsplit(url).hostname or ""
        if host in self._unreachable:
            raise FetchError(url, self._unreachable[host])
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self._wait_for_turn(url)
            try:
                with self.client.stream(
                    "GET", url, headers={"User-Agent": USER_AGENT}, follow_redirects=True
                ) as response:
                    if response.is_success:
                        return self.cache.put(
                            url,
                            response.iter_bytes(),
                            status=response.status_code,
                            final_url=str(response.url),
                            content_type=response.headers.get("content-type", ""),
                        )
                    status = response.status_code
                    reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                    if status not in RETRY_STATUSES:
                        raise FetchError(url, reason, status)
                    if last:
                        raise FetchError(url, f"{reason} after {attempts} attempts", status)
                    delay = self._retry_delay(attempt, response.headers.get("retry-after"))
            except _UNREACHABLE as exc:
                self._unreachable[host] = f"{host} cannot be reached: {_describe(exc)}"
                raise FetchError(url, self._unreachable[host]) from None
            except _TRANSIENT as exc:
                if last:
                    if isinstance(exc, httpx.ConnectTimeout):  # never answered: do not wait on it again
                        self._unreachable[host] = f"{host} cannot be reached: {_describe(exc)}"
                    raise FetchError(url, f"{_describe(exc)} after {attempts} attempts") from None
                delay = self._retry_delay(attempt, None)
            except httpx.HTTPError as exc:
                raise FetchError(url, _describe(exc)) from None
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_for_turn(self, url: str) -> None:
        """Sleep until `min_interval` has passed since the last request to the URL's host."""
        host = urlsplit(url).hostname or ""
        previous = self._last_request.get(host)
        if previous is not None:
            wait = previous + self.min_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()
        self.requests += 1

    def _retry_delay(self, attempt: int, retry_after: str | None) -> float:
        """Retry-After when the server gives one, else backoff * 2**attempt; never above max_wait."""
        asked = _seconds(retry_after)
        delay = asked if asked is not None else self.backoff * 2**attempt
        return min(max(delay, 0.0), self.max_wait)


def _seconds(retry_after: str | None) -> float | None:
    """A Retry-After value (delta-seconds or an HTTP date) as seconds from now; None if absent or bad."""
    if not retry_after:
        return None
    value = retry_after.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return (when - dt.datetime.now(dt.UTC)).total_seconds()


def _describe(exc: Exception) -> str:
    """`ConnectTimeout (timed out)`: the error's kind, and its message when it has one."""
    message = str(exc).strip()
    return f"{type(exc).__name__} ({message})" if message else type(exc).__name__
