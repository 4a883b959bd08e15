"""Security headers that Django 5.2 does not set itself (CSP, Permissions-Policy).

A few lines of our own rather than a dependency: one policy for public pages, one for the admin.
"""

from django.conf import settings

ADMIN_PREFIXES = ("/quan-tri/", "/en/quan-tri/", "/ckeditor/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith(ADMIN_PREFIXES)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = (
                settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
            )
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if admin:
            # CKEditor's image dialog opens the file browser in a frame of the same origin.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
