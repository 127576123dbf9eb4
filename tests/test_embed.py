"""The embed files: snippets whose integrity matches the files they load, absolute URLs from the
site's address, the same bytes from the same input, and an iframe page with nothing inline."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build.site import generate
from generator.cli import main
from generator.errors import ContentError
from generator.render.embed import FRAME_SANDBOX, default_primary, site_base, sri
from tests.conftest import REPO, TODAY

SITE_URL = "https://guidance.example.org/ccee"
BASE = SITE_URL + "/"
TREE = "dta-eligibility"
START = "state-loan"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in ("script", "style") else None

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.inline.append(f"<{self._open}>{data.strip()[:60]}")

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    tags.close()
    return tags


def copy_root(target: Path) -> Path:
    """A copy of the shipped content, so generating never touches the repository's build/."""
    target.mkdir(parents=True)
    for name in ("content", "decision_trees"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_root(tmp_path_factory.mktemp("embed") / "root")
    return generate(root, root / "site", site_url=SITE_URL, today=TODAY).docs_dir


def read(docs: Path, rel: str) -> str:
    return (docs / rel).read_text(encoding="utf-8")


def test_each_integrity_matches_the_bytes_it_names(docs: Path) -> None:
    checked = []
    for name in ("snippet.html", "iframe-snippet.html"):
        for script in parse(read(docs, f"embed/{TREE}/{name}")).all("script"):
            src, integrity = script["src"] or "", script["integrity"]
            assert src.startswith(BASE)
            assert integrity == sri((docs / src.removeprefix(BASE)).read_bytes())
            assert script["crossorigin"] == "anonymous"
            checked.append(src.removeprefix(BASE))
    assert checked == [f"embed/{TREE}.js", "embed/frame-host.js"]
    # The bundle pins its stylesheet the same way, so the script's hash covers the CSS too.
    css = sri((docs / "embed/pathways-tree.css").read_bytes())
    assert f'"css_integrity":"{css}"' in read(docs, f"embed/{TREE}.js")


def test_script_snippet_is_what_a_county_pastes(docs: Path) -> None:
    text = read(docs, f"embed/{TREE}/snippet.html")
    tags = parse(text)
    assert tags.inline == []
    [script] = tags.all("script")
    assert script["src"] == f"{BASE}embed/{TREE}.js" and "defer" in script
    [widget] = tags.all("pathways-tree")
    assert widget == {
        "tree": TREE,
        "lang": "en",  # the language of its bundle, which a page may load beside another's
        "contact-name": "",
        "contact-url": "",
        "contact-phone": "",
        "contact-email": "",
    }  # no url-state: an embedded widget never touches the county page's address
    [fallback] = tags.all("a")
    assert fallback["href"] == f"{BASE}find/{TREE}/q/{START}/"
    assert not any("style" in attrs for _, attrs in tags.tags)
    # The comment tells a county editor where a fresh copy comes from.
    assert f"copy this snippet again from {BASE}embed-on-your-site/" in text


def test_iframe_snippet_is_sandboxed_and_sized_without_inline_style(docs: Path) -> None:
    tags = parse(read(docs, f"embed/{TREE}/iframe-snippet.html"))
    assert tags.inline == []
    [frame] = tags.all("iframe")
    assert frame["src"] == f"{BASE}embed/{TREE}/frame.html"
    assert frame["title"] == "Find your pathway"
    assert frame["loading"] == "lazy"
    assert "style" not in frame
    sandbox = set((frame["sandbox"] or "").split())
    assert sandbox == set(FRAME_SANDBOX.split())
    # The frame never gets its real origin: with allow-same-origin and allow-scripts it could
    # reach the state origin's storage, or, on the same origin as its host, lift its sandbox.
    assert "allow-same-origin" not in sandbox and "allow-scripts" in sandbox
    [script] = tags.all("script")
    assert script["src"] == f"{BASE}embed/frame-host.js"


def test_frame_page_has_nothing_inline(docs: Path) -> None:
    text = read(docs, f"embed/{TREE}/frame.html")
    tags = parse(text)
    assert tags.inline == []
    assert tags.all("style") == []
    for tag, attrs in tags.tags:
        assert "style" not in attrs, tag
        assert not [a for a in attrs if a.startswith("on")], tag
    assert [s["src"] for s in tags.all("script")] == ["../frame.js", f"../{TREE}.js"]
    [csp] = [m for m in tags.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = csp["content"] or ""
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert tags.all("base") == [{"target": "_top"}]  # links open in the page, not the frame
    assert tags.all("pathways-tree") == [{"tree": TREE}]
    for name in ("frame.js", "frame.css", "frame-host.js", "pathways-tree.css", f"{TREE}.js"):
        assert (docs / "embed" / name).is_file()


def test_embed_page_shows_the_built_snippets(docs: Path) -> None:
    page = read(docs, "embed-on-your-site/index.md")
    for name in ("snippet.html", "iframe-snippet.html"):
        snippet = read(docs, f"embed/{TREE}/{name}")
        escaped = snippet.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace('"', "&quot;") in page
    assert '<script src="embed-page.js"></script>' in page
    assert "script-src https://guidance.example.org; style-src https://guidance.example.org" in page
    assert (docs / "embed-on-your-site" / "embed-page.js").is_file()


def test_same_input_gives_the_same_bytes(docs: Path, tmp_path: Path) -> None:
    root = copy_root(tmp_path / "again")
    again = generate(root, root / "site", site_url=SITE_URL, today=TODAY).docs_dir

    def embed_files(folder: Path) -> dict[str, bytes]:
        found = [*folder.glob("embed/**/*"), *folder.glob("embed-on-your-site/*")]
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found if p.is_file()}

    first = embed_files(docs)
    assert len(first) == 11
    assert embed_files(again) == first


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://guidance.example.org", "https://guidance.example.org/"),
        ("https://guidance.example.org/ccee", "https://guidance.example.org/ccee/"),
        (" http://127.0.0.1:8000/ ", "http://127.0.0.1:8000/"),
    ],
)
def test_site_address_ends_in_a_slash(given: str, expected: str) -> None:
    assert site_base(given) == expected


