"""A simple comparison of two versions of the Положение, section by section.

Sections are matched by their titles in order (difflib); a section whose title changed in place is
matched with the one it replaced. Each matched pair shows its paragraphs added and removed."""

import dataclasses
import difflib

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


@dataclasses.dataclass(frozen=True)
class Line:
    op: str  # " ", "+", "-"
    text: str


@dataclasses.dataclass(frozen=True)
class SectionDiff:
    status: str
    old_title: str
    new_title: str
    lines: list[Line]

    @property
    def title(self) -> str:
        return self.new_title or self.old_title

    @property
    def renamed(self) -> bool:
        return bool(self.old_title and self.new_title and self.old_title != self.new_title)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _pair(old: dict, new: dict) -> SectionDiff:
    before, after = _lines(old["text"]), _lines(new["text"])
    lines = [Line(entry[0], entry[2:]) for entry in difflib.ndiff(before, after) if entry[0] in " +-"]
    changed = before != after or old["title"] != new["title"]
    return SectionDiff(CHANGED if changed else SAME, old["title"], new["title"], lines)


def compare_sections(old: list[dict], new: list[dict]) -> list[SectionDiff]:
    matcher = difflib.SequenceMatcher(a=[s["title"] for s in old], b=[s["title"] for s in new], autojunk=False)
    result = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            result += [_pair(old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        result += [
            SectionDiff(REMOVED, old[i]["title"], "", [Line("-", line) for line in _lines(old[i]["text"])])
            for i in range(i1, i2)
        ]
        result += [
            SectionDiff(ADDED, "", new[j]["title"], [Line("+", line) for line in _lines(new[j]["text"])])
            for j in range(j1, j2)
        ]
    return result
