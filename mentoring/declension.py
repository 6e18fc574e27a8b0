"""Russian grammar of the official documents: people's names, positions and the names of
organizations and places put in the case a sentence needs, and words agreed with a person's gender.

People's names are declined by pytrovich (the petrovich rules: surnames that do not decline, double
surnames, «оглы/кызы»); everything else by pymorphy3 with its Russian dictionaries. This module
depends on nothing of the project, so every layer may use it; both analyzers and every declined form
are cached, since an order's draft asks for the same few phrases over and over.

Cases are named in English: nominative, genitive, dative, accusative, instrumental, prepositional.
A gender is "male", "female" or "" (unknown), the values of the participants' field.
"""

import dataclasses
import functools
import re

from pytrovich.detector import PetrovichGenderDetector
from pytrovich.enums import Case as PetrovichCase
from pytrovich.enums import Gender as PetrovichGender
from pytrovich.enums import NamePart
from pytrovich.maker import PetrovichDeclinationMaker

# One analyzer per process, shared with the lemmas of the matching (the dictionaries load once).
from mentoring.morphology import analyzer

MALE = "male"
FEMALE = "female"
UNKNOWN = ""

NOMINATIVE = "nominative"
GENITIVE = "genitive"
DATIVE = "dative"
ACCUSATIVE = "accusative"
INSTRUMENTAL = "instrumental"
PREPOSITIONAL = "prepositional"
CASES = (NOMINATIVE, GENITIVE, DATIVE, ACCUSATIVE, INSTRUMENTAL, PREPOSITIONAL)

# pymorphy3's grammemes of the cases.
_GRAMMEME = {
    NOMINATIVE: "nomn",
    GENITIVE: "gent",
    DATIVE: "datv",
    ACCUSATIVE: "accs",
    INSTRUMENTAL: "ablt",
    PREPOSITIONAL: "loct",
}
_PETROVICH_CASE = {
    NOMINATIVE: PetrovichCase.NOMINATIVE,
    GENITIVE: PetrovichCase.GENITIVE,
    DATIVE: PetrovichCase.DATIVE,
    ACCUSATIVE: PetrovichCase.ACCUSATIVE,
    INSTRUMENTAL: PetrovichCase.INSTRUMENTAL,
    PREPOSITIONAL: PetrovichCase.PREPOSITIONAL,
}
_PETROVICH_GENDER = {MALE: PetrovichGender.MALE, FEMALE: PetrovichGender.FEMALE}


@functools.cache
def _maker() -> PetrovichDeclinationMaker:
    return PetrovichDeclinationMaker()


@functools.cache
def _detector() -> PetrovichGenderDetector:
    return PetrovichGenderDetector()


def _check_case(case: str) -> None:
    if case not in _GRAMMEME:
        raise ValueError(f"Unknown case {case!r}; one of {', '.join(CASES)}.")


# --- Gender -----------------------------------------------------------------------------------

_MALE_PATRONYMIC = re.compile(r"(вич|ич|оглы|улы|уулу)$", re.IGNORECASE)
_FEMALE_PATRONYMIC = re.compile(r"(вна|чна|кызы|гызы)$", re.IGNORECASE)


def gender_from_patronymic(patronymic: str) -> str:
    """«Иванович», «Ильич», «Мамед оглы» -> male; «Ивановна», «Ильинична», «Рашид кызы» -> female;
    anything else (no patronymic, a foreign one) -> unknown, for a person to fill in."""
    words = (patronymic or "").strip().split()
    if not words:
        return UNKNOWN
    last = words[-1]
    if _FEMALE_PATRONYMIC.search(last):
        return FEMALE
    if _MALE_PATRONYMIC.search(last):
        return MALE
    return UNKNOWN


@functools.lru_cache(maxsize=4096)
def guess_gender(first_name: str = "", patronymic: str = "", last_name: str = "") -> str:
    """The patronymic first; without one, what the first name and the surname say (petrovich's
    dictionary: «Анна» is female, «Саша» may be either and stays unknown)."""
    gender = gender_from_patronymic(patronymic)
    if gender or not (first_name or last_name):
        return gender
    found = _detector().detect(firstname=first_name or None, lastname=last_name or None)
    return {PetrovichGender.MALE: MALE, PetrovichGender.FEMALE: FEMALE}.get(found, UNKNOWN)


