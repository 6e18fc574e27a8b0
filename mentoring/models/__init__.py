"""The models of the app label «mentoring», declared in the capability packages and gathered here, so
that Django finds them and their tables and migrations stay as they were: the registries
(mentoring.registry.models), pairs and groups (mentoring.pairs.models), their work
(mentoring.work.models), the registry of practices (mentoring.practices.models), the «Школа
наставников» (mentoring.training.models), contests (mentoring.contests.models)."""

from mentoring.contests.models import (
    Application,
    ApplicationFile,
    Contest,
    ContestResult,
    Criterion,
    Nomination,
    Score,
)
from mentoring.pairs.models import (
    WORKING_STATUSES,
    MatchingExclusion,
    MatchingRun,
    MentoringForm,
    MentoringUnit,
    Program,
    RoleModel,
    TeacherMentoringFormat,
    UnitMentee,
    working_during,
)
from mentoring.practices.models import Practice, PracticeFile, PracticeTransition
from mentoring.registry.models import (
    ADULT_AGE,
    SCHOOL_CLASS,
    YOUNG_SPECIALIST_YEARS,
    AccountInvitation,
    Consent,
    MenteeEntry,
    MentorEntry,
    Participant,
    PartnerOrganization,
    RegistryEntry,
    consent_scan_path,
    full_years_between,
    normalize_name,
)
from mentoring.training.models import TrainingAttendance, TrainingEnrolment, TrainingProgram, TrainingSession
from mentoring.work.models import DevelopmentPlan, Meeting, PlanItem, PlanTemplate, PlanTemplateItem

__all__ = [
    "ADULT_AGE",
    "SCHOOL_CLASS",
    "WORKING_STATUSES",
    "YOUNG_SPECIALIST_YEARS",
    "AccountInvitation",
    "Application",
    "ApplicationFile",
    "Consent",
    "Contest",
    "ContestResult",
    "Criterion",
    "DevelopmentPlan",
    "MatchingExclusion",
    "MatchingRun",
    "Meeting",
    "MenteeEntry",
    "MentorEntry",
    "MentoringForm",
    "MentoringUnit",
    "Nomination",
    "Participant",
    "PartnerOrganization",
    "PlanItem",
    "PlanTemplate",
    "PlanTemplateItem",
    "Practice",
    "PracticeFile",
    "PracticeTransition",
    "Program",
    "RegistryEntry",
    "RoleModel",
    "Score",
    "TeacherMentoringFormat",
    "TrainingAttendance",
    "TrainingEnrolment",
    "TrainingProgram",
    "TrainingSession",
    "UnitMentee",
    "consent_scan_path",
    "full_years_between",
    "normalize_name",
    "working_during",
]
