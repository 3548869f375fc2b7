"""The SQL tables, as SQLAlchemy rows. Routes never return these: they map them to API models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

__all__ = ["Base", "ClientRow", "JobRow", "UTCDateTime", "WorkerRow", "utcnow"]


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware UTC (SQLite forgets the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Store UTC."""
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Read back as aware UTC."""
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base of SpiderNest's tables."""


class ClientRow(Base):
    """An API client; its key and secret are stored only as SHA-256 hashes."""

    __tablename__ = "clients"

    id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    secret_hash: Mapped[str] = mapped_column(sa.String(64))
    is_active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobRow(Base):
    """One job: its payload, lifecycle timestamps and, once completed, its result."""

    __tablename__ = "jobs"
    __table_args__ = (
        sa.Index("ix_jobs_client_created", "client_id", "created_at"),
        sa.Index("ix_jobs_dedup", "client_id", "type", "payload_hash", "created_at"),
        sa.Index("ix_jobs_queue_status", "queue", "status"),
        sa.Index("ix_jobs_status_updated", "status", "updated_at"),
    )

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True)
    client_id: Mapped[str] = mapped_column(sa.String(40), sa.ForeignKey("clients.id"))
    type: Mapped[str] = mapped_column(sa.String(40))
    queue: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(16), default="queued")
    priority: Mapped[int] = mapped_column(sa.Integer, default=0)
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    payload_hash: Mapped[str] = mapped_column(sa.String(64))
    summary: Mapped[str | None] = mapped_column(sa.String(2048), nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON, nullable=True)
    error_message: Mapped[str | None] = mapped_column(sa.Text, nullable=True)
    worker_id: Mapped[str | None] = mapped_column(sa.String(200), nullable=True)
    progress: Mapped[float | None] = mapped_column(sa.Float, nullable=True)
    progress_message: Mapped[str | None] = mapped_column(sa.String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    processing_time_seconds: Mapped[float | None] = mapped_column(sa.Float, nullable=True)


class WorkerRow(Base):
    """A worker process's heartbeat; a stale one means its running jobs must be taken over."""

    __tablename__ = "workers"

    executor_id: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    hostname: Mapped[str] = mapped_column(sa.String(200))
    pid: Mapped[int] = mapped_column(sa.Integer)
    queues: Mapped[str] = mapped_column(sa.String(500))
    state: Mapped[str] = mapped_column(sa.String(16), default="alive")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_beat: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
