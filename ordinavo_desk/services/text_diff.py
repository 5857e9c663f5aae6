"""Where two values differ, character by character, for highlighting in the comparison
(``Hachestr. 12`` against ``Hachestraße 12``: ``. `` against ``aße ``)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

#: Below this share of characters in common (difflib's ratio) the values differ as a
#: whole: "Wilhelmshöher Allee 250" against "Friedrich-Ebert-Straße 130".
MIN_SHARED = 0.6


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    changed: bool


def diff_spans(left: str | None, right: str | None) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Both values cut into runs that the other side has too (``changed`` False) and runs
    it has not. Case counts as a difference; a missing value is one empty run."""
    a, b = left or "", right or ""
    if a == b:
        return _whole(a, False), _whole(b, False)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < MIN_SHARED:
        # too little in common to point at parts: the whole values differ
        return _whole(a, True), _whole(b, True)
    out_a: list[Span] = []
    out_b: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        same = tag == "equal"
        if i2 > i1:
            _append(out_a, a[i1:i2], not same)
        if j2 > j1:
            _append(out_b, b[j1:j2], not same)
    return _calm(out_a), _calm(out_b)


def _calm(spans: list[Span]) -> tuple[Span, ...]:
    """One shared character between two changes reads as noise: it joins the change."""
    out: list[Span] = []
    for index, span in enumerate(spans):
        inner = 0 < index < len(spans) - 1
        noise = inner and not span.changed and len(span.text) == 1
        _append(out, span.text, span.changed or noise)
    return tuple(out)


def _whole(text: str, changed: bool) -> tuple[Span, ...]:
    return (Span(text, changed and bool(text)),) if text else ()


def _append(out: list[Span], text: str, changed: bool) -> None:
    if out and out[-1].changed == changed:
        out[-1] = Span(out[-1].text + text, changed)
    else:
        out.append(Span(text, changed))
