"""A decision tree as a standalone, accessible SVG flowchart, and its outline in reading order."""

from __future__ import annotations

import re
import textwrap
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from statistics import fmean

from generator.model import Answer, Tree

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
# A US Letter page less margins is about 7 in by 9 in; at this size text still reads in print.
PRINT_WIDTH, PRINT_HEIGHT = 900.0, 1157.0
# The site's text column at its narrowest beside both menus (688 px), so that on a screen the
# chart is shown at its own size, never scaled below its smallest text; a phone scrolls it.
SCREEN_WIDTH, SCREEN_HEIGHT = 688.0, 2400.0
WRAPS = (28, 25, 22, 19, 16, 14, 13)  # characters per line, tried in turn until it fits
MAX_LINES, LABEL_WRAP, LABEL_LINES = 6, 14, 4  # then an ellipsis
# Font sizes: at its own size the chart never draws text under 12 px.
TEXT, SMALL, LABEL = 13.0, 12.0, 12.0
PAD, LABEL_PAD, MARGIN, GAP, DUMMY_W = 10.0, 4.0, 16.0, 28.0, 14.0
INK, MUTED, EDGE = "#1a1a1a", "#474747", "#4d4d4d"
Q_FILL, Q_STROKE, O_FILL, O_STROKE = "#ffffff", "#1f4e79", "#e6f0e1", "#1e4620"
_NARROW = set(" ilj.,;:'!|()[]tfr-")

Line = tuple[str, float, bool, str]  # text, font size, bold, colour


@dataclass(frozen=True)
class ChartLabels:
    """The words the chart draws beside content, from the site's locale."""

    question: str
    """The word over each question's text; questions are not numbered (as on GOV.UK), since a
    reader's path skips some and a number would differ from the widget's count."""
    outcome: str
    pathways_one: str
    """With ``{count}``: how many pathways an outcome names."""
    pathways_other: str

    def pathways(self, count: int) -> str:
        return (self.pathways_one if count == 1 else self.pathways_other).format(count=count)


@dataclass(frozen=True)
class OutlineItem:
    """A question in reading order; answers are (label, target kind, target id, target text)."""

    question_id: str
    number: int
    text: str
    answers: tuple[tuple[str, str, str, str], ...]


@dataclass
class _Box:
    """A node's box, or (kind 'dummy') the point where a longer edge passes through a layer."""

    id: str
    kind: str
    layer: int
    lines: list[Line] = field(default_factory=list)
    w: float = DUMMY_W
    h: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0  # top
    up: list[int] = field(default_factory=list)
    down: list[int] = field(default_factory=list)


@dataclass
class _Route:
    source: str
    answer: Answer
    chain: list[int]  # boxes from source to target, dummies between
    label: list[str]
    lw: float
    lh: float
    xs: list[float] = field(default_factory=list)  # leaving the source, then entering each box
    lx: float = 0.0
    ly: float = 0.0


@dataclass
class _Layout:
    boxes: list[_Box]
    rows: list[list[int]]
    routes: list[_Route]
    tops: list[float] = field(default_factory=list)
    bottoms: list[float] = field(default_factory=list)
    width: float = 0.0


def _reading_order(tree: Tree) -> list[str]:
    """Every node once: breadth-first from the start, then any the start cannot reach."""
    known = tree.question_by_id.keys() | tree.outcome_by_id.keys()
    seen: dict[str, None] = {}
    queue = deque([tree.start] if tree.start in known else [])
    while queue:
        node = queue.popleft()
        if node not in seen:
            seen[node] = None
            question = tree.question_by_id.get(node)
            if question is not None:
                queue.extend(a.next for a in question.answers if a.next in known)
    for node in [*(q.id for q in tree.questions), *(o.id for o in tree.outcomes)]:
        seen.setdefault(node, None)
    return list(seen)


def question_numbers(tree: Tree) -> dict[str, int]:
    """Each question's place in reading order (outline order; never shown as a number)."""
    questions = [n for n in _reading_order(tree) if n in tree.question_by_id]
    return {q: i for i, q in enumerate(questions, start=1)}


