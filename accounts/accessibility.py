"""The version for the visually impaired («Версия для слабовидящих», ГОСТ Р 52872-2019).

A visitor turns it on from the bar above the navbar and chooses the size of the text, a colour
scheme and whether images are shown. The choice is kept on the account (``User.accessibility``) and,
for everyone including visitors without an account, in a cookie; the pages apply it as classes on
<html> (``html_classes``), so that no inline style or script is needed (the CSP forbids both).
"""

from dataclasses import asdict, dataclass, replace

from django.db import transaction
from django.utils.translation import gettext_lazy as _

COOKIE_NAME = "a11y"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

SIZES = {
    "normal": _("Normal text"),
    "large": _("Large text"),
    "huge": _("Very large text"),
}
SCHEMES = {
    "normal": _("Usual colours"),
    "black-on-white": _("Black on white"),
    "white-on-black": _("White on black"),
    "blue": _("Dark blue on light blue"),
}


@dataclass(frozen=True)
class Preferences:
    """What the visitor chose. Turned on, the version starts with large black text on white."""

    enabled: bool = False
    size: str = "large"
    scheme: str = "black-on-white"
    images: bool = True

    @classmethod
    def from_dict(cls, data) -> "Preferences":
        """Read from the account's JSON or the cookie: what is unknown or broken is left at its default."""
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        return cls(
            enabled=data.get("enabled") is True,
            size=data["size"] if data.get("size") in SIZES else defaults.size,
            scheme=data["scheme"] if data.get("scheme") in SCHEMES else defaults.scheme,
            images=data.get("images") is not False,
        )

    def as_dict(self) -> dict:
        return asdict(self)

    def changed(self, **changes) -> "Preferences":
        return replace(self, **changes)

    def to_cookie(self) -> str:
        """«1.large.black-on-white.1»: short, and with nothing a cookie would have to quote."""
        return ".".join(("1" if self.enabled else "0", self.size, self.scheme, "1" if self.images else "0"))

    @classmethod
    def from_cookie(cls, value: str | None) -> "Preferences":
        parts = (value or "").split(".")
        if len(parts) != 4 or parts[0] not in ("0", "1") or parts[3] not in ("0", "1"):
            return cls()
        return cls.from_dict(
            {"enabled": parts[0] == "1", "size": parts[1], "scheme": parts[2], "images": parts[3] == "1"}
        )

    @property
    def html_classes(self) -> str:
        """The classes of <html> that static/css/app.css styles («a11y …»); empty when it is off."""
        if not self.enabled:
            return ""
        classes = ["a11y", f"a11y-size-{self.size}", f"a11y-scheme-{self.scheme}"]
        if not self.images:
            classes.append("a11y-no-images")
        return " ".join(classes)

    @property
    def bootstrap_theme(self) -> str:
        """White on black is Bootstrap's dark theme underneath (its components follow it)."""
        return "dark" if self.enabled and self.scheme == "white-on-black" else "light"

    @property
    def navbar_theme(self) -> str:
        """The navbar is white text on the brand blue, unless a light scheme paints it dark on light."""
        return "light" if self.enabled and self.scheme in ("black-on-white", "blue") else "dark"


def preferences_of(request) -> Preferences:
    """The account's choice once it has made one; before that (and without an account) the cookie's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.accessibility:
        return Preferences.from_dict(user.accessibility)
    return Preferences.from_cookie(request.COOKIES.get(COOKIE_NAME))


def user_accessibility_set(*, user, preferences: Preferences) -> None:
    """Remember the choice on the account, so that it follows the person to another browser."""
    with transaction.atomic():
        user.accessibility = preferences.as_dict()
        user.save(update_fields=["accessibility"])
