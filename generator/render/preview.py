"""What ``pathways serve`` adds to the pages it previews: a banner listing the content's errors."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

PREVIEW_SCRIPT = "assets/javascripts/pathways-preview.js"
PREVIEW_PROBLEMS = "assets/javascripts/pathways-preview.json"
"""Read by the script, from beside it: the errors, one ``FILE:LINE:COL: ...`` line each."""


def problems_json(lines: Iterable[str]) -> str:
    return json.dumps(list(lines), ensure_ascii=False, indent=0) + "\n"


def preview_files(lines: Iterable[str] = ()) -> dict[str, str]:
    """``{path inside docs: text}``: the banner's script, listed in ``extra_javascript`` of a
    preview's configuration, and the list of errors it shows (none when ``lines`` is empty)."""
    script = resources.files("generator").joinpath("assets/preview.js").read_text("utf-8")
    return {PREVIEW_SCRIPT: script, PREVIEW_PROBLEMS: problems_json(lines)}
