"""Certificates: issuing, PDF rendering, public verification, revocation and expiry."""