# --- People's names ---------------------------------------------------------------------------

_PATRONYMIC_SUFFIX = re.compile(r"(вич|вна|ич|чна)$", re.IGNORECASE)
_PATRONYMIC_PARTICLES = {"оглы", "кызы", "гызы", "улы", "уулу"}
_INITIALS = re.compile(r"^(?:[А-ЯЁ]\.\s?){1,2}$")
_INITIALS_FIRST = re.compile(r"^((?:[А-ЯЁ]\.\s?){1,2})\s*(\S+)$")
_INITIALS_LAST = re.compile(r"^(\S+)\s+((?:[А-ЯЁ]\.\s?){1,2})$")


@dataclasses.dataclass(frozen=True)
class PersonName:
    last_name: str
    first_name: str = ""
    patronymic: str = ""
    initials_before: str = ""  # «И. А. » of «И. А. Алещенко»
    initials_after: str = ""  # « И. А.» of «Алещенко И. А.»


def split_name(full_name: str) -> PersonName | None:
    """«Белова Анна Сергеевна», «Алиев Рашид Мамед оглы», «И. А. Алещенко», «Алещенко И.А.»;
    None when the text is not a person's name in one of these shapes."""
    text = " ".join((full_name or "").split())
    if not text:
        return None
    found = _INITIALS_FIRST.match(text)
    if found and found[2][0].isupper() and not _INITIALS.match(found[2]):
        return PersonName(last_name=found[2], initials_before=found[1].strip() + " ")
    found = _INITIALS_LAST.match(text)
    if found and found[1][0].isupper():
        return PersonName(last_name=found[1], initials_after=" " + found[2].strip())
    words = text.split(" ")
    if not all(word[0].isupper() for word in words[:2]) or len(words) > 4:
        return None
    if len(words) >= 4 and words[-1].lower() in _PATRONYMIC_PARTICLES:
        return PersonName(last_name=words[0], first_name=words[1], patronymic=" ".join(words[2:]))
    if len(words) == 3:
        return PersonName(last_name=words[0], first_name=words[1], patronymic=words[2])
    if len(words) == 2:
        return PersonName(last_name=words[0], first_name=words[1])
    return None


def looks_like_person(text: str) -> bool:
    """A full name with a Russian (or Turkic) patronymic, or initials with a surname: what a
    document's text holds when it names a person. A name without a patronymic («Ли Мария») cannot be
    told from other words; pass it as a person explicitly."""
    name = split_name(text)
    if name is None:
        return False
    if name.initials_before or name.initials_after:
        return True
    last = name.patronymic.split(" ")[-1] if name.patronymic else ""
    return bool(last) and (last.lower() in _PATRONYMIC_PARTICLES or bool(_PATRONYMIC_SUFFIX.search(last)))


def _petrovich(part: NamePart, gender: str, case: str, word: str) -> str:
    petrovich_gender = _PETROVICH_GENDER.get(gender, PetrovichGender.ANDROGYNOUS)
    try:
        return _maker().make(part, petrovich_gender, _PETROVICH_CASE[case], word)
    except (KeyError, IndexError, ValueError):  # a name its rules do not know: left as written
        return word


def _patronymic(gender: str, case: str, patronymic: str) -> str:
    words = patronymic.split(" ")
    if len(words) > 1 and words[-1].lower() in _PATRONYMIC_PARTICLES:
        return patronymic  # «Мамед оглы»: the father's name and the particle do not decline
    return _petrovich(NamePart.MIDDLENAME, gender, case, patronymic)


