"""A static audit of regular expressions for super-linear backtracking (issue 18).

``problems(pattern)`` lists the shapes that make Python's backtracking engine quadratic or worse on a
long run of the same characters (a line of 3,000 spaces, 1,500 tabs):

- **adjacent**: two unbounded quantifiers that can match the same character with nothing mandatory
  between them (``\\s*,?\\s*``, ``.*?\\s*$``, ``\\s*(?:…|\\s+và)``);
- **nested**: an unbounded quantifier around a body that can end and start on the same character
  (``(a+)+``, ``(?:\\s*x?)*``);
- **lookaround**: an unbounded quantifier inside a look-ahead/behind (re-scans the rest of the text
  at every position tried).

Possessive quantifiers (``*+``, ``++``) and atomic groups never backtrack and are not reported; bounded
quantifiers (``{0,40}``) cost a constant. The characters a node can match are approximated on a
sample alphabet (spaces, digits, Latin and Vietnamese letters, punctuation).
"""

from __future__ import annotations

import re
from functools import cache

try:  # Python 3.11+
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

ALPHABET = " \t\n\u00a0aAzZđĐêẾộỘ09٣.,;:/-–…_()[]\"'!?%&*+#@<>=x\u0301"
UNBOUNDED = C.MAXREPEAT


def _category(cat, ch: str) -> bool:
    name = str(cat)
    if "SPACE" in name:
        hit = ch.isspace()
    elif "DIGIT" in name:
        hit = ch.isdigit()
    elif "WORD" in name:
        hit = ch.isalnum() or ch == "_"
    elif "LINEBREAK" in name:
        hit = ch == "\n"
    else:
        hit = True
    return not hit if "NOT" in name else hit


def _in_set(items, ch: str, ignore_case: bool) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit = hit or _same(chr(av), ch, ignore_case)
        elif op is C.RANGE or op is C.RANGE_UNI_IGNORE:
            lo, hi = av
            hit = (
                hit
                or lo <= ord(ch) <= hi
                or (ignore_case and (lo <= ord(ch.lower()) <= hi or lo <= ord(ch.upper()) <= hi))
            )
        elif op is C.CATEGORY:
            hit = hit or _category(av, ch)
        else:
            hit = True  # unknown: assume it may match
    return hit != negate


def _same(a: str, b: str, ignore_case: bool) -> bool:
    return a == b or (ignore_case and a.lower() == b.lower())


def chars(seq, ignore_case: bool) -> frozenset[str]:
    """Characters of the sample alphabet that some position of ``seq`` can match."""
    out: set[str] = set()
    for op, av in seq:
        out |= _node_chars(op, av, ignore_case)
    return frozenset(out)


def _node_chars(op, av, ignore_case: bool) -> set[str]:
    if op is C.LITERAL:
        return {ch for ch in ALPHABET if _same(chr(av), ch, ignore_case)} or {"\x00lit"}
    if op is C.NOT_LITERAL:
        return {ch for ch in ALPHABET if not _same(chr(av), ch, ignore_case)}
    if op is C.ANY:
        return {ch for ch in ALPHABET if ch != "\n"}
    if op is C.IN:
        return {ch for ch in ALPHABET if _in_set(av, ch, ignore_case)}
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return set(chars(av[2], ignore_case))
    if op is C.SUBPATTERN:
        return set(chars(av[-1], ignore_case))
    if op is C.ATOMIC_GROUP:
        return set(chars(av, ignore_case))
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= chars(alt, ignore_case)
        return out
    return set()  # anchors, lookarounds, back-references: zero width here


def _min_width(seq) -> int:
    return seq.getwidth()[0] if hasattr(seq, "getwidth") else 1


def _nullable(op, av) -> bool:
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return True
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return av[0] == 0 or all(_nullable(o, a) for o, a in av[2])
    if op is C.SUBPATTERN:
        return all(_nullable(o, a) for o, a in av[-1])
    if op is C.ATOMIC_GROUP:
        return all(_nullable(o, a) for o, a in av)
    if op is C.BRANCH:
        return any(all(_nullable(o, a) for o, a in alt) for alt in av[1])
    return False


def _is_loop(op, av) -> bool:
    """A backtracking quantifier with no upper bound."""
    return op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] == UNBOUNDED


def _first_loops(seq, ignore_case: bool) -> list[frozenset[str]]:
    """Unbounded loops that can match the first character of ``seq`` (through a nullable prefix)."""
    out: list[frozenset[str]] = []
    for op, av in seq:
        if _is_loop(op, av):
            out.append(_edge_chars(av[2], False, ignore_case))
        elif op is C.SUBPATTERN:
            out += _first_loops(av[-1], ignore_case)
        elif op is C.BRANCH:
            for alt in av[1]:
                out += _first_loops(alt, ignore_case)
        if not _nullable(op, av):
            break
    return out


