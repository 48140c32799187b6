"""A backtracking matcher over Python's own parse of a pattern that counts its steps (issue 18).

Python's ``re`` does not say how much it backtracked, so the linear-time tests run the pattern through
this interpreter instead: same parse tree (``re._parser``), same order of trying (greedy, lazy,
possessive, atomic, alternation left to right, look-arounds), one step per node tried. The count is
deterministic, so doubling an input and comparing counts needs no clock. It covers what doclint's
patterns use; the test checks first that it agrees with ``re`` on the inputs it counts.
"""

from __future__ import annotations

import re
import sys
import threading

from doclint.regex_audit import C, P, _category, _in_set

MAXREPEAT = C.MAXREPEAT


class Matcher:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        parsed = P.parse(pattern, flags)
        self.seq = list(parsed)
        self.icase = bool(parsed.state.flags & re.IGNORECASE)
        self.steps = 0

    # -- public
    def match(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        self.text, self.caps = text, {}
        end: list[int] = []
        ok = self._seq(self.seq, 0, pos, lambda j: end.append(j) or True)
        return (pos, end[0]) if ok else None

    def search(self, text: str) -> tuple[int, int] | None:
        for start in range(len(text) + 1):
            found = self.match(text, start)
            if found:
                return found
        return None

    # -- matching
    def _char(self, op, av, ch: str) -> bool:
        if op is C.LITERAL:
            return ch == chr(av) or (self.icase and ch.lower() == chr(av).lower())
        if op is C.NOT_LITERAL:
            return not (ch == chr(av) or (self.icase and ch.lower() == chr(av).lower()))
        if op is C.ANY:
            return ch != "\n"
        if op is C.IN:
            return _in_set(av, ch, self.icase)
        raise NotImplementedError(op)

    def _seq(self, seq, idx: int, i: int, k) -> bool:
        self.steps += 1
        if idx == len(seq):
            return k(i)
        op, av = seq[idx]
        return self._node(op, av, i, lambda j: self._seq(seq, idx + 1, j, k))

    def _node(self, op, av, i: int, k) -> bool:
        text = self.text
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return i < len(text) and self._char(op, av, text[i]) and k(i + 1)
        if op is C.AT:
            return self._at(av, i) and k(i)
        if op is C.SUBPATTERN:
            group, body = av[0], av[-1]

            def close(j: int) -> bool:
                old = self.caps.get(group)
                self.caps[group] = (i, j)
                if k(j):
                    return True
                if old is None:
                    self.caps.pop(group, None)
                else:
                    self.caps[group] = old
                return False

            return self._seq(list(body), 0, i, close if group else k)
        if op is C.BRANCH:
            return any(self._seq(list(alt), 0, i, k) for alt in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return self._repeat(av, i, k, greedy=op is C.MAX_REPEAT)
        if op is C.POSSESSIVE_REPEAT:
            lo, hi, body = av
            count, j = 0, i
            while count < hi:
                end = self._first_end(list(body), j)
                if end is None or end == j:
                    break
                count, j = count + 1, end
            return count >= lo and k(j)
        if op is C.ATOMIC_GROUP:
            end = self._first_end(list(av), i)
            return end is not None and k(end)
        if op in (C.ASSERT, C.ASSERT_NOT):
            direction, body = av
            if direction == 1:
                hit = self._first_end(list(body), i) is not None
            else:
                width = body.getwidth()[0]
                hit = i - width >= 0 and self._seq(list(body), 0, i - width, lambda j: j == i)
            return (hit if op is C.ASSERT else not hit) and k(i)
        if op is C.GROUPREF:
            span = self.caps.get(av)
            if span is None:
                return False
            piece = text[span[0] : span[1]]
            return text.startswith(piece, i) and k(i + len(piece))
        raise NotImplementedError(op)

    def _first_end(self, seq, i: int) -> int | None:
        end: list[int] = []
        self._seq(seq, 0, i, lambda j: end.append(j) or True)
        return end[0] if end else None

    def _repeat(self, av, i: int, k, greedy: bool) -> bool:
        lo, hi, body = av
        body = list(body)

        def rep(count: int, j: int) -> bool:
            self.steps += 1
            more = count < hi and (lambda: self._seq(body, 0, j, lambda j2: j2 != j and rep(count + 1, j2)))
            if greedy:
                return bool(more and more()) or (count >= lo and k(j))
            return (count >= lo and k(j)) or bool(more and more())

        return rep(0, i)

    def _at(self, code, i: int) -> bool:
        text = self.text
        name = str(code)
        if name.endswith("BEGINNING") or name.endswith("BEGINNING_STRING"):
            return i == 0
        if name.endswith("END"):
            return i == len(text) or (i == len(text) - 1 and text[i] == "\n")
        if name.endswith("END_STRING"):
            return i == len(text)
        word = lambda j: 0 <= j < len(text) and _category("CATEGORY_WORD", text[j])  # noqa: E731
        boundary = word(i - 1) != word(i)
        if "NON_BOUNDARY" in name:
            return not boundary
        if "BOUNDARY" in name:
            return boundary
        raise NotImplementedError(name)


def count_steps(
    pattern: re.Pattern[str], text: str, mode: str = "match"
) -> tuple[int, tuple[int, int] | None]:
    """(steps, span) of ``pattern`` on ``text`` by the counting matcher (in a thread with a deep stack)."""
    matcher = Matcher(pattern.pattern, pattern.flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL))
    out: list = []

    def run() -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200_000)
        try:
            out.append(matcher.search(text) if mode == "search" else matcher.match(text))
        finally:
            sys.setrecursionlimit(limit)

    previous = threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous)
    return matcher.steps, out[0] if out else None
