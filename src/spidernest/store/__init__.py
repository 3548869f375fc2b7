"""State in SQL: clients, jobs and worker heartbeats (SQLAlchemy 2, Alembic migrations)."""
