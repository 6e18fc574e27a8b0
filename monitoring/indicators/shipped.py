"""The indicators shipped with the product (loaded by a data migration, editable in the admin).

Seed 001 (Bodaibo, order № 274 of 27.05.2021, appendix 2): yearly targets 2021–2024; participation
counts only after the full cycle (its item 5.5). Seed 003 (Kavkazsky district, order № 975 of
19.09.2022, item 5.1): reported quarterly as of 1 January, 1 April, 1 July, 1 October; there
«entered the program» counts, so the full cycle is not required.
"""

STUDENT, COLLEGE_STUDENT, STAFF = "student", "college_student", "staff"
SCHOOL, ADDITIONAL, COLLEGE = "school", "additional", "college"

STAFF_TRAINED_DESCRIPTION = (
    "Приказ № 274 от 27.05.2021 (Бодайбо), приложение 2, п. 4. Работники, завершившие обучение "
    "(«Школа наставников», курсы повышения квалификации) не позднее отчётной даты; для даты, на которую "
    "обучение не отмечено, — число из контингента."
)

INDICATORS = [
    {
        "code": "students-mentees",
        "short_name": "Обучающиеся — наставляемые",
        "name": "Доля обучающихся образовательных организаций, осуществляющих образовательную деятельность "
        "по общеобразовательным программам, вовлечённых в различные формы сопровождения и наставничества "
        "в роли наставляемого",
        "group": "participation",
        "position": 10,
        "source": "registry",
        "role": "mentee",
        "categories": [STUDENT],
        "full_cycle_only": True,
        "organization_kinds": [SCHOOL],
        "denominator": "students_total",
        "description": "Приказ № 274 от 27.05.2021 (Бодайбо), приложение 2, п. 1. Учитываются прошедшие полный цикл.",
    },
    {
        "code": "additional-students-mentees",
        "short_name": "Обучающиеся ДО — наставляемые",
        "name": "Доля обучающихся образовательных организаций, осуществляющих образовательную деятельность "
        "по дополнительным общеобразовательным программам, вовлечённых в различные формы сопровождения "
        "и наставничества в роли наставляемого",
        "group": "participation",
        "position": 20,
        "source": "registry",
        "role": "mentee",
        "categories": [STUDENT],
        "full_cycle_only": True,
        "organization_kinds": [ADDITIONAL],
        "denominator": "students_additional",
        "description": "Приказ № 274 от 27.05.2021 (Бодайбо), приложение 2, п. 2. Учитываются прошедшие полный цикл.",
    },
    {
        "code": "additional-best-practices",
        "short_name": "ДО: лучшие практики и работодатели",
        "name": "Доля вовлечения в различные формы сопровождения и наставничества обучающихся организаций, "
        "осуществляющих образовательную деятельность по дополнительным общеобразовательным программам, "
        "в том числе с применением лучших практик обмена опытом между обучающимися и привлечением "
        "представителей работодателей к этой деятельности",
        "group": "participation",
        "position": 30,
        "source": "registry",
        "role": "mentee",
        "categories": [STUDENT],
        "full_cycle_only": True,
        "forms": ["student-student", "employer-student"],
        "organization_kinds": [ADDITIONAL],
        "denominator": "students_additional",
        "description": "Приказ № 274 от 27.05.2021 (Бодайбо), приложение 2, п. 3: формы «ученик – ученик» "
        "и «работодатель – ученик».",
    },
    {
        "code": "staff-trained",
        "short_name": "Работники, обученные наставничеству",
        "name": "Доля работников образования, повысивших квалификацию по вопросам внедрения и реализации "
        "различных форм сопровождения и наставничества",
        "group": "staff",
        "position": 40,
        "source": "training",
        "numerator_figure": "staff_trained",
        "full_cycle_only": False,
        "denominator": "teachers",
        "description": STAFF_TRAINED_DESCRIPTION,
    },
    {
        "code": "young-teachers-under-35",
        "short_name": "Учителя до 35 лет в первые три года",
        "name": "Доля учителей в возрасте до 35 лет, вовлечённых в различные формы поддержки "
        "и сопровождения в первые три года работы",
        "group": "staff",
        "position": 50,
        "source": "registry",
        "role": "mentee",
        "categories": [STAFF],
        "age_max": 34,
        "young_specialists": True,
        "full_cycle_only": False,
        "denominator": "teachers_under_35",
        "description": "Приказ № 274 от 27.05.2021 (Бодайбо), приложение 2, п. 5.",
    },
    {
        "code": "youth-10-19-mentees",
        "short_name": "Дети 10–19 лет — наставляемые",
        "name": "Доля детей и молодёжи в возрасте от 10 до 19 лет, вошедших в программы наставничества "
        "в роли наставляемого",
        "group": "participation",
        "position": 60,
        "source": "registry",
        "role": "mentee",
        "categories": [STUDENT, COLLEGE_STUDENT],
        "age_min": 10,
        "age_max": 19,
        "full_cycle_only": False,
        "denominator": "students_10_19",
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. Возраст на отчётную дату.",
    },
    {
        "code": "youth-15-19-mentors",
        "short_name": "Молодёжь 15–19 лет — наставники",
        "name": "Доля детей и молодёжи в возрасте от 15 до 19 лет, вошедших в программы наставничества "
        "в роли наставника",
        "group": "participation",
        "position": 70,
        "source": "registry",
        "role": "mentor",
        "categories": [STUDENT, COLLEGE_STUDENT],
        "age_min": 15,
        "age_max": 19,
        "full_cycle_only": False,
        "denominator": "students_15_19",
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. Возраст на отчётную дату.",
    },
    {
        "code": "young-specialists-mentees",
        "short_name": "Молодые специалисты — наставляемые",
        "name": "Доля учителей — молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программы "
        "наставничества в роли наставляемого",
        "group": "staff",
        "position": 80,
        "source": "registry",
        "role": "mentee",
        "categories": [STAFF],
        "young_specialists": True,
        "full_cycle_only": False,
        "denominator": "young_specialists",
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. Стаж на отчётную дату.",
    },
    {
        "code": "partners-mentors",
        "short_name": "Предприятия, предоставившие наставников",
        "name": "Доля предприятий (организаций), вошедших в программы наставничества, предоставив своих наставников",
        "group": "partners",
        "position": 90,
        "source": "partners",
        "role": "mentor",
        "full_cycle_only": False,
        "denominator": "partner_organizations",
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. Партнёры, чьи представители "
        "внесены в реестр наставников.",
    },
    {
        "code": "mentee-satisfaction",
        "short_name": "Удовлетворённость наставляемых",
        "name": "Уровень удовлетворённости наставляемых участием в программах наставничества (опросный)",
        "group": "satisfaction",
        "position": 100,
        "source": "satisfaction",
        "role": "mentee",
        "full_cycle_only": False,
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. По анкетам наставляемых.",
    },
    {
        "code": "mentor-satisfaction",
        "short_name": "Удовлетворённость наставников",
        "name": "Уровень удовлетворённости наставников участием в программах наставничества (опросный)",
        "group": "satisfaction",
        "position": 110,
        "source": "satisfaction",
        "role": "mentor",
        "full_cycle_only": False,
        "description": "Приказ № 975 от 19.09.2022 (Кавказский район), п. 5.1. По анкетам наставников.",
    },
]

