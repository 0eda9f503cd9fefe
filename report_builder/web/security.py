"""The page's guard: only its own address, only with the token it printed, never from another site.

A request is refused when its Host header is not the server's own address (a DNS-rebinding page), when
a change comes with another site's Origin (a cross-site form), or when it carries neither the token
from the printed address nor the cookie the page set after it was opened with that token.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "report_builder_token"
SAFE_METHODS = ("GET", "HEAD")

REFUSED_HOST = "This page answers only at the address report-builder serve printed."
REFUSED_ORIGIN = "Changes are accepted only from the report page itself."
REFUSED_TOKEN = ("Open the page with the full address report-builder serve printed (it ends with ?token=…). "
                 "If you closed it, stop the server with Ctrl+C and start it again.")


def allowed_hosts(port: int) -> set[str]:
    """Return the Host headers the server answers to on this port."""
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


class Guard:
    """ASGI middleware checking Host, Origin and the token before anything else runs."""

    def __init__(self, app: ASGIApp, token: str, hosts: set[str]):
        self.app = app
        self.token = token
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        if headers.get("host", "") not in self.hosts:
            await _refuse(send, 400, REFUSED_HOST)
            return
        if scope["method"] not in SAFE_METHODS and not self._same_origin(headers):
            await _refuse(send, 403, REFUSED_ORIGIN)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if self._matches(query.get("token")):
            if scope["method"] in SAFE_METHODS:
                await self._sign_in(scope, send, query)
                return
        elif not self._matches(_cookie(headers.get("cookie", ""))):
            await _refuse(send, 403, REFUSED_TOKEN)
            return
        await self.app(scope, receive, send)

    def _matches(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def _same_origin(self, headers: dict[str, str]) -> bool:
        """Return whether a change comes from the page itself (or from no browser page at all)."""
        if headers.get("sec-fetch-site") == "cross-site":
            return False
        origin = headers.get("origin")
        return origin is None or origin.removeprefix("http://") in self.hosts

    async def _sign_in(self, scope: Scope, send: Send, query: dict[str, str]) -> None:
        """Set the token cookie and send the browser on to the same address without the token."""
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = scope.get("path", "/") + (f"?{rest}" if rest else "")
        cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode()),
                                (b"cache-control", b"no-store")]})
        await send({"type": "http.response.body", "body": b""})


def _cookie(header: str) -> str | None:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except Exception:  # a malformed Cookie header is the same as none  # noqa: BLE001
        return None
    morsel = cookies.get(COOKIE)
    return morsel.value if morsel else None


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (f"<!doctype html><meta charset=utf-8><title>Refused</title>"
            f"<p style='font:16px sans-serif;margin:2em'>{message}</p>").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
