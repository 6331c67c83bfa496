"""Who may make a write, checked by the services themselves: a view that forgot to check, a
command or a new screen still cannot do what its person may not. `by=None` is the system itself
(commands run by an operator, demo data, migrations)."""

from django.core.exceptions import PermissionDenied


def may_edit_for(user, institution_id) -> bool:
    """The technical unit, or a focal point of that institution."""
    return user.is_authenticated and (
        user.is_technical_unit
        or (user.is_focal_point and institution_id is not None and user.institution_id == institution_id)
    )


def require_editor(by, institution_id) -> None:
    if by is not None and not may_edit_for(by, institution_id):
        raise PermissionDenied


def require_technical_unit(by) -> None:
    if by is not None and not (by.is_authenticated and by.is_technical_unit):
        raise PermissionDenied
