"""Ready to publish: robots.txt, the sitemap's dates, and the warning about a local site
address."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build.publish import is_local_address
from generator.build.site import check
from generator.cli import main
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
        and rel != "404.html"
        and not rel.startswith(("handbook/", "embed/"))
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
        f"base.yml:2:11: warning: site_url: 'http://localhost:8000/' {LOCAL_HARM}before "
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
        f"warning: --site-url '{given}' {LOCAL_HARM}give the public address before publishing\n"
    )
    assert stdout == f"built {out} (0 errors, 1 warning)\n"


def test_without_a_site_address_pages_are_named_from_the_root(
    tmp_project: ProjectFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A site without a decision tree has no snippets, so it needs no address.
    root = tmp_project({"mkdocs.yml": "site_name: x\n"})
    out = tmp_path / "site"
    assert run(["build", "--root", root, "--out", out, "--no-pdf"]) == 0
    assert capsys.readouterr().err == ""
    assert (out / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"
    assert sitemap(out)["/pathways/first/"] == "2026-11-01"
    data = (out / "data" / "pathways.json").read_text("utf-8")
    assert '"page": "/pathways/first/"' in data
