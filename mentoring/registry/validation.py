"""Rules a participant's data must satisfy, shared by the forms and the XLSX import."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from accounts.models import Organization
from mentoring.models import SCHOOL_CLASS, Participant

OLDEST_AGE = 100
WITH_CLASS = {Participant.Category.STUDENT, Participant.Category.COLLEGE_STUDENT}
PERSON_NAME_FIELDS = ("last_name", "first_name", "patronymic", "guardian_name")

# Letters of the Cyrillic block (Ё/ё and the letters of the republics' languages, ә, ө, ү …) and
# Latin ones. Nothing else: a name that begins with «=», «+», «-» or «@» becomes a formula when a
# registry or a report is opened in a spreadsheet.
NAME_LETTERS = "A-Za-z\u0400-\u0481\u048a-\u04ff"
NAME_SEPARATORS = " '’-"
# Words of letters joined by one separator each: «Римский-Корсаков», «Д’Артаньян», «Анна Мария».
PERSON_NAME = re.compile(f"[{NAME_LETTERS}]+(?:[{NAME_SEPARATORS}][{NAME_LETTERS}]+)*")
NOT_IN_NAME = re.compile(f"[^{NAME_LETTERS}{NAME_SEPARATORS}]")


def person_name_problem(value: str) -> str | None:
    """Why the text cannot be a person's name (a surname, a full name), or None; empty text is no problem here."""
    if not value or PERSON_NAME.fullmatch(value):
        return None
    strangers = "".join(dict.fromkeys(NOT_IN_NAME.findall(value)))
    if strangers:
        return _("A name holds only letters, spaces, hyphens and apostrophes; remove «%(characters)s».") % {
            "characters": strangers
        }
    return _(
        "A hyphen, an apostrophe or a space stands only between letters, one at a time: "
        "«Римский-Корсаков», «Д’Артаньян»."
    )


def participant_problems(data: dict, *, organization: Organization, on_date: datetime.date) -> dict[str, str]:
    """Field name -> message for every rule the data break; empty when all is well.

    ``data`` holds cleaned values: strings, dates or None.
    """
    problems: dict[str, str] = {}
    category = data.get("category")
    if category not in Participant.Category.values:
        problems["category"] = _("Unknown category.")
    for field in ("last_name", "first_name"):
        if not (data.get(field) or "").strip():
            problems[field] = _("Required.")
    for field in PERSON_NAME_FIELDS:
        problem = person_name_problem(data.get(field) or "")
        if problem and field not in problems:
            problems[field] = problem

    birth_date = data.get("birth_date")
    if birth_date is None:
        if category in WITH_CLASS:
            problems["birth_date"] = _("The date of birth is required for a student.")
    elif birth_date > on_date:
        problems["birth_date"] = _("The date of birth is in the future.")
    elif birth_date.year < on_date.year - OLDEST_AGE:
        problems["birth_date"] = _("The date of birth is more than %(years)s years ago.") % {"years": OLDEST_AGE}

    class_name = (data.get("class_name") or "").strip()
    if category in WITH_CLASS and not class_name:
        problems["class_name"] = _("The class or group is required for a student.")
    elif category == Participant.Category.STUDENT and organization.kind == Organization.Kind.SCHOOL:
        match = SCHOOL_CLASS.match(class_name)
        if not match or not 1 <= int(match["grade"]) <= 11:
            problems["class_name"] = _(
                "Unknown class «%(value)s»: write a grade from 1 to 11 and a letter, e.g. 7Б."
            ) % {"value": class_name}

    teaching_since = data.get("teaching_since")
    if teaching_since:
        if teaching_since > on_date:
            problems["teaching_since"] = _("The start of experience is in the future.")
        elif birth_date and teaching_since <= birth_date:
            problems["teaching_since"] = _("The start of experience is before the date of birth.")

    email = (data.get("email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = _("Enter a valid e-mail address.")
    return problems
