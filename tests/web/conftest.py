"""Fixtures for the authoring page: the ASGI app over a copy of a report folder, called in-process by httpx."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from report_builder.web.app import create_app

PORT = 8123
TOKEN = "test-token"
BASE = f"http://127.0.0.1:{PORT}"


class Client:
    """httpx calling the ASGI app directly (no server), keeping its cookies between requests."""

    def __init__(self, app: Any):
        self.app = app
        self.cookies = httpx.Cookies()

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE, cookies=self.cookies) as client:
                response = await client.request(method, path, **kwargs)
                self.cookies.update(client.cookies)
                return response

        return asyncio.run(send())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)


class Page:
    """A client signed in to the page with the printed token, sending the CSRF token as the page's script does."""

    def __init__(self, client: Client, folder: Path):
        self.client = client
        self.folder = folder

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def csrf(self) -> str:
        text = self.client.get("/").text
        return text.split('"x-csrftoken": "', 1)[1].split('"', 1)[0]

    def post(self, path: str, data: Any, **kwargs: Any) -> httpx.Response:
        headers = {"x-csrftoken": self.csrf(), "origin": BASE, **kwargs.pop("headers", {})}
        return self.client.post(path, data=data, headers=headers, **kwargs)


def signed_in(folder: Path) -> Page:
    """Return a client of the page over folder, signed in with the printed token."""
    client = Client(create_app(folder, PORT, TOKEN))
    assert client.get(f"/?token={TOKEN}").status_code == 303
    return Page(client, folder)


@pytest.fixture
def page(small_report: Path) -> Page:
    """Return a client signed in to the page over a copy of the small report."""
    return signed_in(small_report)


@pytest.fixture
def client(small_report: Path) -> Client:
    """Return a client of the page that has not signed in."""
    return Client(create_app(small_report, PORT, "secret"))