@functools.lru_cache(maxsize=8192)
def decline_person(full_name: str, case: str, gender: str = UNKNOWN) -> str:
    """A person's name in the case, agreeing with the gender (guessed from the name when unknown):
    «Белова Анна Сергеевна» -> accusative «Белову Анну Сергеевну»; «И. А. Алещенко» -> dative
    «И. А. Алещенко»; «Шевчук Ольга Петровна» -> genitive «Шевчук Ольги Петровны»."""
    _check_case(case)
    name = split_name(full_name)
    if name is None or case == NOMINATIVE:
        return full_name
    gender = gender or guess_gender(name.first_name, name.patronymic, name.last_name)
    parts = []
    if name.initials_before:
        parts.append(name.initials_before.rstrip())
    parts.append(_petrovich(NamePart.LASTNAME, gender, case, name.last_name))
    if name.first_name:
        parts.append(_petrovich(NamePart.FIRSTNAME, gender, case, name.first_name))
    if name.patronymic:
        parts.append(_patronymic(gender, case, name.patronymic))
    if name.initials_after:
        parts.append(name.initials_after.strip())
    return " ".join(parts)


@dataclasses.dataclass(frozen=True)
class Person:
    """A person a document names, with what agreement needs: the documents' templates decline it
    (``{{ curator|accusative }}``) and agree words with it (``{{ curator|agree:"назначенный" }}``)."""

    full_name: str
    gender: str = UNKNOWN
    position: str = ""

    def __str__(self) -> str:
        return self.full_name

    def __bool__(self) -> bool:
        return bool(self.full_name.strip())

    @property
    def known_gender(self) -> str:
        """The gender given, else what the name says (unknown when it says nothing)."""
        if self.gender:
            return self.gender
        name = split_name(self.full_name)
        return guess_gender(name.first_name, name.patronymic, name.last_name) if name else UNKNOWN

    @property
    def initials(self) -> str:
        """«И. О. Фамилия», as signatures and responsible persons are written."""
        name = split_name(self.full_name)
        if name is None or not name.first_name:
            return self.full_name
        initials = " ".join(f"{part[0]}." for part in (name.first_name, name.patronymic) if part)
        return f"{initials} {name.last_name}"

    def declined(self, case: str) -> str:
        return decline_person(self.full_name, case, self.known_gender)


def as_person(value) -> Person | None:
    """A Person from what a template holds: a Person, a participant (its name and gender field), an
    account (its name; the gender from the patronymic), or a text that is a person's name."""
    if isinstance(value, Person):
        return value
    full_name = getattr(value, "full_name", None)
    if isinstance(full_name, str) and hasattr(value, "gender"):
        return Person(full_name, value.gender or UNKNOWN, getattr(value, "position", "") or "")
    get_full_name = getattr(value, "get_full_name", None)
    if callable(get_full_name):
        return Person(get_full_name())
    if isinstance(value, str) and looks_like_person(value):
        return Person(value)
    return None


# --- Phrases: positions, organizations, municipalities, places --------------------------------

# Kinds of settlements written abbreviated before their names: declined, they are written out
# («ст. Кавказская» -> «станицы Кавказской»), since an abbreviation shows no case.
SETTLEMENTS = {
    "г.": "город",
    "ст.": "станица",
    "ст-ца": "станица",
    "с.": "село",
    "п.": "посёлок",
    "пос.": "посёлок",
    "пгт": "посёлок городского типа",
    "пгт.": "посёлок городского типа",
    "рп": "рабочий посёлок",
    "рп.": "рабочий посёлок",
    "д.": "деревня",
    "дер.": "деревня",
    "х.": "хутор",
    "аул": "аул",
}
_PHRASE_POS = {"NOUN", "ADJF", "PRTF", "NUMR"}
_QUOTES = "«»\"„“”'"
_WORD = re.compile(r"^[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*$")


def _is_abbreviation(word: str) -> bool:
    """«МБОУ», «УВР», «ОО», «МКУ»: written in capitals, they show no case and keep their form."""
    letters = word.replace("-", "")
    return len(letters) > 1 and letters.isupper()


def _nominative_parses(word: str) -> list:
    return [
        parse
        for parse in analyzer().parse(word)
        if parse.tag.POS in _PHRASE_POS and parse.tag.case == "nomn" and "Abbr" not in parse.tag
    ]


