"""The provincial server: FastAPI + SQLAlchemy (arrives with the sync issue)."""
