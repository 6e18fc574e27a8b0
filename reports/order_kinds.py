"""The kinds of orders shipped with the product (loaded by a data migration; editable in the admin).

Texts follow the orders schools issue (seed 000 and DOMAIN.md, section Documents); the legal
references are those users cite. The templates may use the context of reports.drafting, and state
the case of every name inside a sentence with the filters of reports.templatetags.declension:
«Назначить куратором … {{ curator|accusative }}», «в образовательных организациях
{{ municipality|genitive }}». A change here reaches the kinds already stored by a data migration
(see reports/migrations/0007_kinds_in_the_right_case.py).
"""

INTRODUCTION_BASIS = (
    "В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 "
    "«Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих "
    "образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам "
    "среднего профессионального образования, в том числе с применением лучших практик обмена опытом между "
    "обучающимися», распоряжением Правительства Российской Федерации от 31.12.2019 № 3273-р «Об утверждении "
    "основных принципов национальной системы профессионального роста педагогических работников Российской "
    "Федерации, включая национальную систему учительского роста», методическими рекомендациями по разработке "
    "и внедрению системы (целевой модели) наставничества педагогических работников в образовательных "
    "организациях (совместное письмо Министерства просвещения Российской Федерации от 21.12.2021 "
    "№ АЗ-1128/08 и Общероссийского Профсоюза образования от 21.12.2021 № 657)"
)

CURATOR = "{{ curator_short|default:'куратор' }}"
# «Белову Анну Сергеевну, заместителя директора по УВР», or a line to write the name on.
CURATOR_ACCUSATIVE = (
    "{% if curator %}{{ curator|accusative }}{% if curator.position %}, {{ curator.position|accusative }}{% endif %}"
    "{% else %}____________________{% endif %}"
)
IN_ORGANIZATION = "в {{ organization.short_name|prepositional }}"
ORGANIZATION_SITE = "на официальном сайте {{ organization.short_name|genitive }}"

# Seed 001, приложение 2: the indicators and their targets by year, approved by the municipal order.
MUNICIPAL_INDICATORS_TITLE = (
    "Показатели эффективности внедрения целевой модели наставничества в {{ municipality|prepositional }}"
)
# The indicators are the second appendix after the target model, the first one without it.
MUNICIPAL_INDICATORS_ITEM = (
    "Утвердить показатели эффективности внедрения целевой модели наставничества "
    "в {{ municipality|prepositional }} и их контрольные значения по годам "
    "(приложение {% if statute %}2{% else %}1{% endif %})."
)
# Seed 001, приложение 1: the municipality's target model (reports.statute), its latest version.
MUNICIPAL_MODEL_TITLE = (
    "Муниципальная целевая модель наставничества обучающихся и педагогических работников "
    "образовательных организаций {{ municipality|genitive }}"
)
MUNICIPAL_MODEL_ITEM = (
    "Утвердить муниципальную целевую модель наставничества обучающихся и педагогических работников "
    "образовательных организаций {{ municipality|genitive }}{% if statute %} (приложение 1){% endif %}."
)

STATUTE_TITLE = f"Положение о системе наставничества {IN_ORGANIZATION}"
# ``statute``: the order carries the Положение as its appendix.
STATUTE_ITEM = (
    f"Утвердить Положение о системе наставничества {IN_ORGANIZATION}{{% if statute %}} (приложение 1){{% endif %}}."
)
# Seed 001, items 2–4: the municipality's coordinator of mentoring, named in the accusative, and what
# the coordinator does (seed 003, item 3).
COORDINATOR_APPOINTMENT = {
    "text": "Назначить муниципальным координатором наставничества "
    "{% if coordinator %}{{ coordinator|accusative }}{% else %}____________________{% endif %}.",
    "responsible": "",
    "term": "",
}
COORDINATOR_SUPPORT = {
    "text": "Муниципальному координатору наставничества обеспечить информационное и организационно-методическое "
    "сопровождение реализации целевой модели наставничества в образовательных организациях "
    "{{ municipality|genitive }}, сбор и анализ результатов её реализации.",
    "responsible": "{{ coordinator_short }}",
    "term": "",
}
HEADS_OF_ORGANIZATIONS = "руководители образовательных организаций"

