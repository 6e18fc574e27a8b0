"""People's names in Russian dictionary order, on every database and in Python.

Code-point order puts «Ёлкина» after «Яковлева» (Ё is U+0401, outside А–Я) and every capital before
every small letter. Russian dictionaries treat Е and Ё as one letter that only breaks a tie, and
ignore case unless everything else is equal. One collation, ``ru_icu``, gives that order:

- on PostgreSQL it is an ICU collation (``ru-RU``), created by the migration
  ``accounts/migrations/0006_ru_icu_collation.py``;
- on SQLite it is a collation of the same name that every new connection registers
  (``register_sqlite_collation``, connected in ``AccountsConfig.ready``) and that compares the
  Python key below.

So the same ``ORDER BY … COLLATE "ru_icu"`` works on both, and lists sorted in Python
(``person_key``) agree with the database. The key follows ICU's levels for Russian: letters first
(Е = Ё, lower = upper), then the marks (Е before Ё), then the case (small before capital), then the
code points, so no two different names compare equal (PostgreSQL's collation is deterministic).
Spaces and punctuation come before digits and letters («Петрова Водкина» < «Петрова-Водкина» <
«Петроваа»), Cyrillic before Latin. tests/accounts/test_collation.py checks the key against
PostgreSQL's ICU on tricky names.

Everything that orders people by name goes through ``name_order`` (querysets, model ``ordering``)
or ``person_key`` / ``name_key`` (lists in memory).
"""

import unicodedata
from functools import lru_cache

from django.db.models import F
from django.db.models.expressions import OrderBy
from django.db.models.functions import Collate

COLLATION = "ru_icu"
NAME_FIELDS = ("last_name", "first_name", "patronymic")

# The small letters of Unicode's Cyrillic blocks (U+0400–U+052F) in the order of PostgreSQL's ICU
# collation ru-RU: each word is one letter at the first level, its variants differing by a mark
# (Е ѐ ӗ Ё; И ѝ ӥ ӣ; Г ѓ ґ), in their order. Read from ICU (`ORDER BY … COLLATE "ru-RU-x-icu"`,
# grouped by the same locale at strength 1), not written by hand: Ә comes after А, Й is a letter
# of its own though Unicode decomposes it into И and a breve, Є follows Е but Ё does not.
CYRILLIC = (
    "аӑӓ әӛ ӕ б в гѓґ ғ ӻ ҕ ӷ д ԁ ђ ԃ ҙ еѐӗё є жӂӝ ԫ җ зӟ ԅ ԑ ѕ ӡ ԇ иѝӥӣ ҋ ії й ј кќ қ ӄ ҡ ҟ ҝ ԟ ԛ л ӆ ԯ "
    "ԓ ԡ љ ԉ ԕ м ӎ н ԩ ӊ ң ӈ ԣ ҥ њ ԋ оӧ өӫ п ԥ ҧ ҁ р ҏ ԗ с ԍ ҫ т ԏ ҭ ћ уўӱӳӯ ү ұ ѹ ф х ӽ ӿ ҳ һ ԧ ѡ ѿ ѽ ѻ "
    "ц ҵ чӵ ԭ ҷ ӌ ҹ ҽ ҿ џ ш щ ъ ыӹ ь ҍ ѣ эӭ ю я ԙ ѥ ѧ ѫ ѩ ѭ ѯ ѱ ѳ ѵѷ ҩ ԝ ӏ"
)
# letter -> (first-level rank, rank among the variants of that letter)
CYRILLIC_RANK = {
    letter: (rank, variant) for rank, group in enumerate(CYRILLIC.split()) for variant, letter in enumerate(group)
}
# Punctuation in ICU's root order; other symbols follow, by code point.
PUNCTUATION = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
PUNCTUATION_RANK = {char: rank for rank, char in enumerate(PUNCTUATION)}

SPACE, SYMBOL, DIGIT, CYRILLIC_LETTER, LATIN_LETTER, OTHER_LETTER = range(6)


def _primary(base: str) -> tuple[int, int]:
    if base.isspace():
        return (SPACE, 0)
    if base.isdigit():
        return (DIGIT, unicodedata.digit(base, ord(base)))
    if not base.isalpha():
        return (SYMBOL, PUNCTUATION_RANK.get(base, len(PUNCTUATION) + ord(base)))
    if "\u0400" <= base <= "\u052f":  # a Cyrillic letter outside the table: after all of it
        return (CYRILLIC_LETTER, len(CYRILLIC_RANK) + ord(base))
    if "a" <= base <= "z":
        return (LATIN_LETTER, ord(base))
    return (OTHER_LETTER, ord(base))


@lru_cache(maxsize=65536)
def name_key(text: str | None) -> tuple:
    """A sort key of one name (or any short text) in Russian dictionary order."""
    text = unicodedata.normalize("NFC", text or "")
    primary, secondary, tertiary = [], [], []
    for char in text:
        small = char.lower()
        if small in CYRILLIC_RANK:
            rank, variant = CYRILLIC_RANK[small]
            primary.append((CYRILLIC_LETTER, rank))
            secondary.append((variant,))
        else:
            # Latin and the rest: a letter with a mark is the letter, then the mark (É after E).
            decomposed = unicodedata.normalize("NFD", small)
            base = decomposed[0]
            if unicodedata.category(base) in ("Cc", "Cf", "Mn"):
                continue  # ignorable: controls, soft hyphens, stray combining marks
            primary.append(_primary(base))
            secondary.append(tuple(ord(mark) for mark in decomposed[1:]))
        tertiary.append(0 if char == small else 1)
    return (tuple(primary), tuple(secondary), tuple(tertiary), text)


def person_key(person) -> tuple:
    """The sort key of anyone with last_name, first_name and (maybe) patronymic: a participant or a
    user. The same order as ``name_order()`` gives in the database."""
    return tuple(name_key(getattr(person, field, "")) for field in NAME_FIELDS)


def collated(field: str) -> Collate:
    return Collate(F(field), COLLATION)


def name_order(prefix: str = "", *, descending: bool = False) -> list[OrderBy]:
    """ORDER BY of people by name (Фамилия, Имя, Отчество) in Russian dictionary order.

    ``prefix`` reaches the person through a relation: ``name_order("participant__")``. Spread it
    into ``order_by(*name_order(), "pk")`` and finish with a unique field where the order must be
    total (pages of a list)."""
    fields = [collated(f"{prefix}{field}") for field in NAME_FIELDS]
    return [field.desc() if descending else field.asc() for field in fields]


def _compare(left: str, right: str) -> int:
    a, b = name_key(left), name_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: SQLite learns ``ru_icu`` on every new connection. It is
    used in queries only, never in the schema, so the database file stays readable without it."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)
