"""People: users, profiles, organisations, municipalities and regions."""
