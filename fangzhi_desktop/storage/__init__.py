"""The only place that speaks SQL. Everything else calls these functions."""

from fangzhi_desktop.storage.database import open_database, transaction

__all__ = ["open_database", "transaction"]
