"""Files the generator adds to every site for the theme: scripts that close a theme's sinks."""

from __future__ import annotations

from importlib import resources

THEME_SCRIPTS = {
    "assets/javascripts/pathways-text-tooltips.js": "text-tooltips.js",
    "assets/javascripts/pathways-language-alternates.js": "language-alternates.js",
}
"""Where each script goes in the site, and its file in the package's ``assets/``."""


def theme_files() -> dict[str, str]:
    """``{path inside docs: text}`` of the theme scripts, listed in ``extra_javascript``."""
    assets = resources.files("generator").joinpath("assets")
    return {path: assets.joinpath(name).read_text("utf-8") for path, name in THEME_SCRIPTS.items()}
