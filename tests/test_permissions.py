"""The intent of the permission table, spelled out for the roles' key boundaries."""

from accounts.models import Role
from accounts.permissions import PERMISSIONS, Action, role_can


def test_every_role_has_a_row():
    assert set(PERMISSIONS) == set(Role)


def test_open_actions_need_no_role():
    assert role_can(None, Action.PUBLIC)
    assert role_can(None, Action.AUTHENTICATED)
    assert not role_can(None, Action.ORGANIZATION_VIEW)


def test_only_the_school_administration_edits_the_organization():
    allowed = {role for role in Role if role_can(role, Action.ORGANIZATION_CHANGE)}
    assert allowed == {Role.DIRECTOR, Role.CURATOR}


def test_only_the_coordinator_sees_the_municipality():
    allowed = {role for role in Role if role_can(role, Action.MUNICIPALITY_VIEW)}
    assert allowed == {Role.COORDINATOR}


def test_the_coordinator_does_not_see_the_staff_of_schools():
    assert not role_can(Role.COORDINATOR, Action.STAFF_VIEW)
    assert not role_can(Role.MENTOR, Action.STAFF_VIEW)