def _agrees(adjective, noun) -> bool:
    if adjective.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adjective.tag.gender == noun.tag.gender or noun.tag.gender is None


def _head_phrase(words: list[str]) -> list:
    """The parses of the leading noun phrase: adjectives (or participles) agreeing with the first
    noun, and that noun. Stops at anything else: a word in another case («заместитель директора»),
    a preposition, a quote, a number, an abbreviation. Empty when the text does not start with one."""
    phrase = []
    for index, word in enumerate(words):
        if not _WORD.match(word) or _is_abbreviation(word):
            break
        parses = _nominative_parses(word)
        nouns = [parse for parse in parses if parse.tag.POS == "NOUN"]
        adjectives = [parse for parse in parses if parse.tag.POS in ("ADJF", "PRTF")]
        following = words[index + 1] if index + 1 < len(words) else ""
        next_nouns = []
        if following and _WORD.match(following) and not _is_abbreviation(following):
            next_nouns = [parse for parse in _nominative_parses(following) if parse.tag.POS in ("NOUN", "ADJF", "PRTF")]
        # «старший воспитатель»: «старший» may be a noun, but an agreeing word follows.
        attributive = [a for a in adjectives if any(_agrees(a, n) for n in next_nouns)]
        if attributive:
            phrase.append(attributive[0])
            continue
        if nouns:
            head = nouns[0]
            # Keep only the adjectives that agree with the head: «Заречный городской округ».
            phrase = [
                next((p for p in _nominative_parses(parse.word) if p.tag.POS != "NOUN" and _agrees(p, head)), parse)
                for parse in phrase
            ]
            phrase.append(head)
            return phrase
        if adjectives:  # a substantivized adjective as the head: «вожатый», «дежурный»
            phrase.append(adjectives[0])
        return phrase
    return phrase


def _match_case(original: str, declined: str) -> str:
    """The declined word written as the original: «Заречного», «ЗАРЕЧНОГО», «педагога-психолога»."""
    if len(original) > 1 and original.isupper():
        return declined.upper()
    result = []
    for source, target in zip(original.split("-"), declined.split("-"), strict=False):
        result.append(target[:1].upper() + target[1:] if source[:1].isupper() else target)
    if len(result) < len(declined.split("-")):
        result += declined.split("-")[len(result) :]
    return "-".join(result)


def _inflect(parse, case: str, head) -> str:
    grammemes = {_GRAMMEME[case]}
    if case == PREPOSITIONAL and parse.tag.POS == "NOUN":
        # Documents use the prepositional after «в»/«на»: «в детском саду», «в районе» (the
        # dictionary falls back to the ordinary form where a noun has no second one).
        grammemes = {"loc2"}
    # The accusative of an adjective follows its noun's animacy: «старшего воспитателя», «городской округ».
    adjective = parse is not head and parse.tag.POS != "NOUN"
    animacy_shows = head.tag.number == "plur" or head.tag.gender == "masc"
    if case == ACCUSATIVE and adjective and head.tag.animacy and animacy_shows:
        grammemes.add(head.tag.animacy)
    inflected = parse.inflect(grammemes) or parse.inflect({_GRAMMEME[case]})
    if inflected is None:
        return parse.word
    word = inflected.word
    # The dictionary writes «ё»; a text that did not keep it in the nominative does not get it back.
    return word if "ё" in parse.word.lower() else word.replace("ё", "е")


def _decline_words(words: list[str], case: str) -> list[str]:
    phrase = _head_phrase(words)
    if not phrase:
        return words
    head = next((parse for parse in phrase if parse.tag.POS == "NOUN"), phrase[-1])
    declined = [_match_case(word, _inflect(parse, case, head)) for word, parse in zip(words, phrase, strict=False)]
    return declined + words[len(phrase) :]


