"""Russian words in their dictionary form (lemmas), for comparing texts by meaning, not spelling.

«увлекаюсь робототехникой» and «кружок робототехники» meet on «робототехника»; «конструктивное» and
«конструирование» do not meet, as they did when words were cut to a fixed stem. The lemmas come
from pymorphy3 with the OpenCorpora dictionaries of ``pymorphy3-dicts-ru`` (both pinned in
requirements.txt); a word gets the normal form of its most probable parse.

What is kept of a text (``terms``):
- content words: nouns, adjectives, verbs (as infinitives), participles, and words the dictionary
  does not know; prepositions, conjunctions, particles, interjections, pronouns, numerals and
  adverbs say nothing about a subject and are dropped;
- abbreviations and terms with digits as written (``ИИ``, ``IT``, ``ОГЭ``, ``3D``, ``C++``): the
  dictionary would take «ИИ» for a form of a name, and such words are often the point of a text;
- Latin words in lower case (``Python``).

Each caller adds its own list of words too general to count (``stop`` lemmas): the matching of
mentors, for instance, does not let «подготовка» or «язык» make two texts alike.

Used by the matching of mentors (mentoring.pairs.matching) and by anything that compares or
searches Russian texts; it depends on nothing of the project, so every layer may import it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

# Letters and digits, with the «+» and «#» of C++ and C#; a hyphen splits «3D-моделирование».
TOKEN = re.compile(r"[0-9a-zа-яё]+[+#]*", re.IGNORECASE)
# Parts of speech that carry no subject (OpenCorpora tags).
FUNCTION_PARTS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "NUMR", "ADVB", "PRED", "COMP"})
# An abbreviation is written in capitals: «ИИ», «ОГЭ», «IT», «МЧС». A longer word in capitals is a
# word typed with Caps Lock («ХИМИЯ»), and goes through the dictionary.
ABBREVIATION_LENGTH = (2, 4)


@cache
def analyzer():
    """One analyzer per process: loading the dictionaries takes about 0.3 s and 15 MB."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@dataclass(frozen=True)
class Term:
    """A meaningful word of a text: ``key`` compares, ``shown`` is what a person reads."""

    key: str
    shown: str


@lru_cache(maxsize=200_000)
def _parse(word: str) -> tuple[str, str]:
    """(lemma, part of speech) of a lower-case word: its most probable parse."""
    parse = analyzer().parse(word)[0]
    return parse.normal_form.replace("ё", "е"), str(parse.tag.POS or parse.tag).split(",")[0]


def lemma(word: str) -> str:
    """The dictionary form of one word (lower case, ё as е)."""
    return _parse(word.lower().replace("ё", "е"))[0]


def _is_abbreviation(token: str) -> bool:
    low, high = ABBREVIATION_LENGTH
    with_digits = any(character.isdigit() for character in token) and not token.isdigit()
    return with_digits or (token.isupper() and low <= len(token) <= high)


def terms(text: str, *, stop: Iterable[str] = frozenset()) -> list[Term]:
    """The meaningful words of a text in order, each once (by key), without the ``stop`` lemmas."""
    stop = frozenset(stop)
    found: dict[str, Term] = {}
    for token in TOKEN.findall(text or ""):
        if token.isdigit():
            continue  # a class, a year, a score: no subject
        if _is_abbreviation(token) or "+" in token or "#" in token:
            term = Term(token.lower().replace("ё", "е"), token)
        elif len(token) < 2:
            continue
        else:
            word = token.lower().replace("ё", "е")
            normal, part = _parse(word)
            if part in FUNCTION_PARTS:
                continue
            # Latin words keep their spelling (the dictionary is Russian).
            term = Term(normal, token if part == "LATN" else normal)
        if term.key not in stop:
            found.setdefault(term.key, term)
    return list(found.values())


def lemmas(text: str) -> list[str]:
    """Every word of a text in its dictionary form, in order, function words included (for
    phrases such as «не сложилось общение», where «не» is the point)."""
    return [lemma(token) for token in TOKEN.findall(text or "") if not token.isdigit()]


def contains_phrase(words: list[str], phrase: tuple[str, ...], *, gap: int = 2) -> bool:
    """Whether the lemmas of ``phrase`` occur in ``words`` in this order, with at most ``gap``
    other words between two of them («не смогли найти общий язык» has «не … найти общий язык»)."""
    if not phrase:
        return False
    for start, word in enumerate(words):
        if word != phrase[0]:
            continue
        position, matched = start, 1
        while matched < len(phrase):
            window = words[position + 1 : position + 2 + gap]
            if phrase[matched] not in window:
                break
            position += 1 + window.index(phrase[matched])
            matched += 1
        if matched == len(phrase):
            return True
    return False
