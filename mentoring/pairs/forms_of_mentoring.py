"""The forms of mentoring, role models and teacher-mentoring formats shipped with the product
(loaded by a data migration, editable in the admin). Sources: DOMAIN.md and the seeds."""

STUDENT, STAFF, PARENT, ALUMNUS = "student", "staff", "parent", "alumnus"
COLLEGE_STUDENT, EMPLOYER, VOLUNTEER = "college_student", "employer", "volunteer"

FORMS = [
    {
        "code": "teacher-teacher",
        "name": "учитель – учитель",
        "mentor_categories": [STAFF],
        "mentee_categories": [STAFF],
        "mentor_capacity": 3,
        "for_teachers": True,
        "position": 10,
        "role_models": [
            "опытный педагог – молодой специалист",
            "опытный классный руководитель – молодой специалист",
            "лидер педагогического сообщества – педагог, испытывающий профессиональные затруднения",
            "педагог-новатор – консервативный педагог",
            "опытный предметник – неопытный предметник",
        ],
    },
    {
        "code": "student-student",
        "name": "ученик – ученик",
        "mentor_categories": [STUDENT],
        "mentee_categories": [STUDENT],
        "mentor_capacity": 2,
        "position": 20,
        "role_models": [
            "успевающий – неуспевающий",
            "лидер – пассивный",
            "равный – равному",
            "адаптированный – неадаптированный",
        ],
    },
    {
        "code": "teacher-student",
        "name": "учитель – ученик",
        "mentor_categories": [STAFF],
        "mentee_categories": [STUDENT, COLLEGE_STUDENT],
        "mentor_capacity": 5,
        "position": 30,
        "role_models": [
            "активный профессионал – равнодушный потребитель",
            "коллега – молодой коллега",
            "наставник – автор проекта",
        ],
    },
    {
        "code": "student-pupil",
        "name": "студент – ученик",
        "mentor_categories": [COLLEGE_STUDENT, ALUMNUS],
        "mentee_categories": [STUDENT],
        "mentor_capacity": 3,
        "position": 40,
        "role_models": ["успевающий – неуспевающий", "равный – равному", "наставник – автор проекта"],
    },
    {
        "code": "employer-student",
        "name": "работодатель – ученик",
        "mentor_categories": [EMPLOYER],
        "mentee_categories": [STUDENT, COLLEGE_STUDENT],
        "mentor_capacity": 5,
        "position": 50,
        "role_models": [
            "активный профессионал – равнодушный потребитель",
            "коллега – молодой коллега",
            "работодатель – будущий сотрудник",
        ],
    },
    {
        "code": "volunteer-student",
        "name": "представитель НКО / волонтёр – ученик",
        "mentor_categories": [VOLUNTEER],
        "mentee_categories": [STUDENT],
        "mentor_capacity": 5,
        "position": 60,
        "role_models": ["равный – равному", "лидер – пассивный"],
    },
    {
        "code": "parent-student",
        "name": "родитель – ученик",
        "mentor_categories": [PARENT],
        "mentee_categories": [STUDENT],
        "mentor_capacity": 3,
        "position": 70,
        "role_models": ["профессионал – ученик, выбирающий профессию"],
    },
    {
        "code": "teacher-parent",
        "name": "педагог – родитель",
        "mentor_categories": [STAFF],
        "mentee_categories": [PARENT],
        "mentor_capacity": 5,
        "position": 80,
        "role_models": ["педагог – родитель, испытывающий затруднения в воспитании"],
    },
    {
        "code": "college-college",
        "name": "студент – студент",
        "mentor_categories": [COLLEGE_STUDENT],
        "mentee_categories": [COLLEGE_STUDENT],
        "mentor_capacity": 3,
        "position": 90,
        "role_models": ["успевающий – неуспевающий", "адаптированный – неадаптированный"],
    },
]

TEACHER_FORMATS = [
    "традиционное",
    "групповое",
    "виртуальное",
    "краткосрочное",
    "реверсивное",
    "ситуационное",
    "скоростное",
]
