"""Texts compared by meaning: the lemmatizer (mentoring.morphology) and the reasons the matching gives
on answers as pupils and teachers write them in the intake questionnaires."""

from django.utils import translation

from mentoring import morphology
from mentoring.pairs.matching import Cohort, Person, match, words_of


def keys(text: str) -> list[str]:
    return [term.key for term in morphology.terms(text)]


def test_words_take_their_dictionary_form():
    assert keys("Увлекаюсь шахматами и робототехникой") == ["увлекаться", "шахматы", "робототехника"]
    assert morphology.lemma("олимпиадами") == "олимпиада"
    assert morphology.lemma("Ёлки") == "елка"


def test_function_words_and_numbers_are_dropped():
    assert keys("в 7 классе я очень люблю и по-прежнему, но не всегда") == ["класс", "любить", "прежний"]


def test_abbreviations_and_terms_with_digits_are_kept_as_written():
    terms = morphology.terms("Хочу разобраться в ИИ, IT и 3D-печати; знаю C++ и Python, готовлюсь к ОГЭ")
    shown = {term.key: term.shown for term in terms}
    assert shown["ии"] == "ИИ" and shown["it"] == "IT" and shown["3d"] == "3D"
    assert shown["c++"] == "C++" and shown["python"] == "Python" and shown["огэ"] == "ОГЭ"
    # A word typed in capitals is still a word: «ХИМИЮ» is «химия».
    assert keys("ХИМИЮ") == ["химия"]


def test_stems_no_longer_collide():
    assert not set(keys("конструктивное общение")) & set(keys("конструирование из LEGO"))
    assert not set(keys("организатор")) & set(keys("организм человека"))


def test_generic_words_make_no_two_texts_alike():
    # «подготовка», «язык», «помощь»: common to most requests, they say nothing of a fit.
    assert (
        not words_of("подготовка к ОГЭ по русскому языку").keys()
        & words_of("подготовка к олимпиаде по английскому языку").keys()
    )
    assert not words_of("нужна помощь с учёбой").keys() & words_of("помогу с проектом").keys()


def test_phrases_are_found_in_order_with_a_gap():
    words = morphology.lemmas("Они так и не смогли найти общий язык")
    assert morphology.contains_phrase(words, ("не", "найти", "общий", "язык"))
    assert not morphology.contains_phrase(words, ("язык", "общий"))
    assert not morphology.contains_phrase(
        morphology.lemmas("общение сложилось, но не хватило времени"), ("не", "сложиться")
    )


# Answers as they come from the intake questionnaires of a school.
MENTEE_INTERESTS = "Увлекаюсь робототехникой и 3D-моделированием, хочу разобраться в ИИ. Ещё играю в шахматы."
MENTEE_REQUEST = "Нужна подготовка к олимпиаде по информатике, плохо понимаю рекурсию и алгоритмы на Python."
ROBOTICS_MENTOR = {
    "interests": "Руковожу кружком робототехники; 3D-печать, искусственный интеллект (ИИ)",
    "text": "Олимпиадное программирование: алгоритмы, рекурсия, Python и C++",
}
LANGUAGE_MENTOR = {
    "interests": "Чтение, театр, подготовка школьных спектаклей",
    "text": "Подготовка к ОГЭ и ЕГЭ по русскому языку, помощь с сочинениями",
}


def test_the_reasons_on_real_looking_answers():
    mentee = Person(
        participant_id=1, name="Соколова Дарья", category="student", interests=MENTEE_INTERESTS, text=MENTEE_REQUEST
    )
    robotics = Person(participant_id=100, name="Громов Илья", category="student", places=1, **ROBOTICS_MENTOR)
    language = Person(participant_id=101, name="Абрамова Анна", category="student", places=1, **LANGUAGE_MENTOR)
    cohort = Cohort([mentee], [language, robotics], ("student",), ("student",), 1)
    with translation.override("ru"):
        result = match(cohort, {"interests": 3, "competencies": 4})
    [suggestion] = result.suggestions
    assert suggestion.mentor.participant_id == robotics.participant_id
    texts = [reason.text for reason in suggestion.reasons]
    assert texts == [
        "общие интересы: робототехника, 3D, ИИ",
        "компетенции наставника отвечают запросу: рекурсия, алгоритм, Python",
    ]
    # The teacher of Russian shares only «подготовка» with the request: no match at all.
    language_row = result.scores[0, 0]
    assert language_row == 0


def test_a_shared_generic_word_does_not_make_a_pair():
    mentee = Person(participant_id=1, name="А", category="student", text="подготовка к ОГЭ по математике")
    mentor = Person(participant_id=2, name="Б", category="student", places=1, text="подготовка к ЕГЭ по истории")
    result = match(Cohort([mentee], [mentor], ("student",), ("student",), 1), {"competencies": 4})
    assert result.suggestions == []
