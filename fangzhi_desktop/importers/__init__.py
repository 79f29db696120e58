"""Files in, domain objects out. No database access and no Qt here."""
