"""Screenshots of the current build for the README, so that what it shows stays true.

Builds the shipped content (with the PDF) into a temporary folder, serves it on localhost and
takes Chromium screenshots at 320 and 1280 CSS pixels wide of the home page, a pathway (and the
same pathway in Spanish), the tree page in three states (the first question, a later question,
a result), a no-JavaScript question page, and a page of the handbook PDF (pdftoppm). Writes docs/screenshots/*.png. Run by
`make screenshots`; needs Chromium and poppler-utils (see scripts/system-deps.sh)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.build.site import BuildOptions, build  # noqa: E402
from generator.errors import BuildError, ContentError  # noqa: E402
from generator.render.strings import Strings  # noqa: E402
from tests.browser import CHROMIUM_ARGS, chromium_path, serve_folder  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TREE = "find/dta-eligibility/"
WIDTHS = {320: 640, 1280: 860}  # width: height of the window, in CSS pixels
PAGES = {
    "home": "",
    "pathway": "pathways/emergency-state-loan/",
    "pathway-es": "es/pathways/emergency-state-loan/",
    "nojs": TREE + "q/state-loan/",
}
PDF_PAGE = 9  # a pathway, with its legal basis and the references to the appendix


def answer(page: Any, question: str, choice: str) -> None:
    page.locator(f'pathways-tree input[name="{question}"][value="{choice}"]').check()
    page.get_by_role("button", name=Strings("en")("widget.continue")).click()


def shoot(page: Any, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(OUT / f"{name}.png"), animations="disabled", caret="hide")
    print(OUT / f"{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pathways-shots-") as tmp:
        site = Path(tmp) / "site"
        build(BuildOptions(ROOT, site, site_url="http://127.0.0.1:8000/", today=dt.date.today()))
        with sync_playwright() as p, serve_folder(site) as base:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    shoot(page, f"{name}-{width}")
                page.goto(base + TREE)
                page.wait_for_load_state("networkidle")
                page.locator("pathways-tree input[type=radio]").first.wait_for()
                page.locator("pathways-tree").scroll_into_view_if_needed()
                shoot(page, f"tree-question-{width}")
                answer(page, "state-loan", "yes")
                page.locator('pathways-tree input[name="loan-district"]').first.wait_for()
                shoot(page, f"tree-next-{width}")
                answer(page, "loan-district", "district")
                answer(page, "loan-pupil-groups", "yes")
                page.locator("pathways-tree [data-outcome]").wait_for()
                shoot(page, f"tree-result-{width}")
                context.close()
            browser.close()
        prefix = OUT / "handbook-page"
        args = ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(PDF_PAGE)]
        subprocess.run([*args, str(site / "handbook.pdf"), str(prefix)], check=True)
        print(f"{prefix}.png")


if __name__ == "__main__":
    try:
        main()
    except (BuildError, ContentError) as exc:
        sys.exit(f"error: {exc}")