def _last_loops(seq, ignore_case: bool) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for op, av in reversed(list(seq)):
        if _is_loop(op, av):
            out.append(_edge_chars(av[2], True, ignore_case))
        elif op is C.SUBPATTERN:
            out += _last_loops(av[-1], ignore_case)
        elif op is C.BRANCH:
            for alt in av[1]:
                out += _last_loops(alt, ignore_case)
        if not _nullable(op, av):
            break
    return out


def _seq_nullable(seq) -> bool:
    return all(_nullable(o, a) for o, a in seq)


def _has_loop(seq) -> bool:
    for op, av in seq:
        if _is_loop(op, av):
            return True
        if op is C.SUBPATTERN and _has_loop(av[-1]):
            return True
        if op is C.BRANCH and any(_has_loop(alt) for alt in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and _has_loop(av[2]):
            return True
    return False


def _edge_chars(seq, last: bool, ignore_case: bool) -> frozenset[str]:
    """Characters the first (or last) character matched by ``seq`` can be."""
    out: set[str] = set()
    items = list(seq)
    for op, av in reversed(items) if last else items:
        if op is C.SUBPATTERN:
            out |= _edge_chars(av[-1], last, ignore_case)
        elif op is C.BRANCH:
            for alt in av[1]:
                out |= _edge_chars(alt, last, ignore_case)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out |= _edge_chars(av[2], last, ignore_case)
        else:
            out |= _node_chars(op, av, ignore_case)
        if not _nullable(op, av):
            break
    return frozenset(out)


def _walk(seq, ignore_case: bool, found: list[str], in_look: bool) -> None:
    items = list(seq)
    open_loops: list[frozenset[str]] = []  # loops whose end can touch the next item
    for op, av in items:
        if op is C.SUBPATTERN:
            _walk(av[-1], ignore_case, found, in_look)
        elif op is C.BRANCH:
            for alt in av[1]:
                _walk(alt, ignore_case, found, in_look)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _walk(av[1], ignore_case, found, True)
        elif op is C.ATOMIC_GROUP:
            _walk(av, ignore_case, found, in_look)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            body = av[2]
            _walk(body, ignore_case, found, in_look)
            if _is_loop(op, av):
                if in_look:
                    found.append("lookaround: unbounded quantifier inside a look-around")
                has_loop = _has_loop(body)
                if has_loop and (
                    _seq_nullable(body)
                    or _edge_chars(body, True, ignore_case) & _edge_chars(body, False, ignore_case)
                ):
                    found.append("nested: unbounded quantifier around a body that repeats its own characters")
        # adjacency: loops still open before this item against loops this item starts with
        firsts = _first_loops([(op, av)], ignore_case)
        for loop in open_loops:
            for first in firsts:
                common = loop & first
                if common:
                    found.append(
                        f"adjacent: two unbounded quantifiers share {''.join(sorted(common))[:12]!r}"
                    )
        if op is C.POSSESSIVE_REPEAT or op is C.ATOMIC_GROUP:
            if not _nullable(op, av):  # it never gives back: nothing before it is adjacent to what follows
                open_loops = []
            continue
        lasts = _last_loops([(op, av)], ignore_case)
        if _nullable(op, av):
            open_loops = open_loops + lasts
        else:
            open_loops = lasts


@cache
def problems(pattern: str, flags: int = 0) -> tuple[str, ...]:
    parsed = P.parse(pattern, flags)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found: list[str] = []
    _walk(parsed, ignore_case, found, False)
    return tuple(dict.fromkeys(found))


def audit_module(module) -> dict[str, tuple[str, ...]]:
    """``{name: problems}`` for every compiled pattern at module level (``re`` or ``regex``)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, value in vars(module).items():
        for index, item in enumerate(_patterns_in(value)):
            flags = item.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE)
            try:
                found = problems(item.pattern, flags)
            except Exception:  # a ``regex``-only syntax (\\p{L}): not auditable here
                continue
            if found:
                out[name if not index else f"{name}[{index}]"] = found
    return out


def _patterns_in(value, depth: int = 0) -> list:
    """Compiled patterns in a module-level value: itself, or inside lists, tuples, dict values."""
    if (
        isinstance(getattr(value, "pattern", None), str)
        and hasattr(value, "match")
        and hasattr(value, "flags")
    ):
        return [value]
    if depth < 3 and isinstance(value, (list, tuple)):
        return [p for item in value for p in _patterns_in(item, depth + 1)]
    if depth < 3 and isinstance(value, dict):
        return [p for item in value.values() for p in _patterns_in(item, depth + 1)]
    return []
