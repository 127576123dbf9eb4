"""The built site served by nginx with the documented configuration (deploy/nginx.conf), in
headless Chromium.

nginx runs Debian's package with a small wrapper that only says where: the port, the site's
folder, and a temporary folder for its pid, logs and buffers. County pages are served on another
origin under a strict Content-Security-Policy, as in the embed tests, but every file of the state's
site now comes with the headers the README tells a host to send.
"""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.build.site import BuildOptions, build
from generator.render.headers import HEADER_NAMES
from tests.browser import serve_folder
from tests.conftest import REPO, TODAY
from tests.test_embed_browser import CSP_WATCH, PATH, TREE, county_page, origin, walk
from tests.test_publish import parse_headers, rule_matches

pytestmark = pytest.mark.browser

WRAPPER = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {deploy}/nginx.conf;
    }}
}}
"""
# The site's own pages of each kind, each loaded under the headers nginx sends.
SITE_PAGES = (
    "",
    "pathways/",
    "pathways/emergency-state-loan/",
    "supports/consultancy/",
    "statutes/ec-52072/",
    "glossary/",
    "about/",
    f"find/{TREE}/",
    f"find/{TREE}/q/state-loan/",
    "embed-on-your-site/",
    "handbook/",
)


def nginx_path() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
    if not found:
        raise RuntimeError("nginx is not installed: run `make system-deps` (apt-get install nginx)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped: {log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not start listening within 10 s")


@dataclass(frozen=True)
class Published:
    state: str
    county: str
    site: Path


@pytest.fixture(scope="module")
def published() -> Iterator[Published]:
    # nginx's workers run as another user when it starts as root: the site and every folder
    # above it must be readable by anyone, which the build's modes (755/644) promise for the site.
    tmp = Path(tempfile.mkdtemp(prefix="pathways-nginx-"))
    tmp.chmod(0o755)
    county = tmp / "county"
    county.mkdir()
    process = None
    try:
        port = free_port()
        state = f"http://127.0.0.1:{port}/"
        site = tmp / "site"
        build(BuildOptions(REPO, site, site_url=state, pdf=False, today=TODAY))
        conf = tmp / "nginx.conf"
        conf.write_text(
            WRAPPER.format(tmp=tmp, port=port, site=site, deploy=REPO / "deploy"), "utf-8"
        )
        log = tmp / "error.log"
        process = subprocess.Popen(
            [nginx_path(), "-c", str(conf), "-p", str(tmp), "-e", str(log), "-g", "daemon off;"],
            stdin=subprocess.DEVNULL,
        )
        wait_for(port, process, log)
        script = (site / f"embed/{TREE}/snippet.html").read_text("utf-8")
        iframe = (site / f"embed/{TREE}/iframe-snippet.html").read_text("utf-8")
        framed = "".join(
            f'<iframe src="{state}{path}" title="{path}"></iframe>\n'
            for path in (f"embed/{TREE}/frame.html", "pathways/", f"embed/{TREE}/snippet.html")
        )
        for name, body in {
            "script.html": script,
            "iframe.html": iframe,
            "framed.html": framed,
        }.items():
            (county / name).write_text(county_page(body), "utf-8")
        (county / "county.css").write_text("body { margin: 0 }\n", "utf-8")
        s = origin(state)
        csp = (
            f"default-src 'none'; script-src {s}; style-src {s} 'self'; frame-src {s}; img-src {s}"
        )
        with serve_folder(county, headers={"Content-Security-Policy": csp}) as county_url:
            yield Published(state, county_url, site)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class Watch:
    """What a page did: CSP violations in any of its documents, console errors, script errors."""

    page: Any
    csp: list[str]
    errors: list[str]

    def violations(self) -> list[str]:
        found = list(self.csp)
        for frame in self.page.frames:
            try:
                marks = frame.evaluate("document.documentElement.dataset.csp || ''")
            except Exception:  # a frame the browser refused to show has no document of ours
                continue
            found += [f"{frame.url}: {directive}" for directive in marks.split()]
        return found


@pytest.fixture
def watch(browser: Any) -> Iterator[Watch]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    result = Watch(page, [], [])

    def console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            result.csp.append(message.text)
        elif message.type == "error" and "favicon.ico" not in (message.location or {}).get(
            "url", ""
        ):
            result.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    yield result
    context.close()


def fetch(url: str, accept_gzip: bool = False) -> http.client.HTTPResponse:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if accept_gzip else {}
    connection.request("GET", parts.path or "/", headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_nginx_sends_every_file_the_headers_of_headers_file(published: Published) -> None:
    """The documented nginx configuration and the ``_headers`` the build writes agree, file by
    file, on every header either of them sets."""
    rules = parse_headers((published.site / "_headers").read_text("utf-8"))
    files = sorted(
        p.relative_to(published.site).as_posix()
        for p in published.site.rglob("*")
        if p.is_file() and p.name != "_headers"
    )
    for rel in files:
        response = fetch(published.state + rel)
        assert response.status == 200, rel
        sent = {name: response.getheader(name) for name in HEADER_NAMES}
        (expected,) = [h for pattern, h in rules if rule_matches(pattern, "/" + rel)]
        assert sent == {name: expected.get(name) for name in HEADER_NAMES}, rel
    missing = fetch(published.state + "no/such/page/")
    assert missing.status == 404
    assert missing.getheader("Content-Type") == "text/html; charset=utf-8"
    assert missing.getheader("X-Frame-Options") == "DENY"


@pytest.mark.parametrize(
    "path",
    ["", "pathways/", f"embed/{TREE}.js", "data/pathways.json", "assets/stylesheets/pathways.css"],
)
def test_nginx_compresses_text(published: Published, path: str) -> None:
    response = fetch(published.state + path, accept_gzip=True)
    assert response.getheader("Content-Encoding") == "gzip", path
    assert response.getheader("Vary") == "Accept-Encoding"


def test_script_snippet_works_through_nginx(watch: Watch, published: Published) -> None:
    page = watch.page
    page.goto(published.county + "script.html")
    widget = page.locator("pathways-tree")
    # The widget ran: its integrity checks passed, which needs nginx's CORS header.
    expect(widget.locator("h2[tabindex]")).to_be_visible()
    walk(widget)
    outcome = widget.locator("[data-outcome]")
    expect(outcome).to_be_visible()
    assert outcome.locator("[data-pathway]").count() > 0
    assert watch.violations() == [] and watch.errors == []


def test_iframe_snippet_works_through_nginx(watch: Watch, published: Published) -> None:
    page = watch.page
    page.goto(published.county + "iframe.html")
    frame = page.frame_locator("iframe")
    expect(frame.locator("h2[tabindex]")).to_be_visible()
    walk(frame)
    expect(frame.locator("[data-outcome]")).to_be_visible()
    assert watch.violations() == [] and watch.errors == []


def test_only_the_frame_page_may_be_framed(watch: Watch, published: Published) -> None:
    page = watch.page
    page.goto(published.county + "framed.html")
    frames = [page.locator("iframe").nth(i).element_handle().content_frame() for i in range(3)]
    assert all(frames)
    expect(page.frame_locator("iframe").first.locator("pathways-tree h2[tabindex]")).to_be_visible()
    page.wait_for_load_state("load")
    refused = [f.url for f in frames[1:] if f is not None]
    assert refused == ["chrome-error://chromewebdata/"] * 2, refused


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_pass_their_content_security_policy(
    watch: Watch, published: Published, path: str
) -> None:
    page = watch.page
    response = page.goto(published.state + path)
    assert response is not None and response.ok
    headers = response.headers
    assert "content-security-policy" in headers
    assert headers["x-frame-options"] == "DENY"
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() >= 1
    assert watch.violations() == [] and watch.errors == []


def test_the_sites_scripts_run_under_its_policy(watch: Watch, published: Published) -> None:
    """Material's search (a worker reading an index) and the decision tree's widget work."""
    page = watch.page
    page.goto(published.state)
    page.locator(".md-search__input").click()
    page.keyboard.type("insolvent")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert "Emergency state loan referral" in page.locator(".md-search-result").inner_text()
    page.goto(f"{published.state}find/{TREE}/")
    walk(page.locator("pathways-tree"), PATH)
    expect(page.locator("pathways-tree [data-outcome]")).to_be_visible()
    # Material keeps preferences under the site's root, from the script that replaced its own.
    assert page.evaluate("__md_scope.href") == published.state
    assert watch.violations() == [] and watch.errors == []


def test_the_not_found_page_passes_its_policy(watch: Watch, published: Published) -> None:
    page = watch.page
    missing = page.goto(published.state + "no/such/page/")
    assert missing is not None and missing.status == 404
    assert missing.headers["x-frame-options"] == "DENY"
    expect(page.locator(".md-header")).to_be_visible()
    page.wait_for_load_state("networkidle")
    # The browser reports the page's own status as an error; nothing else may be one.
    assert [e for e in watch.errors if "404" not in e] == []
    assert watch.violations() == []
