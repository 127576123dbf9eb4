"""Ready to publish: robots.txt, the sitemap's dates, the warning about a local site address,
and the headers every host is told to send (``_headers`` and the files in ``deploy/``)."""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build.publish import is_local_address
from generator.build.site import check
from generator.cli import main
from generator.render.headers import KINDS, deploy_files, kind_of
from tests.conftest import MINIMAL, REPO, ProjectFactory

SITE_URL = "http://127.0.0.1:8000/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def run(argv: Sequence[str | Path]) -> int:
    try:
        return main([str(arg) for arg in argv])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def sitemap(folder: Path) -> dict[str, str]:
    """``{address: date}`` of every entry in the sitemap."""
    root = ElementTree.fromstring((folder / "sitemap.xml").read_bytes())
    return {
        entry.findtext("s:loc", namespaces=NS) or "": entry.findtext("s:lastmod", namespaces=NS)
        or ""
        for entry in root.findall("s:url", NS)
    }


def site_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# robots.txt and the sitemap ------------------------------------------------------------------


def test_robots_txt_names_the_sitemap(shipped_site: Path) -> None:
    assert (shipped_site / "robots.txt").read_text("utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    )


def test_the_sitemap_lists_every_page_once(shipped_site: Path) -> None:
    entries = sitemap(shipped_site)
    pages = {
        rel
        for rel in site_files(shipped_site)
        if rel.endswith(".html")
        and rel.removeprefix("es/") != "404.html"
        and not rel.removeprefix("es/").startswith(("handbook/", "embed/"))
    }
    listed = {url.removeprefix(SITE_URL) + "index.html" for url in entries}
    assert listed == pages
    assert len(pages) > 30


def test_sitemap_dates_are_each_pages_own(shipped_site: Path) -> None:
    content, _ = check(REPO)
    assert content is not None
    entries = sitemap(shipped_site)
    for p in content.pathways:
        assert entries[f"{SITE_URL}pathways/{p.id}/"] == p.last_reviewed.isoformat()
    for st in content.statutes:
        assert entries[f"{SITE_URL}statutes/{st.slug}/"] == st.last_reviewed.isoformat()
    tree = content.trees[0]
    for url, day in entries.items():
        if url.startswith(f"{SITE_URL}find/{tree.id}/"):
            assert day == tree.last_reviewed.isoformat(), url
    newest = max(p.last_reviewed for p in content.pathways)
    assert entries[f"{SITE_URL}pathways/"] == newest.isoformat()
    assert (
        entries[SITE_URL]
        == next(p for p in content.pages if p.slug == "index").last_reviewed.isoformat()
    )


def test_the_compressed_sitemap_is_the_same_and_reproducible(shipped_site: Path) -> None:
    packed = (shipped_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (shipped_site / "sitemap.xml").read_bytes()
    assert packed[4:8] == b"\0\0\0\0"  # no time in the gzip header


LATER = {
    "content/pathways/second.yml": MINIMAL["content/pathways/first.yml"]
    .replace("id: first", "id: second")
    .replace("title: First pathway", "title: Second pathway")
    .replace("order: 1", "order: 2")
    .replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-20"),
    "content/pages/about.md": "---\ntitle: About\nlast_reviewed: 2026-10-05\n---\nAbout us.\n",
    "mkdocs.yml": "site_name: x\nsite_url: https://example.org/guide/\nuse_directory_urls: false\n",
}


def test_sitemap_and_data_follow_the_pages_dates_and_address_shape(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(LATER)
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert capsys.readouterr().err == ""
    base = "https://example.org/guide/"
    entries = sitemap(out)
    assert entries[f"{base}pathways/first.html"] == "2026-11-01"
    assert entries[f"{base}pathways/second.html"] == "2026-11-20"
    assert entries[f"{base}pathways/index.html"] == "2026-11-20"
    assert entries[f"{base}about.html"] == "2026-10-05"
    assert entries[f"{base}glossary.html"] == "2026-11-20"  # no date of its own: the newest
    for url in entries:
        assert (out / url.removeprefix(base)).is_file(), url
    data = (out / "data" / "pathways.json").read_text("utf-8")
    assert f'"page": "{base}pathways/second.html"' in data


# A local site address --------------------------------------------------------------------------

LOCAL_HARM = (
    "is a local address: the embed snippets and the handbook (its cover and the PDF) would point "
    "there; "
)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost:8000/", True),
        ("http://LOCALHOST/", True),
        ("http://docs.localhost/", True),
        ("http://127.0.0.1:8000/", True),
        ("http://127.1.2.3/guide/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("https://example.org/", False),
        ("https://localhost.example.org/", False),
        ("http://128.0.0.1/", False),
        ("http://[2001:db8::1]/", False),
    ],
)
def test_local_addresses(url: str, local: bool) -> None:
    assert is_local_address(url) is local


def test_a_local_site_url_in_mkdocs_yml_is_a_located_warning(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project(
        {
            "mkdocs.yml": "INHERIT: base.yml\nsite_name: x\n",
            "base.yml": "site_name: y\nsite_url: http://localhost:8000/\n",
        }
    )
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    stdout, err = capsys.readouterr()
    assert err == (
        f"base.yml:2:11: warning[local-site-url]: site_url: 'http://localhost:8000/' {LOCAL_HARM}before "
        "publishing, set the public address here or pass --site-url\n"
    )
    assert stdout == f"built {out} (0 errors, 1 warning)\n"
    # A warning, not an error: the site is built, pointing where it was told.
    assert "http://localhost:8000/" in (out / "handbook/index.html").read_text("utf-8")


def test_a_local_site_url_on_the_command_line_is_a_plain_warning(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_project({"mkdocs.yml": "site_name: x\nsite_url: https://example.org/\n"})
    out = tmp_path / "site"
    given = "http://127.0.0.1:9000/guide/"
    assert run(["build", "--root", root, "--out", out, "--no-pdf", "--site-url", given]) == 0
    stdout, err = capsys.readouterr()
    assert err == (
        f"warning[local-site-url]: --site-url '{given}' {LOCAL_HARM}give the public address before publishing\n"
    )
    assert stdout == f"built {out} (0 errors, 1 warning)\n"


# Headers ---------------------------------------------------------------------------------------


def parse_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a ``_headers`` file: each path pattern with its headers."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line, {}))
            continue
        name, _, value = line.strip().partition(": ")
        assert name not in rules[-1][1], f"{name} twice in {rules[-1][0]}"
        rules[-1][1][name] = value
    return rules


def rule_matches(pattern: str, path: str) -> bool:
    """As Netlify and Cloudflare Pages match: ``*`` is anything, ``:name`` one segment."""
    parts = [
        "[^/]+" if part.startswith(":") else re.escape(part).replace(r"\*", ".*")
        for part in pattern.split("/")
    ]
    return re.fullmatch("/".join(parts), path) is not None


def test_deploy_files_are_written_from_the_table() -> None:
    for name, text in deploy_files().items():
        written = (REPO / "deploy" / name).read_text("utf-8")
        assert written == text, f"deploy/{name} is stale: refresh it with 'make deploy-configs'"


def test_headers_give_every_file_one_rule_with_the_headers_of_its_kind(shipped_site: Path) -> None:
    rules = parse_headers((shipped_site / "_headers").read_text("utf-8"))
    files = [rel for rel in site_files(shipped_site) if rel != "_headers"]
    assert len(rules) < 100, "Cloudflare Pages reads 100 rules at most"
    for rel in files:
        addresses = ["/" + rel]
        if rel.endswith("index.html"):
            addresses.append("/" + rel.removesuffix("index.html"))
        for address in addresses:
            matching = [headers for pattern, headers in rules if rule_matches(pattern, address)]
            assert len(matching) == 1, (address, len(matching))
            assert matching[0] == dict(kind_of(rel).headers), address
    # Folders of one kind are one rule each, not a rule per file.
    assert ("/pathways/*", dict(kind_of("pathways/x/index.html").headers)) in rules
    assert any(pattern == "/data/*" for pattern, _ in rules)


@pytest.mark.parametrize(
    ("path", "cache", "cors", "framing"),
    [
        ("index.html", "public, max-age=300", None, "DENY"),
        ("pathways/first/index.html", "public, max-age=300", None, "DENY"),
        ("embed/dta-eligibility/frame.html", "public, max-age=300", "*", None),
        ("embed/dta-eligibility/snippet.html", "public, max-age=300", "*", "DENY"),
        ("embed/dta-eligibility.js", "public, max-age=300", "*", "DENY"),
        ("data/trees/dta-eligibility.json", "public, max-age=300", "*", "DENY"),
        (
            "assets/javascripts/bundle.a5f9d56c.min.js",
            "public, max-age=31536000, immutable",
            None,
            "DENY",
        ),
        (
            "assets/javascripts/workers/search.a7633da7.min.js.map",
            "public, max-age=31536000, immutable",
            None,
            "DENY",
        ),
        ("assets/stylesheets/pathways.css", "public, max-age=300", None, "DENY"),
        ("handbook/index.html", "public, max-age=300", None, "DENY"),
    ],
)
def test_kinds_of_file(path: str, cache: str, cors: str | None, framing: str | None) -> None:
    headers = dict(kind_of(path).headers)
    assert headers["Cache-Control"] == cache
    assert headers.get("Access-Control-Allow-Origin") == cors
    assert headers.get("X-Frame-Options") == framing
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = headers["Content-Security-Policy"]
    assert ("frame-ancestors *" in csp) == (framing is None)
    assert ("frame-ancestors 'none'" in csp) == (framing == "DENY")
    assert "'unsafe-eval'" not in csp
    assert ("'unsafe-inline'" in csp) == path.startswith("handbook/")
    assert "script-src 'self'" in csp or "default-src 'self'" in csp


def test_the_last_kind_takes_every_other_file() -> None:
    assert KINDS[-1].pattern == ""
    assert kind_of("no/such/thing.txt") is KINDS[-1]


def test_without_a_site_address_pages_are_named_from_the_root(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A site without a decision tree has no snippets, so it needs no address: it may take the
    # packaged preview address away.
    root = tmp_project({"mkdocs.yml": "site_url: null\n"})
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert capsys.readouterr().err == ""
    assert (out / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"
    assert sitemap(out)["/pathways/first/"] == "2026-11-01"
    data = (out / "data" / "pathways.json").read_text("utf-8")
    assert '"page": "/pathways/first/"' in data
