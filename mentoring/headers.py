"""Headers of every answer: the browser features no page may use, and no kept copy of a signed-in
user's pages."""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Denies the features of settings.PERMISSIONS_POLICY_DENIED to every page and every frame in it,
    so that even an injected script cannot reach the camera, the microphone or the location."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class NoStoreWhenSignedInMiddleware:
    """What a signed-in user is shown is personal data or is cut to the user's role: neither the
    browser (Back on a shared school computer after the logout) nor a proxy may keep a copy. The
    same header as the downloads; pages open without an account set it themselves when they show a
    name (the personal questionnaire link)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