KINDS = [
    {
        "code": "model-introduction",
        "name": "О внедрении целевой модели наставничества",
        "position": 10,
        "appendix": "roadmap",
        "appendix_title": "Дорожная карта реализации целевой модели наставничества "
        f"{IN_ORGANIZATION} на {{{{ academic_year }}}} учебный год",
        # The municipality's targets, which its organizations reach (seed 001, приложение 2).
        "indicators_title": f"Показатели эффективности внедрения целевой модели наставничества {IN_ORGANIZATION}",
        "title_template": "О внедрении целевой модели наставничества",
        "preamble_template": INTRODUCTION_BASIS + f", в целях развития наставничества {IN_ORGANIZATION},",
        "items_template": [
            {
                "text": f"Внедрить {IN_ORGANIZATION} целевую модель наставничества "
                "на {{ academic_year }} учебный год.",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Утвердить дорожную карту реализации целевой модели наставничества "
                f"{IN_ORGANIZATION} на {{{{ academic_year }}}} учебный год (приложение 1).",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Назначить куратором внедрения целевой модели наставничества (далее — куратор) "
                f"{CURATOR_ACCUSATIVE}.",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Организовать реализацию мероприятий по внедрению целевой модели наставничества "
                "в сроки, установленные дорожной картой.",
                "responsible": CURATOR,
                "term": "в течение учебного года",
            },
            {
                "text": "Обеспечить достижение показателей эффективности внедрения целевой модели "
                "наставничества на уровне не ниже планируемых (приложение 2).",
                "responsible": CURATOR,
                "term": "до конца учебного года",
            },
            {
                "text": "Разместить нормативные документы по внедрению целевой модели наставничества "
                f"{ORGANIZATION_SITE}.",
                "responsible": CURATOR,
                "term": "в течение 10 рабочих дней",
            },
        ],
    },
    {
        "code": "curator-appointment",
        "name": "О назначении куратора внедрения целевой модели наставничества",
        "position": 20,
        "title_template": "О назначении куратора внедрения целевой модели наставничества",
        "preamble_template": "В целях организации внедрения и реализации целевой модели наставничества "
        f"{IN_ORGANIZATION},",
        "items_template": [
            {
                "text": f"Назначить куратором внедрения целевой модели наставничества {IN_ORGANIZATION} "
                f"(далее — куратор) {CURATOR_ACCUSATIVE}.",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Куратору обеспечить формирование и ведение баз наставников и наставляемых, "
                "сбор согласий на обработку персональных данных, формирование наставнических пар и групп, "
                "контроль исполнения дорожной карты, мониторинг и подготовку отчётности.",
                "responsible": CURATOR,
                "term": "в течение {{ academic_year }} учебного года",
            },
        ],
    },
    {
        "code": "regulation-approval",
        "name": "Об утверждении положения о наставничестве",
        "position": 30,
        # The organization's Положение (reports.statute), its version chosen or the latest one.
        "appendix": "statute",
        "appendix_title": STATUTE_TITLE,
        "title_template": f"Об утверждении Положения о системе наставничества {IN_ORGANIZATION}",
        "preamble_template": INTRODUCTION_BASIS + ", статьёй 351.8 Трудового кодекса Российской Федерации,",
        "items_template": [
            {
                "text": STATUTE_ITEM,
                "responsible": "",
                "term": "",
            },
            {
                "text": "Ознакомить педагогических работников с Положением о системе наставничества.",
                "responsible": CURATOR,
                "term": "в течение 10 рабочих дней",
            },
            {
                "text": f"Разместить Положение {ORGANIZATION_SITE}.",
                "responsible": CURATOR,
                "term": "в течение 10 рабочих дней",
            },
        ],
    },
    {
        "code": "mentor-school",
        "name": "Об организации «Школы наставников»",
        "position": 40,
        "appendix": "schedule",
        "appendix_title": "Программа и график обучения наставников в «Школе наставников» "
        "на {{ academic_year }} учебный год",
        "title_template": "Об организации «Школы наставников»",
        "preamble_template": "В целях подготовки наставников к работе с наставляемыми в рамках реализации "
        f"целевой модели наставничества {IN_ORGANIZATION},",
        "items_template": [
            {
                "text": "Организовать в {{ academic_year }} учебном году обучение наставников в «Школе наставников».",
                "responsible": CURATOR,
                "term": "",
            },
            {
                "text": "Утвердить программу и график обучения наставников (приложение 1).",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Отметить прохождение обучения в реестре наставников.",
                "responsible": CURATOR,
                "term": "по окончании обучения",
            },
        ],
    },
    {
        "code": "pairs-approval",
        "name": "Об утверждении наставнических пар/групп",
        "position": 50,
        "appendix": "pairs",
        "appendix_title": "Состав наставнических пар/групп на {{ academic_year }} учебный год",
        "title_template": "Об утверждении наставнических пар/групп",
        "preamble_template": f"В соответствии с Положением о системе наставничества {IN_ORGANIZATION}, "
        "дорожной картой реализации целевой модели наставничества на {{ academic_year }} учебный год, "
        "по итогам анализа анкет наставников и наставляемых,",
        "items_template": [
            {
                "text": "Утвердить наставнические пары/группы на {{ academic_year }} учебный год (приложение 1).",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Наставникам разработать совместно с наставляемыми индивидуальные планы развития.",
                "responsible": "наставники",
                "term": "в течение 14 дней",
            },
            {
                "text": "Организовать психолого-педагогическое сопровождение наставляемых, не сформировавших "
                "пару или группу, и продолжить поиск наставников.",
                "responsible": CURATOR,
                "term": "в течение учебного года",
            },
        ],
    },
    {
        "code": "mentor-reward",
        "name": "О поощрении наставников",
        "position": 60,
        "appendix": "mentors",
        "appendix_title": "Список наставников, представленных к поощрению",
        "title_template": "О поощрении наставников по итогам {{ academic_year }} учебного года",
        "preamble_template": f"По итогам реализации целевой модели наставничества {IN_ORGANIZATION} "
        "в {{ academic_year }} учебном году, на основании результатов мониторинга,",
        "items_template": [
            {
                "text": "Объявить благодарность наставникам согласно приложению 1 за добросовестную работу "
                "с наставляемыми и достигнутые результаты.",
                "responsible": "",
                "term": "",
            },
            {
                "text": f"Разместить информацию о лучших наставниках {ORGANIZATION_SITE}.",
                "responsible": CURATOR,
                "term": "в течение 10 рабочих дней",
            },
        ],
    },
    {
        "code": "final-event",
        "name": "О проведении итогового мероприятия",
        "position": 70,
        "title_template": "О проведении итогового мероприятия в рамках реализации целевой модели наставничества",
        # The roadmap's activity of the event (seed 000: «Проведение школьного конкурса … «Лучшая пара»»),
        # not the one that issues this order («Издание приказа «О проведении итогового мероприятия…»»).
        "event_words": "Лучшая пара\nпроведение итогового мероприятия\nитоговое мероприятие",
        "preamble_template": "В целях подведения итогов реализации целевой модели наставничества "
        f"{IN_ORGANIZATION} в {{{{ academic_year }}}} учебном году и распространения лучших практик,",
        "items_template": [
            {
                "text": "Провести итоговое мероприятие (конкурс «Лучшая пара», презентация результатов "
                "наставнических пар и групп) {{ event_date }}",
                "responsible": CURATOR,
                "term": "",
            },
            {
                "text": "Подготовить выступления наставников и наставляемых о результатах совместной работы.",
                "responsible": "наставники",
                "term": "до даты мероприятия",
            },
            {
                "text": f"Опубликовать итоги мероприятия {ORGANIZATION_SITE}.",
                "responsible": CURATOR,
                "term": "в течение 5 рабочих дней после мероприятия",
            },
        ],
    },
    {
        "code": "partner-thanks",
        "name": "Благодарственное письмо организации-партнёру",
        "position": 80,
        "document": "letter",
        "control_text": "",
        "title_template": "Благодарственное письмо",
        "addressee_template": "{% if partner %}Руководителю {{ partner.name|genitive }}{% endif %}",
        "body_template": "Администрация {{ organization.short_name|genitive }} выражает искреннюю благодарность "
        "{% if partner %}{{ partner.name|dative }}{% else %}вашей организации{% endif %} за участие в реализации "
        "целевой модели наставничества в {{ academic_year }} учебном году: за наставников, которые делились "
        "с нашими обучающимися и педагогами опытом и знаниями, за открытость и готовность к сотрудничеству.\n"
        "Надеемся на продолжение нашего плодотворного партнёрства.",
    },
    {
        "code": "municipal-introduction",
        "name": "О внедрении целевой модели наставничества в образовательных организациях муниципалитета",
        "position": 10,
        "scope": "municipality",
        "appendix": "statute",
        "appendix_title": MUNICIPAL_MODEL_TITLE,
        "indicators_title": MUNICIPAL_INDICATORS_TITLE,
        "title_template": "О внедрении целевой модели наставничества в образовательных организациях "
        "{{ municipality|genitive }}",
        "preamble_template": INTRODUCTION_BASIS + ",",
        "items_template": [
            {"text": MUNICIPAL_MODEL_ITEM, "responsible": "", "term": ""},
            {
                "text": MUNICIPAL_INDICATORS_ITEM,
                "responsible": "",
                "term": "",
            },
            COORDINATOR_APPOINTMENT,
            COORDINATOR_SUPPORT,
            {
                "text": "Руководителям образовательных организаций обеспечить внедрение целевой модели "
                "наставничества и ежеквартально, до 10 числа месяца, следующего за отчётным кварталом, "
                "представлять отчёт о достижении показателей.",
                "responsible": "руководители образовательных организаций",
                "term": "ежеквартально",
            },
        ],
        "control_text": "Контроль за исполнением настоящего приказа оставляю за собой.",
    },
    {
        # Seed 003: the municipal roadmap of several years approved by an order of its own.
        "code": "municipal-roadmap",
        "name": "О реализации целевой модели наставничества (дорожная карта муниципалитета)",
        "position": 20,
        "scope": "municipality",
        "appendix": "roadmap",
        "appendix_title": "Дорожная карта реализации целевой модели наставничества в {{ municipality|prepositional }}",
        "title_template": "О реализации целевой модели наставничества в образовательных организациях "
        "{{ municipality|genitive }}{% if roadmap_years %} на {{ roadmap_years }} годы{% endif %}",
        "preamble_template": INTRODUCTION_BASIS + ", в целях реализации целевой модели наставничества "
        "в образовательных организациях {{ municipality|genitive }},",
        "items_template": [
            {
                "text": "Утвердить план мероприятий (дорожную карту) реализации целевой модели наставничества "
                "в образовательных организациях {{ municipality|genitive }} (приложение 1).",
                "responsible": "",
                "term": "",
            },
            {
                "text": "Руководителям образовательных организаций организовать реализацию целевой модели "
                "наставничества в соответствии со сроками, установленными дорожной картой, и обеспечить "
                "достижение показателей эффективности на уровне не ниже контрольных значений.",
                "responsible": HEADS_OF_ORGANIZATIONS,
                "term": "",
            },
            COORDINATOR_SUPPORT,
        ],
        "control_text": "Контроль за исполнением настоящего приказа оставляю за собой.",
    },
]