def _decline_settlement(words: list[str], case: str) -> list[str] | None:
    """«ст. Кавказская» -> «станицы Кавказской», «г. Бодайбо» -> «города Бодайбо»: the kind written
    out and declined, an adjective-like name agreeing with it, a noun-like name kept as it is."""
    kind = SETTLEMENTS.get(words[0].lower())
    if kind is None or len(words) < 2:
        return None
    kind_words = kind.split(" ")
    declined_kind = _decline_words(kind_words, case)
    head = _head_phrase(kind_words)
    noun = next((parse for parse in head if parse.tag.POS == "NOUN"), None)
    name = words[1:]
    adjective = None
    if noun is not None and len(name) == 1 and _WORD.match(name[0]) and not _is_abbreviation(name[0]):
        adjective = next(
            (p for p in _nominative_parses(name[0]) if p.tag.POS in ("ADJF", "PRTF") and _agrees(p, noun)), None
        )
    if adjective is not None:
        name = [_match_case(name[0], _inflect(adjective, case, noun))]
    return declined_kind + name


def _decline_part(text: str, case: str) -> str:
    if looks_like_person(text):
        return decline_person(text, case)
    words = text.split(" ")
    return " ".join(_decline_settlement(words, case) or _decline_words(words, case))


@functools.lru_cache(maxsize=8192)
def decline_phrase(text: str, case: str) -> str:
    """A position, an organization's, a municipality's or a place's name in the case: only its
    leading noun phrase declines, the rest (a genitive, a quoted name, abbreviations) stays.
    «заместитель директора по УВР» -> accusative «заместителя директора по УВР»; «Заречный городской
    округ» -> genitive «Заречного городского округа»; «МБОУ «СОШ № 3»» stays; «муниципальное
    бюджетное общеобразовательное учреждение «Средняя школа № 3»» -> genitive «муниципального
    бюджетного общеобразовательного учреждения «Средняя школа № 3»». Parts separated by commas are
    each declined («учитель математики, классный руководитель»)."""
    _check_case(case)
    text = " ".join((text or "").split())
    if not text or case == NOMINATIVE:
        return text
    first = text.split(" ")[0]
    if text.isupper() and len(first) > 4 and analyzer().word_is_known(first.lower()):
        # A header in capitals: declined as written in lower case («ЗАРЕЧНЫЙ ГОРОДСКОЙ ОКРУГ»).
        return decline_phrase(text.lower(), case).upper()
    if any(quote in text for quote in _QUOTES):
        # A comma inside a quoted name is part of the name: only the text before the quote declines.
        quote = min(text.index(q) for q in _QUOTES if q in text)
        before, rest = text[:quote], text[quote:]
        return (_decline_part(before.strip(), case) + " " + rest).strip() if before.strip() else text
    return ", ".join(_decline_part(part.strip(), case) for part in text.split(","))


def decline(value: str, case: str) -> str:
    """A person's name (with a patronymic, or initials) as a person; anything else as a phrase."""
    _check_case(case)
    if looks_like_person(value):
        return decline_person(value, case)
    return decline_phrase(value, case)


# --- Agreement with a person's gender ----------------------------------------------------------


@functools.lru_cache(maxsize=2048)
def agree(words: str, gender: str) -> str:
    """Words agreed with a person's gender: «обучающийся» -> «обучающаяся», «назначенный» ->
    «назначенная», «ознакомлен» -> «ознакомлена» for a woman. «студент/студентка» picks the
    variant itself (the masculine first). An unknown gender keeps the masculine, the form of
    documents about people in general."""
    if "/" in words:
        masculine, _, feminine = words.partition("/")
        return feminine.strip() if gender == FEMALE else masculine.strip()
    if gender != FEMALE:
        return words
    result = []
    for word in words.split(" "):
        agreed = word
        if _WORD.match(word):
            for parse in analyzer().parse(word):
                if parse.tag.POS in ("ADJF", "PRTF", "ADJS", "PRTS", "VERB") and parse.tag.gender == "masc":
                    feminine = parse.inflect({"femn"})
                    if feminine is not None:
                        agreed = _match_case(word, feminine.word)
                    break
        result.append(agreed)
    return " ".join(result)


