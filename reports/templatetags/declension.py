"""The cases of Russian as template filters, for the texts of the kinds of orders and letters.

A kind states the case each placeholder takes in its sentence, so a new kind gets the grammar right
without code: ``Назначить куратором {{ curator|accusative }}, {{ curator.position|accusative }}``,
``в образовательных организациях {{ municipality|genitive }}``. A person (reports.drafting gives
``curator`` and ``director``; a participant; a name with a patronymic) declines as a name agreeing
with its gender; anything else (a position, an organization, a municipality, a place) as a phrase
whose leading noun phrase declines. ``{{ person|agree:"обучающийся" }}`` agrees words with the
person's gender. The drafting engine has these filters built in; other templates ``{% load declension %}``.
"""

from django import template

from mentoring import declension

register = template.Library()


def _decline(value, case: str) -> str:
    if value is None or value == "":
        return ""
    person = declension.as_person(value)
    if person is not None:
        return person.declined(case)
    return declension.decline_phrase(str(value), case)


@register.filter
def nominative(value) -> str:
    return _decline(value, declension.NOMINATIVE)


@register.filter
def genitive(value) -> str:
    return _decline(value, declension.GENITIVE)


@register.filter
def dative(value) -> str:
    return _decline(value, declension.DATIVE)


@register.filter
def accusative(value) -> str:
    return _decline(value, declension.ACCUSATIVE)


@register.filter
def instrumental(value) -> str:
    return _decline(value, declension.INSTRUMENTAL)


@register.filter
def prepositional(value) -> str:
    return _decline(value, declension.PREPOSITIONAL)


@register.filter
def agreed_with(sentence, person) -> str:
    """``{{ text|agreed_with:membership.mentee }}``: a sentence about the person with its predicate
    agreed («выбыл» -> «выбыла» for a girl); the product's texts are written in the masculine."""
    return declension.agreed_with(sentence, person)


@register.filter
def agree(value, words: str) -> str:
    """``{{ person|agree:"обучающийся" }}``: «обучающаяся» for a girl; ``"студент/студентка"`` picks."""
    person = declension.as_person(value)
    return declension.agree(words, person.known_gender if person else declension.UNKNOWN)