# Contests (seed 000: «Лучшая пара»; seed 004: «Лучший педагог-наставник»): the results order and the
# thank-you letters are drafted from the frozen results (mentoring.contests). The drafts get
# ``contest_title``, ``contest_results_on`` (dd.mm.yyyy) and ``nominations``: each with ``name`` and
# ``awards`` (``person``: the mentor as a Person, ``position``, ``workplace``, ``mentees``: Persons of a
# pair or group, ``place``: «I»…«III»); a letter gets ``mentor``, ``mentor_address`` (name and
# patronymic), ``award_place``, ``nomination_name`` and ``mentees``.
CONTEST_AWARDS = (
    "{% for nomination in nominations %} в номинации «{{ nomination.name }}» — "
    "{% for award in nomination.awards %}{{ award.person|accusative }}"
    "{% if award.position %}, {{ award.position|accusative }}{% endif %}"
    "{% if award.workplace %} {{ award.workplace|genitive }}{% endif %}"
    "{% for mentee in award.mentees %}{% if forloop.first %}, и {% else %}, {% endif %}"
    "{{ mentee|accusative }}{% endfor %}, "
    '{% if award.mentees %}занявших{% else %}{{ award.person|agree:"занявшего/занявшую" }}{% endif %} '
    "{{ award.place }} место{% if not forloop.last %}; {% endif %}{% endfor %}"
    "{% if forloop.last %}.{% else %};{% endif %}{% endfor %}"
)
CONTEST_RESULTS_ITEMS = [
    {"text": "Утвердить итоги конкурса «{{ contest_title }}» (приложение 1).", "responsible": "", "term": ""},
    {
        "text": "{% if nominations %}Наградить дипломами победителей (I место) и призёров (II, III место) "
        "конкурса:" + CONTEST_AWARDS + "{% endif %}",
        "responsible": "",
        "term": "",
    },
    {
        "text": "Объявить благодарность наставникам победителей и призёров конкурса, направить им "
        "благодарственные письма.",
        "responsible": "",
        "term": "",
    },
    {
        "text": "Опубликовать итоги конкурса на официальном сайте.",
        "responsible": "{% if organization %}" + CURATOR + "{% endif %}",
        "term": "в течение 10 рабочих дней",
    },
]
CONTEST_RESULTS_PREAMBLE = (
    "В соответствии с положением о конкурсе «{{ contest_title }}», на основании оценок членов жюри"
    "{% if contest_results_on %} и решения жюри от {{ contest_results_on }}{% endif %},"
)
CONTEST_THANKS_ADDRESSEE = (
    "{% if mentor %}{{ mentor|dative }}{% if mentor.position %}, {{ mentor.position|dative }}{% endif %}{% endif %}"
)
CONTEST_THANKS_BODY = (
    '{% if mentor %}{{ mentor|agree:"Уважаемый/Уважаемая" }} {{ mentor_address }}!\n{% endif %}'
    "{{ sender }} выражает Вам искреннюю благодарность за профессионализм, педагогическое мастерство "
    "и успешную работу наставника"
    "{% if award_place %}: {% if mentees %}наставническая пара (группа) под Вашим руководством заняла"
    "{% else %}Вы заняли{% endif %} {{ award_place }} место в номинации «{{ nomination_name }}» "
    "конкурса «{{ contest_title }}»{% endif %}.\n"
    "Желаем Вам дальнейших профессиональных успехов и новых достижений!"
)
KINDS += [
    {
        "code": "contest-results",
        "name": "Об итогах конкурса",
        "position": 75,
        "appendix": "mentors",
        "appendix_title": "Итоги конкурса «{{ contest_title }}»",
        "title_template": "Об итогах конкурса «{{ contest_title }}»",
        "preamble_template": CONTEST_RESULTS_PREAMBLE,
        "items_template": CONTEST_RESULTS_ITEMS,
    },
    {
        "code": "municipal-contest-results",
        "name": "Об итогах муниципального конкурса",
        "position": 75,
        "scope": "municipality",
        "appendix": "mentors",
        "appendix_title": "Итоги конкурса «{{ contest_title }}»",
        "title_template": "Об итогах муниципального конкурса «{{ contest_title }}»",
        "preamble_template": CONTEST_RESULTS_PREAMBLE,
        "items_template": CONTEST_RESULTS_ITEMS,
    },
    {
        "code": "contest-thanks",
        "name": "Благодарственное письмо наставнику (по итогам конкурса)",
        "position": 85,
        "document": "letter",
        "control_text": "",
        "title_template": "Благодарственное письмо",
        "addressee_template": CONTEST_THANKS_ADDRESSEE,
        "body_template": CONTEST_THANKS_BODY.replace(
            "{{ sender }}", "Администрация {{ organization.short_name|genitive }}"
        ),
    },
    {
        "code": "municipal-contest-thanks",
        "name": "Благодарственное письмо наставнику (по итогам муниципального конкурса)",
        "position": 85,
        "scope": "municipality",
        "document": "letter",
        "control_text": "",
        "title_template": "Благодарственное письмо",
        "addressee_template": CONTEST_THANKS_ADDRESSEE,
        "body_template": CONTEST_THANKS_BODY.replace(
            "{{ sender }}", "{% firstof municipality.authority municipality.name %}"
        ),
    },
]
