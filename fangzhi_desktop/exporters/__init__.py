"""Domain objects out to files (.xlsx, .docx). No SQL and no Qt here."""
