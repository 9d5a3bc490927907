"""Content-Security-Policy of the site and of the admins (applied by elearning/security.py).

Imported by elearning.settings, which every settings module builds on.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# The site: own origin only, inline scripts only with the per-request nonce, no inline styles.
# Video embeds (EmbedBlock) may come from YouTube (privacy mode) and Vimeo only.
CSP_VIDEO_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://www.youtube.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *CSP_VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin renders inline scripts without a nonce and sets inline styles; it gets
# 'unsafe-inline' for both (no nonce in script-src, or browsers would ignore 'unsafe-inline').
# Nothing in the admin may be framed, except the previews the editor frames itself: those
# responses get frame-ancestors 'self' (elearning.security.is_preview_response).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF, *CSP_VIDEO_FRAME_SOURCES],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSP_ADMIN_PREFIXES = ["/beheer/", "/django-beheer/"]
# Pages any site may frame (their views are also exempt from X-Frame-Options).
CSP_EMBEDDABLE_PREFIXES = ["/tellers/"]