# Seed 001, appendix 2: targets by year («не менее 10» and «не менее 70» as 10 and 70).
SEED_001_TARGETS = {
    "students-mentees": {2021: 20, 2022: 35, 2023: 50, 2024: 70},
    "additional-students-mentees": {2021: 20, 2022: 35, 2023: 50, 2024: 70},
    "additional-best-practices": {2021: 3, 2022: 5, 2023: 8, 2024: 10},
    "staff-trained": {2021: 20, 2022: 35, 2023: 50, 2024: 70},
    "young-teachers-under-35": {2021: 20, 2022: 35, 2023: 50, 2024: 70},
}


def indicator_fields(data: dict) -> dict:
    """The model fields of a shipped indicator (forms are linked separately, by code)."""
    return {key: value for key, value in data.items() if key not in {"code", "forms"}}


# What each shipped indicator means, in the words of its seed: the name of the indicator as the
# order writes it, what its numerator counts and what divides it. Seed 001 (п. 5.5): «участие в
# программе наставничества понимается как прохождение участником полного цикла программы
# наставничества»; seed 003 (п. 5.1) counts those who «вошли в программы наставничества».
FULL_CYCLE_001 = (
    "Для оценки вовлечённости участие в программе наставничества понимается как прохождение участником "
    "полного цикла программы наставничества (целевая модель, п. 5.5; отметка в форме учёта наставляемых)."
)
ENTERED_003 = "Учитываются вошедшие в программы наставничества (приказ № 975 от 19.09.2022, п. 5.1)."
DEFINITIONS = {
    "students-mentees": "Доля обучающихся, вовлечённых в различные формы сопровождения и наставничества в роли "
    "наставляемого: численность обучающихся по общеобразовательным программам, прошедших полный цикл программы "
    "наставничества в роли наставляемого, к общей численности обучающихся организации, %. " + FULL_CYCLE_001,
    "additional-students-mentees": "Доля обучающихся по дополнительным общеобразовательным программам, вовлечённых "
    "в различные формы сопровождения и наставничества в роли наставляемого: численность прошедших полный цикл "
    "программы наставничества к численности обучающихся по дополнительным общеобразовательным программам, %. "
    + FULL_CYCLE_001,
    "additional-best-practices": "Доля вовлечения обучающихся по дополнительным общеобразовательным программам "
    "в формы наставничества «ученик – ученик» (обмен лучшими практиками между обучающимися) и «работодатель – "
    "ученик» (с привлечением представителей работодателей) к численности обучающихся по дополнительным "
    "общеобразовательным программам, %. " + FULL_CYCLE_001,
    "staff-trained": "Доля работников образования, повысивших квалификацию по вопросам внедрения и реализации "
    "различных форм сопровождения и наставничества: численность таких работников к численности педагогических "
    "работников организации, % (приказ № 274 от 27.05.2021, приложение 2, п. 4).",
    "young-teachers-under-35": "Доля учителей в возрасте до 35 лет, вовлечённых в различные формы поддержки "
    "и сопровождения в первые три года работы: численность таких учителей в роли наставляемого к численности "
    "учителей в возрасте до 35 лет, % (приказ № 274 от 27.05.2021, приложение 2, п. 5).",
    "youth-10-19-mentees": "Доля детей и молодёжи в возрасте от 10 до 19 лет, вошедших в программы наставничества "
    "в роли наставляемого: их численность к численности обучающихся в возрасте от 10 до 19 лет, %. " + ENTERED_003,
    "youth-15-19-mentors": "Доля детей и молодёжи в возрасте от 15 до 19 лет, вошедших в программы наставничества "
    "в роли наставника: их численность к численности обучающихся в возрасте от 15 до 19 лет, %. " + ENTERED_003,
    "young-specialists-mentees": "Доля учителей — молодых специалистов (с опытом работы от 0 до 3 лет), вошедших "
    "в программы наставничества в роли наставляемого: их численность к численности молодых специалистов, %. "
    + ENTERED_003,
    "partners-mentors": "Доля предприятий (организаций), вошедших в программы наставничества, предоставив своих "
    "наставников: число предприятий-партнёров, чьи представители внесены в реестр наставников, к общему числу "
    "предприятий-партнёров организации, %. " + ENTERED_003,
    "mentee-satisfaction": "Уровень удовлетворённости наставляемых участием в программах наставничества, % "
    "(опросный): по анкетам наставляемых. " + ENTERED_003,
    "mentor-satisfaction": "Уровень удовлетворённости наставников участием в программах наставничества, % "
    "(опросный): по анкетам наставников. " + ENTERED_003,
}
