"""An HTML page or fragment read into its start tags and its text, for tests that look inside
built pages and feed entries without a browser."""

from __future__ import annotations

from html.parser import HTMLParser


class Markup(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def first(self, tag: str, **match: str) -> dict[str, str | None]:
        """The attributes of the first ``tag`` whose attributes match (``http_equiv`` stands
        for ``http-equiv``)."""
        return next(
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in match.items())
        )
