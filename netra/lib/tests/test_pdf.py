"""Hostile HTML cannot make the PDF renderer read server files or fetch URLs (issue 14, item 2)."""

from __future__ import annotations

import http.server
import threading

import pytest

from netra.lib.pdf import ProjectAssetsFetcher, RefusedURL, render_pdf


@pytest.fixture
def listener():
    """A local HTTP server that records every request made to it."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///proc/self/environ",
        "http://127.0.0.1:1/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x",
        "https://netra.invalid/static/../../netra/settings.py",
        "https://netra.invalid/media/evidence/x.jpg",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(RefusedURL):
        ProjectAssetsFetcher().fetch(url)


def test_the_fetcher_serves_data_urls_and_project_static_files():
    data = ProjectAssetsFetcher().fetch("data:text/plain;base64,aGk=")
    assert data.read() == b"hi"
    static = ProjectAssetsFetcher().fetch("https://netra.invalid/static/netra/netra.css")
    assert static.content_type == "text/css" and static.read()


def test_a_hostile_document_neither_reads_files_nor_calls_out(listener, tmp_path):
    url, seen = listener
    secret = tmp_path / "identity.key"
    secret.write_text("NOT-FOR-PDF")
    html = f"""<html><head><link rel="attachment" href="file://{secret}">
      <link rel="stylesheet" href="{url}/style.css"></head>
      <body><img src="{url}/pixel.png"><a rel="attachment" href="file:///etc/passwd">x</a>
      <p>Surat</p></body></html>"""
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert seen == []  # the server was never asked
    assert b"/EmbeddedFile" not in pdf  # nothing was attached