def agreed_with_title(participle: str, title: str) -> str:
    """A short participle agreed with the head noun of a document's title, as its approval stamp
    reads: «утверждено» for «Положение о …», «утверждена» for «Муниципальная целевая модель …»,
    «утверждён» for «План …», «утверждены» for «Показатели …». Unchanged when the title does not
    start with a noun phrase."""
    phrase = _head_phrase(title.split())
    if not phrase or phrase[-1].tag.POS != "NOUN":
        return participle
    head = phrase[-1].tag
    wanted = {"plur"} if head.number == "plur" else {head.gender or "neut", "sing"}
    for parse in analyzer().parse(participle):
        if parse.tag.POS == "PRTS":
            agreed = parse.inflect(wanted)
            return _match_case(participle, agreed.word) if agreed is not None else participle
    return participle


def _predicate_parse(word: str):
    """The reading of a word as a predicate in the masculine singular (a short participle, a verb in
    the past), when it is the word's most probable reading; «предложен» is as likely a short adjective
    as a participle, and the participle wins such a tie."""
    parses = analyzer().parse(word)
    best = parses[0].score
    for parse in parses:
        if parse.score < best:
            break
        tag = parse.tag
        if (
            tag.gender == "masc"
            and tag.number == "sing"
            and (tag.POS == "PRTS" or (tag.POS == "VERB" and "past" in tag))
        ):
            return parse
    return None


@functools.lru_cache(maxsize=1024)
def agree_predicate(sentence: str, gender: str) -> str:
    """A sentence about one person with its predicate agreed with the person's gender: «%(name)s
    выбыл из группы» -> «%(name)s выбыла из группы», «исключён», «вышел», «вернул на доработку». Only
    short participles and verbs in the past change: the adjectives of the rest («у одного человека
    одна роль») stay, so the sentence is agreed before the name and other values are put in. The
    product's texts are written in the masculine, the form an unknown gender keeps."""
    if gender != FEMALE:
        return sentence
    result = []
    for token in sentence.split(" "):
        core = token.strip(".,:;!?()«»")
        if core and _WORD.match(core) and (parse := _predicate_parse(core.lower())) is not None:
            feminine = parse.inflect({"femn"})
            if feminine is not None:
                token = token.replace(core, _match_case(core, feminine.word), 1)
        result.append(token)
    return " ".join(result)


def agreed_with(sentence: str, person) -> str:
    """``agree_predicate`` for a participant, an account or a name (what ``as_person`` takes)."""
    found = as_person(person)
    return agree_predicate(str(sentence), found.known_gender if found else UNKNOWN)


# --- Classes and groups ----------------------------------------------------------------------


def study_group(name: str, *, school: bool, case: str = NOMINATIVE) -> str:
    """A school has classes, a college or a kindergarten groups: «10А класс» / «группа ТМ-21»;
    genitive «10А класса» / «группы ТМ-21»."""
    _check_case(case)
    name = (name or "").strip()
    if not name:
        return ""
    if school:
        return f"{name} {decline_phrase('класс', case)}"
    return f"{decline_phrase('группа', case)} {name}"


# --- Numbers with nouns ----------------------------------------------------------------------


@functools.lru_cache(maxsize=2048)
def counted(number: int, words: str, case: str = NOMINATIVE) -> str:
    """A number with its words agreed by pymorphy3: «1 организация», «3 образовательные организации»,
    «5 показателей»; in another case «по 3 показателям», «из 21 показателя». Every word of ``words``
    (adjectives and the noun, in the nominative singular) agrees; a word the dictionary does not know
    stays as written."""
    _check_case(case)
    one = number % 10 == 1 and number % 100 != 11
    result = []
    for word in words.split():
        parses = [parse for parse in analyzer().parse(word) if parse.tag.case == "nomn"] or analyzer().parse(word)
        parse = parses[0] if _WORD.match(word) else None
        found = None
        if parse is not None and case == NOMINATIVE:
            found = parse.make_agree_with_number(number)
        elif parse is not None:
            found = parse.inflect({_GRAMMEME[case], "sing" if one else "plur"})
        result.append(_match_case(word, found.word) if found is not None else word)
    return f"{number} {' '.join(result)}"