def outline(tree: Tree) -> list[OutlineItem]:
    """The text alternative to the flowchart; answers that lead nowhere are left out."""
    items = []
    for qid, number in question_numbers(tree).items():
        question, answers = tree.question_by_id[qid], []
        for a in question.answers:
            if (target := tree.question_by_id.get(a.next)) is not None:
                answers.append((a.label, "question", a.next, target.text))
            elif (result := tree.outcome_by_id.get(a.next)) is not None:
                answers.append((a.label, "outcome", a.next, result.title))
        items.append(OutlineItem(qid, number, question.text, tuple(answers)))
    return items


def _dag_edges(tree: Tree, order: list[str]) -> list[tuple[str, Answer]]:
    """Answers as edges, minus any that dangle or close a cycle (validation reports both)."""
    known, state, back = set(order), dict[str, int](), set[tuple[str, int]]()
    answers = {q.id: list(enumerate(q.answers)) for q in tree.questions}
    for root in order:
        if root in state:
            continue
        state[root], stack = 1, [(root, iter(answers.get(root, [])))]
        while stack:  # depth first without recursion; 1 marks a node on the current path
            node, pending = stack[-1]
            i, answer = next(pending, (-1, None))
            if answer is None:
                state[node] = 2
                stack.pop()
            elif answer.next in known and state.get(answer.next) == 1:
                back.add((node, i))
            elif answer.next in known and answer.next not in state:
                state[answer.next] = 1
                stack.append((answer.next, iter(answers.get(answer.next, []))))
    edges = [(q, i, a) for q in order for i, a in answers.get(q, [])]
    return [(q, a) for q, i, a in edges if a.next in known and (q, i) not in back]


