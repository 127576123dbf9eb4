"""The handbook's files: its HTML page and stylesheet, and the tagged PDF made from them."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.model import Content
from generator.render.handbook import (
    HANDBOOK_CSS,
    HANDBOOK_DIR,
    PDF_NAME,
    handbook_css,
    handbook_html,
)

# Only the handbook's own files are read: a PDF build never touches the network.
LOCAL_SCHEMES = ("file", "data")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = self.errors if record.levelno >= logging.ERROR else self.warnings
        found.append(record.getMessage())


def _timestamp() -> str:
    """The PDF's dates: ``SOURCE_DATE_EPOCH`` when set, so that a rebuild gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        when = dt.datetime.now(dt.UTC)
    else:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError, OSError):
            raise BuildError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}"
            ) from None
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise BuildError(
            "the handbook PDF needs WeasyPrint: install it with "
            "`pip install 'pathways[pdf]'`, or build with --no-pdf"
        ) from None
    except OSError as exc:  # WeasyPrint loads Pango when imported
        raise BuildError(
            f"WeasyPrint cannot start ({exc}); install Pango (Debian: libpango-1.0-0 "
            "libpangoft2-1.0-0), or build with --no-pdf"
        ) from None
    return weasyprint


def _tag_languages() -> None:
    """Give each structure element of the PDF the language its HTML element names with
    ``lang``, where that differs from the document's.

    WeasyPrint tags the document's language only, so text a translated handbook still holds in
    the source's language would be read aloud in the wrong one. Its tag tree is built by one
    recursive function, called through the module for every box: wrapping it sees every box and
    the elements made for it. Where a WeasyPrint release builds its tags otherwise, the PDF keeps
    the document's language only and the HTML still says the rest."""
    try:
        import pydyf  # type: ignore[import-untyped]
        from weasyprint.pdf import tags
    except ImportError:
        return
    build = getattr(tags, "_build_box_tree", None)
    if build is None or getattr(build, "pathways_languages", False):
        return

    def labelled(made: Any, language: str) -> Any:
        if isinstance(made, dict) and "Lang" not in made:
            made["Lang"] = pydyf.String(language)
        return made

    def with_language(box: Any, *args: Any) -> Any:
        made = build(box, *args)
        element = getattr(box, "element", None)
        if element is None or getattr(box, "element_tag", None) in ("html", "body"):
            return made
        language = element.get("lang")
        # Anything but the stream of elements this release makes passes through untouched.
        if not language or not isinstance(made, Iterator):
            return made
        return (labelled(one, language) for one in made)

    with_language.pathways_languages = True  # type: ignore[attr-defined]
    tags._build_box_tree = with_language


def write_pdf(html_path: Path, pdf_path: Path) -> int:
    """Make the tagged PDF (PDF/UA-1) of the handbook page; return its number of pages."""
    weasyprint = _weasyprint()
    _tag_languages()
    stamp = _timestamp()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        fetcher = weasyprint.URLFetcher(allowed_protocols=LOCAL_SCHEMES)
        html = weasyprint.HTML(filename=str(html_path), url_fetcher=fetcher)
        document = html.render(pdf_variant="pdf/ua-1")
        document.metadata.created = document.metadata.modified = stamp
        if collect.errors:
            raise BuildError("the handbook PDF failed: " + "; ".join(collect.errors))
        # The file identifier is a hash of the content, so equal content gives equal bytes.
        document.write_pdf(
            str(pdf_path), pdf_variant="pdf/ua-1", pdf_identifier=True, finisher=_finish
        )
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(f"the handbook PDF failed: {type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(collect)
    if collect.errors:
        raise BuildError("the handbook PDF failed: " + "; ".join(collect.errors))
    return len(document.pages)


def _finish(document: Any, pdf: Any) -> None:
    """Open on the outline, so that a reader sees the chapters first."""
    pdf.catalog["PageMode"] = "/UseOutlines"


@dataclass(frozen=True)
class HandbookFiles:
    """The handbook's files by path inside the site, and the PDF's page count (None: no PDF)."""

    files: dict[str, str | bytes]
    pages: int | None


def handbook_files(content: Content, *, site_url: str | None, pdf: bool) -> HandbookFiles:
    """The handbook page and stylesheet, and with ``pdf`` the PDF made from them."""
    html = handbook_html(content, site_url=site_url, pdf_name=f"../{PDF_NAME}" if pdf else None)
    css = handbook_css()
    files: dict[str, str | bytes] = {
        f"{HANDBOOK_DIR}/index.html": html,
        f"{HANDBOOK_DIR}/{HANDBOOK_CSS}": css,
    }
    if not pdf:
        return HandbookFiles(files, None)
    with tempfile.TemporaryDirectory(prefix="pathways-handbook-") as tmp:
        folder = Path(tmp) / HANDBOOK_DIR
        folder.mkdir()
        (folder / "index.html").write_text(html, encoding="utf-8")
        (folder / HANDBOOK_CSS).write_text(css, encoding="utf-8")
        pages = write_pdf(folder / "index.html", Path(tmp) / PDF_NAME)
        files[PDF_NAME] = (Path(tmp) / PDF_NAME).read_bytes()
    return HandbookFiles(files, pages)
