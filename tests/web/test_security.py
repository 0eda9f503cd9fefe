"""The page's guard: its own Host only, its own Origin only, the printed token, CSRF; text escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

BASE = "http://127.0.0.1:8123"


def test_without_the_token_the_page_is_refused(client) -> None:
    response = client.get("/")
    assert response.status_code == 403
    assert "full address report-builder serve printed" in response.text


def test_a_wrong_token_is_refused(client) -> None:
    assert client.get("/?token=guess").status_code == 403


def test_the_token_signs_in_and_is_dropped_from_the_address(client) -> None:
    response = client.get("/?token=secret")
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "HttpOnly" in response.headers["set-cookie"] and "SameSite=Strict" in response.headers["set-cookie"]
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8123", "127.0.0.1:9999", "localhost", ""], ids=repr)
def test_a_foreign_host_header_is_refused(client, host: str) -> None:
    response = client.get("/?token=secret", headers={"host": host})
    assert response.status_code == 400


def test_a_change_from_another_site_is_refused(client) -> None:
    client.get("/?token=secret")
    response = client.post("/sections/add", data={"title": "X"}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403
    response = client.post("/sections/add", data={"title": "X"}, headers={"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


def test_a_change_without_the_csrf_token_is_refused(client, small_report: Path) -> None:
    client.get("/?token=secret")
    response = client.post("/sections/add", data={"title": "New"}, headers={"origin": BASE})
    assert response.status_code == 403
    assert not (small_report / "sections" / "new.yaml").exists()


def test_every_page_says_no_scripts_but_its_own(client) -> None:
    client.get("/?token=secret")
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_files_outside_the_output_folder_cannot_be_downloaded(client) -> None:
    client.get("/?token=secret")
    for path in ("/files/..%2Freport.yaml", "/files/report.yaml", "/thumbnails/..%2F..%2Freport.yaml"):
        assert client.get(path).status_code == 404
