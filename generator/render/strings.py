"""Reader-facing words: the interface's from the locale, the program's from its content."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.errors import BuildError
from generator.model import Content
from generator.render.flowchart import ChartLabels
from generator.vocabulary import COUNT, COUNT_CAPITAL, WORD_BY_NAME


@cache
def load_strings(language: str) -> dict[str, Any]:
    text = resources.files("generator").joinpath(f"locales/{language}.yml").read_text("utf-8")
    strings: dict[str, Any] = yaml.safe_load(text)
    return strings


class Strings:
    """Reader-facing words by dotted key; a missing key is an error, never an empty string.

    ``words`` are the program's own (``words:`` in ``content/site.yml``), each in place of the
    locale's generic default; ``counts`` are the numbers their ``{count}`` stands for."""

    def __init__(
        self,
        language: str,
        words: Mapping[str, str] | None = None,
        counts: Mapping[str, int] | None = None,
    ) -> None:
        try:
            self.table = load_strings(language)
        except FileNotFoundError:
            # Never English labelled as another language; check reports this first.
            raise BuildError(f"no locale file for the language '{language}'") from None
        self.words = dict(words or {})
        self.counts = dict(counts or {})

    @classmethod
    def of(cls, content: Content) -> Strings:
        """The words of one site: its locale's, and its program's own over their defaults."""
        site = content.site
        counts = {"pathways": len(content.pathways), "supports": len(content.supports)}
        return cls(site.language, site.words, counts)

    def _node(self, key: str) -> Any:
        node: Any = self.table
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(f"no text for '{key}' in the locale file")
            node = node[part]
        return node

    def __call__(self, key: str, **values: Any) -> str:
        node = self._node(key)
        return str(node).format(**values) if values else str(node)

    def items(self, key: str) -> list[str]:
        """A list of words, such as a table's column headings."""
        return [str(item) for item in self._node(key)]

    def word(self, name: str) -> str:
        """One of the program's words, or the locale's default, with its count filled in."""
        word = WORD_BY_NAME[name]
        text = self.words.get(name) or str(self._node(f"words.{name}"))
        if word.counts is None:
            return text
        return self.counted(text, self.counts[word.counts])

    def counted(self, text: str, count: int) -> str:
        """``text`` with ``{count}`` and ``{Count}`` as the number, spelled where the locale can.

        Only these two are replaced: anything else in braces is the writer's own text."""
        numbers = self.table["numbers"]
        spelled = str(numbers[count]) if 0 <= count < len(numbers) else str(count)
        capital = spelled[:1].upper() + spelled[1:]
        return text.replace(COUNT, spelled).replace(COUNT_CAPITAL, capital)

    def widget(self) -> dict[str, str]:
        """The words the decision tree's widget shows, its contact heading the program's."""
        return {**self.table["widget"], "contact_heading": self.word("contact_heading")}

    def chart(self) -> ChartLabels:
        """The words a decision tree's flowchart draws."""
        return ChartLabels(
            question=self("tree.chart_question"),
            outcome=self("tree.chart_outcome"),
            pathways_one=self("tree.chart_pathways.one"),
            pathways_other=self("tree.chart_pathways.other"),
        )

    def longdate(self, day: dt.date) -> str:
        month = self.table["months"][day.month - 1]
        return str(self.table["date_format"]).format(month=month, day=day.day, year=day.year)