def _layers(order: list[str], edges: list[tuple[str, Answer]]) -> dict[str, int]:
    """Longest path from a root, so that every edge points down."""
    indegree, out = dict.fromkeys(order, 0), {n: list[str]() for n in order}
    for source, answer in edges:
        indegree[answer.next] += 1
        out[source].append(answer.next)
    layer, ready = dict.fromkeys(order, 0), deque(n for n in order if indegree[n] == 0)
    while ready:
        node = ready.popleft()
        for target in out[node]:
            layer[target] = max(layer[target], layer[node] + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return layer


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate for DejaVu Sans, the widest font of the stack."""
    units = sum(
        0.34 if c in _NARROW else 0.98 if c in "mwMW" else 0.74 if c.isupper() else 0.63
        for c in text
    )
    return units * size * (1.08 if bold else 1.0)


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def _max_lines(wrap: int) -> int:
    """As much text at a narrower wrap as at the widest, plus a line for the ragged edge."""
    return MAX_LINES if wrap >= WRAPS[0] else -(-MAX_LINES * WRAPS[0] // wrap) + 1


def _content(tree: Tree, node: str, wrap: int, labels: ChartLabels) -> tuple[str, list[Line]]:
    question = tree.question_by_id.get(node)
    if question is not None:
        text = [(s, TEXT, False, INK) for s in _wrap(question.text, wrap, _max_lines(wrap))]
        return "question", [(labels.question, SMALL, True, MUTED), *text]
    outcome = tree.outcome_by_id[node]
    title = [(s, TEXT, True, INK) for s in _wrap(outcome.title, wrap, _max_lines(wrap))]
    count = len(outcome.pathways)
    extra = [(labels.pathways(count), SMALL, False, MUTED)] if count else []
    return "outcome", [(labels.outcome, SMALL, True, MUTED), *title, *extra]


def _build(
    tree: Tree, order: list[str], edges: list[tuple[str, Answer]], wrap: int, labels: ChartLabels
) -> _Layout:
    """Boxes sized for ``wrap`` characters a line, and a dummy wherever an edge skips a layer."""
    layer = _layers(order, edges)
    boxes, index = list[_Box](), dict[str, int]()
    for node in sorted(order, key=lambda n: layer[n]):
        kind, lines = _content(tree, node, wrap, labels)
        index[node] = len(boxes)
        boxes.append(_Box(node, kind, layer[node], lines))
    width = max(
        (_text_width(s, size, bold) for b in boxes for s, size, bold, _ in b.lines), default=0
    )
    for b in boxes:  # one width for every box keeps the chart calm
        b.w, b.h = width + 2 * PAD, 2 * PAD + sum(line[1] * 1.3 for line in b.lines)
    routes = []
    for source, answer in edges:
        chain = [index[source]]
        for through in range(layer[source] + 1, layer[answer.next]):
            chain.append(len(boxes))
            boxes.append(_Box("", "dummy", through))
        chain.append(index[answer.next])
        for upper, lower in pairwise(chain):
            boxes[upper].down.append(lower)
            boxes[lower].up.append(upper)
        label = _wrap(answer.label, LABEL_WRAP, LABEL_LINES)
        lw = max(_text_width(s, LABEL) for s in label) + 2 * LABEL_PAD
        lh = len(label) * LABEL * 1.3 + 2 * LABEL_PAD
        routes.append(_Route(source, answer, chain, label, lw, lh))
    rows: list[list[int]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for i, b in enumerate(boxes):
        rows[b.layer].append(i)
    return _Layout(boxes, rows, routes)


def _crossings(lay: _Layout, pos: list[int]) -> int:
    total = 0
    for row in lay.rows:
        pairs = sorted((pos[u], pos[v]) for u in row for v in lay.boxes[u].down)
        total += sum(
            1 for i, a in enumerate(pairs) for b in pairs[i + 1 :] if a[0] < b[0] and a[1] > b[1]
        )
    return total


def _order(lay: _Layout, sweeps: int = 8) -> None:
    """Barycenter sweeps down and up, keeping the order with the fewest crossings."""
    pos = [0] * len(lay.boxes)
    for row in lay.rows:
        for i, b in enumerate(row):
            pos[b] = i
    best, fewest = [list(r) for r in lay.rows], _crossings(lay, pos)
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        for row in lay.rows[1:] if down else lay.rows[-2::-1]:
            near = {b: lay.boxes[b].up if down else lay.boxes[b].down for b in row}
            row.sort(key=lambda b: fmean([pos[n] for n in near[b]] or [pos[b]]))
            for i, b in enumerate(row):
                pos[b] = i
        if (count := _crossings(lay, pos)) < fewest:
            best, fewest = [list(r) for r in lay.rows], count
    lay.rows = best


def _fit(desired: list[float], gaps: list[float]) -> list[float]:
    """Positions closest to ``desired`` (least squares) keeping ``gaps`` between neighbours."""
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    blocks: list[list[float]] = []  # pool adjacent violators: [sum, count]
    for d, o in zip(desired, offsets, strict=True):
        blocks.append([d - o, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    levels = [s / c for s, c in blocks for _ in range(int(c))]
    return [z + o for z, o in zip(levels, offsets, strict=True)]


def _place_x(lay: _Layout, rounds: int = 4) -> None:
    """Centre each box under (then over) its neighbours, as far as the spacing allows."""
    boxes = lay.boxes

    def place(row: list[int], desired: list[float]) -> None:
        gaps = [
            (boxes[a].w + boxes[b].w) / 2 + (GAP if boxes[a].id and boxes[b].id else GAP / 2)
            for a, b in pairwise(row)
        ]
        for b, x in zip(row, _fit(desired, gaps), strict=True):
            boxes[b].x = x

    for row in lay.rows:
        place(row, [0.0] * len(row))
    for sweep in range(2 * rounds):
        down = sweep % 2 == 0
        for row in lay.rows if down else lay.rows[::-1]:
            near = {b: boxes[b].up if down else boxes[b].down for b in row}
            place(row, [fmean([boxes[n].x for n in near[b]] or [boxes[b].x]) for b in row])


def _ports(box: _Box, count: int, step: float) -> list[float]:
    step = min(step, (box.w - 2 * PAD) / max(count - 1, 1))
    return [box.x + (i - (count - 1) / 2) * step for i in range(count)]


def _route(lay: _Layout) -> None:
    """Spread edges along each box's bottom and top, in the order of where they go or come from.

    Outgoing edges spread wide, so that their labels sit apart; incoming ones gather."""
    outs: dict[int, list[tuple[float, int]]] = {}
    ins: dict[int, list[tuple[float, int, int]]] = {}
    for r, route in enumerate(lay.routes):
        route.xs = [0.0] * len(route.chain)
        outs.setdefault(route.chain[0], []).append((lay.boxes[route.chain[1]].x, r))
    for b, items in outs.items():
        ports = _ports(lay.boxes[b], len(items), (lay.boxes[b].w - 2 * PAD) / len(items))
        for (_, r), x in zip(sorted(items), ports, strict=True):
            lay.routes[r].xs[0] = x
    for r, route in enumerate(lay.routes):
        for k in range(1, len(route.chain)):
            came_from = route.xs[0] if k == 1 else lay.boxes[route.chain[k - 1]].x
            ins.setdefault(route.chain[k], []).append((came_from, r, k))
    for b, entries in ins.items():
        for (_, r, k), x in zip(
            sorted(entries), _ports(lay.boxes[b], len(entries), 24), strict=True
        ):
            lay.routes[r].xs[k] = x


def _place_y(lay: _Layout) -> None:
    """Rows top-aligned, each gap tall enough for the labels of the edges that leave it."""
    top = MARGIN
    for layer, row in enumerate(lay.rows):
        bottom = top + max(lay.boxes[b].h for b in row)
        lay.tops.append(top)
        lay.bottoms.append(bottom)
        for b in row:
            lay.boxes[b].y = top
        labels = [r.lh for r in lay.routes if lay.boxes[r.chain[0]].layer == layer]
        top = bottom + max(44.0, max(labels, default=0.0) + 24.0)


def _place_labels(lay: _Layout) -> None:
    """Each label midway along its edge's first bend, nudged sideways only to clear others."""
    by_gap: dict[int, list[_Route]] = {}
    for r in lay.routes:
        layer = lay.boxes[r.chain[0]].layer
        r.lx, r.ly = (r.xs[0] + r.xs[1]) / 2, (lay.bottoms[layer] + lay.tops[layer + 1]) / 2
        by_gap.setdefault(layer, []).append(r)
    for group in by_gap.values():
        group.sort(key=lambda r: r.lx)
        gaps = [(a.lw + b.lw) / 2 + 6 for a, b in pairwise(group)]
        for r, x in zip(group, _fit([r.lx for r in group], gaps), strict=True):
            r.lx = x


def _normalise(lay: _Layout) -> None:
    """Move everything right of the margin and measure the width."""
    lefts = [b.x - b.w / 2 for b in lay.boxes] + [r.lx - r.lw / 2 for r in lay.routes]
    shift = MARGIN - min(lefts, default=0.0)
    for b in lay.boxes:
        b.x += shift
    for r in lay.routes:
        r.lx, r.xs = r.lx + shift, [x + shift for x in r.xs]
    rights = [b.x + b.w / 2 for b in lay.boxes] + [r.lx + r.lw / 2 for r in lay.routes]
    lay.width = max(rights, default=0.0) + MARGIN


@lru_cache(maxsize=16)
def _layout(tree: Tree, labels: ChartLabels, max_width: float, max_height: float) -> _Layout:
    """The widest wrap that fits the space unscaled, else the one that shows largest."""
    order = _reading_order(tree)
    edges = _dag_edges(tree, order)
    best: tuple[float, _Layout] | None = None
    for wrap in WRAPS:
        lay = _build(tree, order, edges, wrap, labels)
        for step in (_order, _place_x, _route, _place_y, _place_labels, _normalise):
            step(lay)
        scale = max(lay.width / max_width, max(lay.bottoms, default=0.0) / max_height)
        if scale <= 1.0:
            return lay
        if best is None or scale < best[0]:
            best = (scale, lay)
    assert best is not None
    return best[1]


def _f(v: float) -> str:
    text = f"{round(v, 1) + 0.0:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _esc(text: str) -> str:
    """Text as character references, markup characters and all letters and digits.

    Pages inline the SVG into Markdown, which reads text between tags: it would turn ``*`` into
    emphasis, read ``{...}`` as attributes and wrap glossary terms in ``<abbr>``, which an SVG
    does not render."""
    return "".join(f"&#{ord(c)};" if c.isalnum() or c in "&<>*_`[]{}\\" else c for c in text)


def _ident(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text)


def _text(lines: list[Line], x: float, top: float) -> Iterator[str]:
    for text, size, bold, colour in lines:
        weight = ' font-weight="bold"' if bold else ""
        yield (
            f'<text x="{_f(x)}" y="{_f(top + size)}" font-size="{_f(size)}"{weight} '
            f'fill="{colour}" text-anchor="middle">{_esc(text)}</text>'
        )
        top += size * 1.3


def _node_svg(tid: str, box: _Box) -> Iterator[str]:
    """Questions round-cornered and thin-edged; outcomes square, thick-edged and tinted."""
    look = (
        f'rx="10" stroke-width="1.5" fill="{Q_FILL}" stroke="{Q_STROKE}"'
        if box.kind == "question"
        else f'stroke-width="3.5" fill="{O_FILL}" stroke="{O_STROKE}"'
    )
    yield f'<g id="{tid}-node-{_ident(box.id)}">'
    yield (
        f'<rect x="{_f(box.x - box.w / 2)}" y="{_f(box.y)}" width="{_f(box.w)}" '
        f'height="{_f(box.h)}" {look}/>'
    )
    yield from _text(box.lines, box.x, box.y + PAD)
    yield "</g>"


def _path(lay: _Layout, route: _Route) -> str:
    """Straight down out of each row, then an S-curve across the gap to the next point."""
    first = lay.boxes[route.chain[0]]
    x, y = route.xs[0], first.y + first.h
    parts = [f"M{_f(x)},{_f(y)}"]
    for k in range(1, len(route.chain)):
        layer = lay.boxes[route.chain[k]].layer
        below, top, nx = lay.bottoms[layer - 1], lay.tops[layer], route.xs[k]
        if y < below:
            parts.append(f"L{_f(x)},{_f(below)}")
        mid = (below + top) / 2
        parts.append(f"C{_f(x)},{_f(mid)} {_f(nx)},{_f(mid)} {_f(nx)},{_f(top)}")
        x, y = nx, top
        if k < len(route.chain) - 1:
            y = lay.bottoms[layer]
            parts.append(f"L{_f(x)},{_f(y)}")
    return " ".join(parts)


def _edge_svg(tid: str, lay: _Layout, route: _Route) -> str:
    edge = f"{_ident(route.source)}-{_ident(route.answer.id)}"
    return (
        f'<path id="{tid}-edge-{edge}" d="{_path(lay, route)}" fill="none" stroke="{EDGE}" '
        f'stroke-width="1.5" marker-end="url(#{tid}-arrow)"/>'
    )


def _label_svg(tid: str, route: _Route) -> Iterator[str]:
    yield f'<g id="{tid}-label-{_ident(route.source)}-{_ident(route.answer.id)}">'
    yield (
        f'<rect x="{_f(route.lx - route.lw / 2)}" y="{_f(route.ly - route.lh / 2)}" '
        f'width="{_f(route.lw)}" height="{_f(route.lh)}" rx="3" fill="#ffffff" '
        f'stroke="#8c8c8c" stroke-width="1"/>'
    )
    lines = [(s, LABEL, False, INK) for s in route.label]
    yield from _text(lines, route.lx, route.ly - route.lh / 2 + LABEL_PAD)
    yield "</g>"


def flowchart_svg(
    tree: Tree,
    *,
    title: str,
    description: str,
    labels: ChartLabels,
    size: tuple[float, float] = (SCREEN_WIDTH, SCREEN_HEIGHT),
    font: str = FONT,
) -> str:
    """The tree drawn top-down, for inlining in HTML: presentation attributes only, no scripts.

    ``size`` is the room it should fit at its own size: the site's column by default, or
    ``(PRINT_WIDTH, PRINT_HEIGHT)`` for a printed page. ``font`` is the family its text is
    drawn in; the chart is sized for DejaVu Sans, the widest of the default stack.

    Edges come first and labels last, so that a label's white box covers any line crossing it.
    Lines are not indented and never blank, so that Markdown passes the SVG through untouched."""
    lay, tid = _layout(tree, labels, *size), _ident(tree.id)
    w, h = _f(lay.width), _f(max(lay.bottoms, default=0.0) + MARGIN)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        f'role="img" aria-labelledby="{tid}-title {tid}-desc">',
        f'<title id="{tid}-title">{_esc(title)}</title>',
        f'<desc id="{tid}-desc">{_esc(description)}</desc>',
        f'<defs><marker id="{tid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{EDGE}"/></marker></defs>',
        f'<g font-family="{font}">',
        *(_edge_svg(tid, lay, r) for r in lay.routes),
        *(line for b in lay.boxes if b.kind != "dummy" for line in _node_svg(tid, b)),
        *(line for r in lay.routes for line in _label_svg(tid, r)),
        "</g>",
        "</svg>",
    ]
    return "\n".join(out)
