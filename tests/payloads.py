"""A catalogue of script-injection payloads, and content that puts them into every text field.

Each payload that could run calls ``__pwn(NAME)``; each that could add markup carries a ``pwn``
attribute, so a test can tell a payload's element or attribute from the site's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.vocabulary import WORDS


@dataclass(frozen=True)
class Payload:
    name: str
    text: str

    @property
    def one_line(self) -> bool:
        return "\n" not in self.text


def _p(name: str, text: str) -> Payload:
    return Payload(name, text)


# Payloads that `check` accepts: each must end up as text, or as harmless markup.
ACCEPTED: tuple[Payload, ...] = (
    # Raw HTML, in all its forms.
    _p("script", "<script>__pwn(1)</script>"),
    _p("img", "<img src=x onerror=__pwn(1) pwn>"),
    _p("svg", "<svg onload=__pwn(1) pwn><script>__pwn(1)</script></svg>"),
    _p("svg-animate", "<svg><a><animate attributeName=href values=javascript:__pwn(1) pwn/>"),
    _p("svg-xlink", "<svg><a xlink:href='javascript:__pwn(1)' pwn><text>x</text></a></svg>"),
    _p("math", "<math href='javascript:__pwn(1)' pwn><mi>x</mi></math>"),
    _p("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=__pwn(1)>"),
    _p("iframe", "<iframe srcdoc='<script>parent.__pwn(1)</script>' pwn></iframe>"),
    _p("details", "<details open ontoggle=__pwn(1) pwn>"),
    _p("form", "<form action='javascript:__pwn(1)' pwn><button>go</button></form>"),
    _p("object", "<object data='javascript:__pwn(1)' pwn></object>"),
    _p("embed", "<embed src='javascript:__pwn(1)' pwn>"),
    _p("base", "<base href='javascript:__pwn(1)//' pwn>"),
    _p("meta", "<meta http-equiv=refresh content='0;url=javascript:__pwn(1)' pwn>"),
    _p("a-script", "<a href='javascript:__pwn(1)' pwn>x</a>"),
    _p("a-handler", "<a href='https://example.org/' onmouseover=__pwn(1) pwn>x</a>"),
    _p("comment", "<!--><img src=x onerror=__pwn(1) pwn>-->"),
    _p("noscript", "<noscript><p title='</noscript><img src=x onerror=__pwn(1) pwn>'>"),
    _p("unclosed", "<img src=x onerror=__pwn(1) pwn"),
    _p("slashes", "<img/src=x/onerror=__pwn(1)/pwn>"),
    _p("fake-autolink", "<https:/onmouseover=__pwn(1)/pwn>"),
    _p("tel-autolink", "<tel:1/onmouseover=__pwn(1)/pwn>"),
    _p("autolink-quote", '<https://example.org/"onmouseover="__pwn(1)"pwn="1>'),
    _p("automail-quote", '<a@example.org"onmouseover="__pwn(1)"pwn="1>'),
    # Breaking out of where a value is put: attributes, comments, raw text elements.
    _p("double-quote", '"><img src=x onerror=__pwn(1) pwn>'),
    _p("single-quote", "'><img src=x onerror=__pwn(1) pwn>"),
    _p("textarea", "</textarea><img src=x onerror=__pwn(1) pwn>"),
    _p("title", "</title><img src=x onerror=__pwn(1) pwn>"),
    _p("comment-end", "--><img src=x onerror=__pwn(1) pwn><!--"),
    _p("entities", "&lt;img src=x onerror=__pwn(1) pwn&gt;"),
    _p("numeric", "&#60;img src=x onerror=__pwn(1) pwn&#62;"),
    # Markdown attribute lists, on every kind of element they attach to.
    _p("attr-em", "*em*{ onmouseover=__pwn(1) pwn }"),
    _p("attr-colon", "**b**{: tabindex=0 autofocus onfocus=__pwn(1) pwn }"),
    _p("attr-href", "[x](https://example.org/){ href=javascript:__pwn(1) pwn }"),
    _p("attr-img", "![i](https://example.invalid/i.png){: onerror=__pwn(1) pwn }"),
    _p("attr-code", "`code`{: onmouseover=__pwn(1) pwn }"),
    _p("attr-link-text", "[*a*{: onmouseover=__pwn(1) pwn }](https://example.org/)"),
    _p("attr-autolink", "<https://example.org/>{: onmouseover=__pwn(1) pwn }"),
    _p("attr-citation", "EC 1{: onmouseover=__pwn(1) pwn }"),
    _p("attr-abbr", "LEA{: onmouseover=__pwn(1) pwn }"),
    _p("attr-escaped-tick", "\\`*b*{: onmouseover=__pwn(1) pwn }`"),
    _p("attr-double-backslash", "*b*\\\\{: onmouseover=__pwn(1) pwn }"),
    _p("attr-entity-brace", "*b*&#123;: onmouseover=__pwn(1) pwn }"),
    _p("attr-style", "*s*{: style='background:url(javascript:__pwn(1))' pwn }"),
    _p("template", "{{ __pwn(1) }} {% raw %}"),
    # Spreadsheet formulas, for the scenario table's CSV.
    _p("formula", '=HYPERLINK("https://example.invalid/","x")'),
    _p("formula-plus", "+1+cmd|' /C calc'!A0"),
    _p("formula-minus", "-2+3"),
    _p("formula-at", "@SUM(1+1)"),
    # The same through block syntax: headings, paragraphs, line breaks, lists, tables.
    _p("attr-heading", "\n\n## H { onmouseover=__pwn(1) pwn }\n\n"),
    _p("attr-block", "para\n{: tabindex=0 autofocus onfocus=__pwn(1) pwn }"),
    _p("attr-break", "line  \n{: onmouseover=__pwn(1) pwn } more"),
    _p("attr-list-item", "\n\n- item\n{: onmouseover=__pwn(1) pwn }\n\n"),
    _p("table", "\n\n| a | b |\n| - | - |\n| <img src=x onerror=__pwn(1) pwn> | *c*{: pwn } |\n\n"),
    _p(
        "def-list",
        "\n\nTerm *t*{: onmouseover=__pwn(1) pwn }\n: <img src=x onerror=__pwn(1) pwn>\n\n",
    ),
    _p("admonition", '\n\n!!! note "<img src=x onerror=__pwn(1) pwn>"\n    *x*{: pwn }\n\n'),
    _p("md-in-html", '\n\n<div markdown="1" onmouseover="__pwn(1)" pwn>*x*</div>\n\n'),
    _p("abbr-def", "\n\n*[LEA]: <img src=x onerror=__pwn(1) pwn>\n\n"),
    _p("abbr-def-in-list", "\n\n- *[EC]: <img src=x onerror=__pwn(1) pwn>\n\n"),
    _p(
        "ref-title",
        '\n\n[x][r1]\n\n[r1]: https://example.org/ "t\\" onmouseover=__pwn(1) pwn=\\""\n\n',
    ),
    _p("code-block", "\n\n    <img src=x onerror=__pwn(1) pwn>\n\n"),
)

# Payloads that `check` refuses: where the error points (the text at its line and column), and
# the scheme it names.
REJECTED: tuple[tuple[Payload, str, str], ...] = (
    (_p("js", "See [x](javascript:__pwn(1))."), "[x]", "javascript"),
    (_p("js-case", "[x](JaVaScRiPt:__pwn(1))"), "[x]", "javascript"),
    (_p("js-entity", "[x](jav&#x61;script:__pwn(1))"), "[x]", "javascript"),
    (_p("js-tab", "[x](java&#9;script:__pwn(1))"), "[x]", "javascript"),
    (_p("js-colon", "[x](javascript&colon;__pwn(1))"), "[x]", "javascript"),
    (_p("js-space", "[x](   javascript:__pwn(1))"), "[x]", "javascript"),
    (_p("js-angle", "[x](<javascript:__pwn(1)>)"), "[x]", "javascript"),
    (_p("js-nested", "See [a [b] c](javascript:__pwn(1))"), "[a [b]", "javascript"),
    (_p("js-newline-text", "See [a\nb](javascript:__pwn(1))"), "[a", "javascript"),
    (_p("js-reference", "[x][r]\n\n[r]: javascript:__pwn(1)"), "[r]:", "javascript"),
    (_p("js-reference-next-line", "[x][r]\n\n[r]:\n  javascript:__pwn(1)"), "[r]:", "javascript"),
    (_p("js-reference-angle", '[x][r]\n\n[r]: <javascript:__pwn(1)> "t"'), "[r]:", "javascript"),
    (_p("js-image", "![x](javascript:__pwn(1))"), "![x]", "javascript"),
    (_p("vbscript", "[x](vbscript:__pwn(1))"), "[x]", "vbscript"),
    (_p("data-link", "[x](data:text/html,<script>__pwn(1)</script>)"), "[x]", "data"),
    (_p("data-image", "![x](data:image/svg+xml,<svg onload=__pwn(1)>)"), "![x]", "data"),
    (_p("data-base64", "[x](data:text/html;base64,PHNjcmlwdD4=)"), "[x]", "data"),
    (_p("js-autolink", "<javascript:__pwn(1)>"), "<javascript", "javascript"),
)

FORMULA_STARTS = ("=", "+", "-", "@")
TODAY = dt.date(2026, 11, 27)
REVIEWED = dt.date(2026, 11, 1)


def everything(multi_line: bool = True) -> str:
    """All payloads in one Markdown text, one paragraph each."""
    return "\n\n".join(p.text.strip("\n") for p in ACCEPTED if multi_line or p.one_line)


def packed(limit: int) -> list[str]:
    """The one-line payloads packed into values of at most ``limit`` characters."""
    out: list[str] = []
    for p in ACCEPTED:
        if not p.one_line or len(p.text) > limit:
            continue
        if out and len(out[-1]) + 1 + len(p.text) <= limit:
            out[-1] += " " + p.text
        else:
            out.append(p.text)
    return out


def _pick(values: list[str], i: int) -> str:
    return values[i % len(values)]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


PLAIN = "Plain text."


def payload_files() -> dict[str, str]:
    """A content root with every accepted payload in every published text field.

    Prose fields take every payload at once, one paragraph each, in the first object of each
    kind; the others exist to carry the rest of the one-line payloads in their short fields."""
    text = everything()
    # A list item is stripped, so the indented code block is the same item as the image.
    steps = list(dict.fromkeys(p.text.strip() for p in ACCEPTED))
    p80, p200, p300 = packed(80), packed(200), packed(300)

    def prose(i: int) -> str:
        return text if i == 0 else PLAIN

    files: dict[str, str] = {}
    files["content/site.yml"] = _dump(
        {
            "title": p200[0],
            "tagline": text,
            "description": p300[0],
            "publisher": p200[1],
            "language": "en",
            "edition": REVIEWED,
            "review_interval_days": 365,
            "support_groups": [
                {"id": "first", "title": p80[0], "intro": text, "home_title": p80[1]},
                {"id": "second", "title": p80[2], "intro": PLAIN},
            ],
            # Every word a program sets, a payload in each: one-line words get a title-sized
            # share, prose words the whole text.
            "words": {
                word.name: (text if word.markdown else _pick(p80, n + 3))
                for n, word in enumerate(WORDS)
            },
        }
    )
    for i, chunk in enumerate(p200):
        files[f"content/statutes/ec-{i + 1}.yml"] = _dump(
            {
                "citation": f"EC {i + 1}",
                "heading": chunk,
                "summary": prose(i),
                "text_checked": REVIEWED,
                "last_reviewed": REVIEWED,
            }
        )
        files[f"content/supports/s{i:02d}.yml"] = _dump(
            {
                "id": f"s{i:02d}",
                "title": chunk,
                "group": ("first", "second")[i % 2],
                "order": i,
                "also_called": _pick(p200, i + 1),
                "summary": prose(i),
                "description": prose(i),
                "citations": [f"EC {i + 1}"],
                "last_reviewed": REVIEWED,
            }
        )
    for i, chunk in enumerate(p80):
        files[f"content/pathways/p{i:02d}.yml"] = _dump(
            {
                "id": f"p{i:02d}",
                "title": _pick(p200, i),
                "order": i,
                "initiated_by": chunk,
                "summary": prose(i),
                "citations": [f"EC {i % len(p200) + 1}"],
                "who_starts": prose(i),
                "when_it_applies": prose(i),
                "what_happens_next": prose(i),
                "next_steps": steps if i == 0 else [PLAIN],
                "supports": [f"s{i % len(p200):02d}"],
                "related_pathways": [f"p{(i + 1) % len(p80):02d}"],
                "contact": {
                    "name": _pick(p200, i),
                    "url": "https://example.org/contact?a=1&b=2",
                    "phone": "(555) 010-0199",
                    "email": "help@example.org",
                },
                "last_reviewed": REVIEWED,
            }
        )
    files["content/glossary.yml"] = _dump(
        {
            "terms": [
                {"term": "LEA", "stands_for": p200[0], "definition": text},
                *(
                    {"term": t, "stands_for": _pick(p200, i), "definition": PLAIN}
                    for i, t in enumerate(p80)
                ),
            ]
        }
    )
    short = [p.text for p in ACCEPTED if p.one_line and len(p.text) <= 40]
    for i, title in enumerate(p200):
        front = _dump(
            {
                "title": title,
                "nav_title": _pick(short, i),
                "description": _pick(p300, i),
                "last_reviewed": REVIEWED,
            }
        )
        files[f"content/pages/page-{i:02d}.md"] = f"---\n{front}---\n{prose(i)}\n"
    home = _dump({"title": p200[-1], "last_reviewed": REVIEWED})
    files["content/pages/index.md"] = f"---\n{home}---\n{text}\n"
    files["decision_trees/t.yml"] = _dump(_tree(text, steps))
    return files


def _tree(text: str, steps: list[str]) -> dict[str, Any]:
    """A chain of questions: each answer 'a' leads on, each 'b' to its own outcome.

    Question texts and outcome titles start with a spreadsheet formula's first character in
    turn, for the scenario table's CSV."""
    p160, p199, p299 = packed(160), packed(199), packed(299)
    count = max(len(p299), -(-len(p160) // 2), len(p199) - 1)
    questions = []
    for i in range(count):
        last = i == count - 1
        questions.append(
            {
                "id": f"q{i}",
                "text": FORMULA_STARTS[i % 4] + _pick(p299, i),
                "hint": text if i == 0 else PLAIN,
                "answers": [
                    {
                        "id": "a",
                        "label": _pick(p160, 2 * i),
                        "next": "end" if last else f"q{i + 1}",
                    },
                    {"id": "b", "label": _pick(p160, 2 * i + 1), "next": f"o{i}"},
                ],
            }
        )
    outcomes = [
        {
            "id": oid,
            "title": FORMULA_STARTS[i % 4] + _pick(p199, i),
            "text": text if i == 0 else PLAIN,
            "pathways": ["p00"] if i == 0 else [],
            "supports": ["s00"],
            "next_steps": steps if i == 0 else [PLAIN],
        }
        for i, oid in enumerate([*(f"o{i}" for i in range(count)), "end"])
    ]
    return {
        "id": "t",
        "title": p199[0],
        "intro": text,
        "start": "q0",
        "questions": questions,
        "outcomes": outcomes,
        "last_reviewed": REVIEWED,
    }


def write_files(root: Path, files: dict[str, str]) -> Path:
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root