@pytest.mark.parametrize(
    "given", [None, "", "guidance.example.org", "ftp://x.org/", "https://x/?a"]
)
def test_a_missing_or_unusable_site_address_is_a_clear_error(given: str | None) -> None:
    with pytest.raises(ContentError) as caught:
        site_base(given)
    [problem] = caught.value.problems.errors
    code = "bad-site-url" if given else "no-site-url"
    assert problem.format().startswith(f"mkdocs.yml:1:1: error[{code}]: site_url ")


def test_build_without_any_site_url_fails_before_writing(tmp_path: Path) -> None:
    root = copy_root(tmp_path / "root")
    # The packaged defaults give a preview address; a root can take it away.
    (root / "mkdocs.yml").write_text("site_url: null\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", "--root", str(root), "--out", str(out), "--no-pdf"]) == 1
    assert not out.exists()


def test_cli_site_url_reaches_the_built_snippets(tmp_path: Path) -> None:
    root = copy_root(tmp_path / "root")
    out = tmp_path / "out"
    args = ["build", "--root", str(root), "--out", str(out), "--no-pdf", "--site-url", SITE_URL]
    assert main(args) == 0
    snippet = (out / f"embed/{TREE}/snippet.html").read_text("utf-8")
    assert f'src="{BASE}embed/{TREE}.js"' in snippet
    built = (out / f"embed/{TREE}.js").read_bytes()
    assert f'integrity="{sri(built)}"' in snippet
    assert (out / f"embed/{TREE}/frame.html").is_file()
    assert (out / "embed-on-your-site/index.html").is_file()


# The widget's default primary colour --------------------------------------------------------

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_embed_page_offers_the_widgets_own_default_colour(docs: Path) -> None:
    widget = (REPO / "generator" / "widget" / "pathways-tree.css").read_text("utf-8")
    declared = re.findall(r"--pw-default-primary:\s*([^;]+);", widget)
    assert declared == [default_primary()]
    page = read(docs, "embed-on-your-site/index.md")
    assert f'placeholder="{default_primary()}"' in page


def test_site_primary_colour_is_the_widgets_default() -> None:
    # The site's theme and the widget's shadow root share no stylesheet, so the site states the
    # colour too; this keeps the two from drifting apart.
    site = REPO / "generator" / "theme" / "overrides" / "assets" / "stylesheets" / "pathways.css"
    assert re.findall(r"--pw-blue:\s*([^;]+);", site.read_text("utf-8")) == [default_primary()]


def test_default_primary_colour_is_written_in_one_place_per_stylesheet() -> None:
    colour = default_primary().lower()
    found = sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "generator").rglob("*")
        if path.suffix in {".py", ".js", ".css", ".j2", ".yml", ".html"}
        for match in _HEX.findall(path.read_text("utf-8"))
        if match.lower() == colour
    )
    assert found == [
        "generator/theme/overrides/assets/stylesheets/pathways.css",
        "generator/widget/pathways-tree.css",
    ]
