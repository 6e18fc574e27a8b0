"""Who may do what: the one permission table of the product.

Views declare the action they need (``permission_action``); the tenancy mixin checks it against
the role of the user's current membership. Two pseudo-actions need no role: PUBLIC pages are open
to anyone, AUTHENTICATED pages to any logged-in user.
"""

from enum import StrEnum

from accounts.models import Role


class Action(StrEnum):
    PUBLIC = "public"
    AUTHENTICATED = "authenticated"

    ORGANIZATION_VIEW = "organization.view"
    ORGANIZATION_CHANGE = "organization.change"
    STAFF_VIEW = "organization.staff.view"
    MUNICIPALITY_VIEW = "municipality.view"
    MUNICIPALITY_CHANGE = "municipality.change"

    # Registries of participants, partners and consents (personal data).
    PARTICIPANT_VIEW = "participant.view"
    PARTICIPANT_CHANGE = "participant.change"
    PARTICIPANT_INVITE = "participant.invite"
    CONSENT_CHANGE = "consent.change"
    CONSENT_SCAN_VIEW = "consent.scan.view"
    REGISTRY_IMPORT = "registry.import"
    REGISTRY_EXPORT = "registry.export"
    PARTNER_VIEW = "partner.view"
    PARTNER_CHANGE = "partner.change"

    # The order register: drafting, registering (signing) and cancelling orders.
    ORDER_VIEW = "order.view"
    ORDER_DRAFT = "order.draft"
    ORDER_REGISTER = "order.register"

    # The Положение о наставничестве: reading the version in force (the coordinator: his organizations'),
    # its versions and their differences, editing it and drafting the order approving it.
    STATUTE_READ = "statute.read"
    STATUTE_HISTORY = "statute.history"
    STATUTE_CHANGE = "statute.change"

    # Roadmaps: an organization's own (or the coordinator's municipal one), and the municipal audit.
    ROADMAP_VIEW = "roadmap.view"
    ROADMAP_CHANGE = "roadmap.change"
    ROADMAP_AUDIT = "roadmap.audit"

    # Programs, pairs and groups. Mentors and mentees see only the units they are in.
    PROGRAM_VIEW = "program.view"
    PROGRAM_CHANGE = "program.change"
    UNIT_VIEW = "unit.view"
    UNIT_CHANGE = "unit.change"
    UNIT_APPROVE = "unit.approve"
    MATCHING = "unit.matching"
    # The work of a pair: development plans, the meeting log, completion.
    UNIT_WORK = "unit.work"

    # The «Школа наставников»: training programs (a school's or a municipality's), their sessions,
    # enrolment, attendance and completions; a mentor's own trainings.
    TRAINING_VIEW = "training.view"
    TRAINING_CHANGE = "training.change"
    TRAINING_OWN = "training.own"

    # Questionnaires and campaigns with personal links; their results.
    QUESTIONNAIRE_VIEW = "questionnaire.view"
    QUESTIONNAIRE_CHANGE = "questionnaire.change"
    CAMPAIGN_VIEW = "campaign.view"
    CAMPAIGN_CHANGE = "campaign.change"

    # Indicators: an organization's values, contingent and submissions; the municipality's targets,
    # reporting periods, dashboard and quarterly report (aggregates only).
    INDICATOR_VIEW = "indicator.view"
    CONTINGENT_CHANGE = "indicator.contingent.change"
    PERIOD_SUBMIT = "indicator.period.submit"
    TARGET_CHANGE = "indicator.target.change"
    MONITORING_DASHBOARD = "indicator.dashboard"
    MUNICIPAL_EXPORT = "indicator.municipal_export"
    ANNUAL_REPORT = "indicator.annual_report"

    # The registry of practices: the organization drafts and submits, the municipality reviews and
    # publishes; a mentor changes only the practices he or she authors.
    PRACTICE_VIEW = "practice.view"
    PRACTICE_CHANGE = "practice.change"
    PRACTICE_SUBMIT = "practice.submit"
    PRACTICE_REVIEW = "practice.review"
    # The public section «Реализация целевой модели наставничества»: what is published, the log, the export.
    PUBLICATION_MANAGE = "publication.manage"
    # Contests: the school's (curator) or the municipality's (coordinator); applications by curators;
    # jurors score (only contests whose jury they are on); candidates for awards from the registry.
    CONTEST_VIEW = "contest.view"
    CONTEST_CHANGE = "contest.change"
    CONTEST_APPLY = "contest.apply"
    CONTEST_SCORE = "contest.score"
    AWARD_CANDIDATES = "contest.candidates"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    # The coordinator sees aggregates of the municipality, never pupils' personal data.
    Role.COORDINATOR: frozenset(
        {
            Action.ORGANIZATION_VIEW,
            Action.MUNICIPALITY_VIEW,
            # The education authority's details and head, which its documents print.
            Action.MUNICIPALITY_CHANGE,
            # The municipality's own register of orders.
            Action.ORDER_VIEW,
            Action.ORDER_DRAFT,
            Action.ORDER_REGISTER,
            # The municipality's target model of mentoring (kept like a Положение), and the
            # Положения in force of the municipality's organizations.
            Action.STATUTE_READ,
            Action.STATUTE_HISTORY,
            Action.STATUTE_CHANGE,
            # The municipal roadmap, and reading and remarking on the organizations' ones.
            Action.ROADMAP_VIEW,
            Action.ROADMAP_CHANGE,
            Action.ROADMAP_AUDIT,
            # Targets, periods, the dashboard and the quarterly report of the municipality.
            Action.INDICATOR_VIEW,
            Action.TARGET_CHANGE,
            Action.MONITORING_DASHBOARD,
            Action.MUNICIPAL_EXPORT,
            # The municipal registry of practices: submitted ones reviewed, published or returned.
            Action.PRACTICE_VIEW,
            Action.PRACTICE_REVIEW,
            # Municipal training programs, and the completions of the organizations' staff (names of
            # staff, not of pupils).
            Action.TRAINING_VIEW,
            Action.TRAINING_CHANGE,
            Action.PUBLICATION_MANAGE,
            # The municipal contest, its jury, and the candidates for awards of the municipality.
            Action.CONTEST_VIEW,
            Action.CONTEST_CHANGE,
            Action.CONTEST_SCORE,
            Action.AWARD_CANDIDATES,
        }
    ),
    # The director reads the registries and signs; the curator keeps them.
    Role.DIRECTOR: frozenset(
        {
            Action.ORGANIZATION_VIEW,
            Action.ORGANIZATION_CHANGE,
            Action.STAFF_VIEW,
            Action.PARTICIPANT_VIEW,
            Action.CONSENT_SCAN_VIEW,
            Action.REGISTRY_EXPORT,
            Action.PARTNER_VIEW,
            Action.ORDER_VIEW,
            Action.ORDER_DRAFT,
            Action.ORDER_REGISTER,
            Action.STATUTE_READ,
            Action.STATUTE_HISTORY,
            Action.STATUTE_CHANGE,
            Action.ROADMAP_VIEW,
            Action.ROADMAP_CHANGE,
            Action.PROGRAM_VIEW,
            Action.UNIT_VIEW,
            Action.UNIT_APPROVE,
            Action.TRAINING_VIEW,
            Action.QUESTIONNAIRE_VIEW,
            Action.CAMPAIGN_VIEW,
            Action.INDICATOR_VIEW,
            Action.CONTINGENT_CHANGE,
            Action.PERIOD_SUBMIT,
            Action.ANNUAL_REPORT,
            Action.PRACTICE_VIEW,
            Action.PUBLICATION_MANAGE,
            Action.CONTEST_VIEW,
            Action.CONTEST_SCORE,
            Action.AWARD_CANDIDATES,
        }
    ),
    Role.CURATOR: frozenset(
        {
            Action.ORGANIZATION_VIEW,
            Action.ORGANIZATION_CHANGE,
            Action.STAFF_VIEW,
            Action.PARTICIPANT_VIEW,
            Action.PARTICIPANT_CHANGE,
            Action.PARTICIPANT_INVITE,
            Action.CONSENT_CHANGE,
            Action.CONSENT_SCAN_VIEW,
            Action.REGISTRY_IMPORT,
            Action.REGISTRY_EXPORT,
            Action.PARTNER_VIEW,
            Action.PARTNER_CHANGE,
            Action.ORDER_VIEW,
            Action.ORDER_DRAFT,
            Action.STATUTE_READ,
            Action.STATUTE_HISTORY,
            Action.STATUTE_CHANGE,
            Action.ROADMAP_VIEW,
            Action.ROADMAP_CHANGE,
            Action.PROGRAM_VIEW,
            Action.PROGRAM_CHANGE,
            Action.UNIT_VIEW,
            Action.UNIT_CHANGE,
            Action.MATCHING,
            Action.UNIT_WORK,
            Action.TRAINING_VIEW,
            Action.TRAINING_CHANGE,
            Action.QUESTIONNAIRE_VIEW,
            Action.QUESTIONNAIRE_CHANGE,
            Action.CAMPAIGN_VIEW,
            Action.CAMPAIGN_CHANGE,
            Action.INDICATOR_VIEW,
            Action.CONTINGENT_CHANGE,
            Action.PERIOD_SUBMIT,
            Action.ANNUAL_REPORT,
            Action.PRACTICE_VIEW,
            Action.PRACTICE_CHANGE,
            Action.PRACTICE_SUBMIT,
            Action.PUBLICATION_MANAGE,
            Action.CONTEST_VIEW,
            Action.CONTEST_CHANGE,
            Action.CONTEST_APPLY,
            Action.CONTEST_SCORE,
            Action.AWARD_CANDIDATES,
        }
    ),
    Role.MENTOR: frozenset(
        {
            Action.ORGANIZATION_VIEW,
            # The Положение in force, which their work follows.
            Action.STATUTE_READ,
            # Mentors carry out roadmap activities (meetings, plans) and see them.
            Action.ROADMAP_VIEW,
            Action.UNIT_VIEW,
            Action.UNIT_WORK,
            # Mentors describe their practices (only those they author).
            Action.PRACTICE_VIEW,
            Action.PRACTICE_CHANGE,
            Action.TRAINING_OWN,
            # Teachers sit on juries.
            Action.CONTEST_VIEW,
            Action.CONTEST_SCORE,
        }
    ),
    Role.MENTEE: frozenset(
        {
            Action.ORGANIZATION_VIEW,
            Action.UNIT_VIEW,
        }
    ),
}

OPEN_ACTIONS = frozenset({Action.PUBLIC, Action.AUTHENTICATED})


def role_can(role: Role | str | None, action: Action) -> bool:
    if action in OPEN_ACTIONS:
        return True
    if role is None:
        return False
    return action in PERMISSIONS[Role(role)]
