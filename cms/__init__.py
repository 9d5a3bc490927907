"""Site content that is not a course: home page, content pages, shared blocks, site settings."""
