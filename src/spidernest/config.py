"""SpiderNest settings: one frozen tree read from the environment at the entry points.

Sources, highest priority first (pydantic-settings' documented order): arguments to
``Settings(...)``, ``SPIDERNEST_*`` environment variables (nested with ``__``, e.g.
``SPIDERNEST_NET__READ_TIMEOUT=20``), the short documented names below
(``SPIDERNEST_ALLOW_PRIVATE_NETWORKS``, ``SPIDERNEST_DNS_SERVERS`` ...), a ``.env`` file, defaults.

``Settings()`` is built only in ``cli.py`` and ``api/app.py:create_app``; everything else is
handed the slice it needs (``settings.net``, ``settings.verify`` ...).
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

__all__ = [
    "AISettings",
    "ApiSettings",
    "JobsSettings",
    "MapsSettings",
    "NetSettings",
    "Settings",
    "SiteSettings",
    "VerifySettings",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class NetSettings(BaseModel):
    """How SpiderNest fetches from the web (every user-supplied URL goes through ``net/``)."""

    model_config = _FROZEN

    allow_private_networks: bool = False
    user_agent: str = (
        "Mozilla/5.0 (compatible; SpiderNest/0.1; +https://github.com/spidernest/spidernest)"
    )
    connect_timeout: float = Field(default=10.0, gt=0, le=120)
    read_timeout: float = Field(default=30.0, gt=0, le=300)
    max_bytes: int = Field(default=5_000_000, gt=0, le=100_000_000)
    max_redirects: int = Field(default=10, ge=0, le=30)
    max_connections: int = Field(default=200, ge=1, le=10_000)
    per_host_concurrency: int = Field(default=4, ge=1, le=100)
    per_host_delay: float = Field(default=0.0, ge=0, le=60)
    retries: int = Field(default=2, ge=0, le=10)
    retry_backoff: float = Field(default=0.5, ge=0, le=60)
    respect_robots: bool = True
    http2: bool = True
    proxy: str | None = None
    browser_executable: str | None = None
    browser_pool_size: int = Field(default=2, ge=1, le=16)
    browser_pages_per_browser: int = Field(default=200, ge=1, le=100_000)


class SiteSettings(BaseModel):
    """Limits of the site crawler beyond a job's own payload."""

    model_config = _FROZEN

    max_concurrency: int = Field(default=8, ge=1, le=256)
    # Worker processes for the compendium's main-content extraction (trafilatura, ~8 ms a
    # page); 0 runs it in a thread of the worker process.
    compendium_processes: int = Field(default=1, ge=0, le=32)


class VerifySettings(BaseModel):
    """Where and how SpiderVerify talks DNS and SMTP."""

    model_config = _FROZEN

    dns_servers: tuple[str, ...] = ()
    dns_timeout: float = Field(default=5.0, gt=0, le=60)
    smtp_port: int = Field(default=25, ge=1, le=65535)
    hello_name: str = Field(default_factory=socket.getfqdn)
    from_email: str | None = None
    socks5_proxy: str | None = None
    per_host_concurrency: int = Field(default=2, ge=1, le=50)
    per_host_delay: float = Field(default=0.0, ge=0, le=60)
    # SMTP sessions open at once over all mail hosts.
    max_concurrency: int = Field(default=10, ge=1, le=200)
    # Recipients probed on one connection before it is closed and a fresh one opened.
    max_rcpt_per_connection: int = Field(default=20, ge=1, le=100)
    # MX hosts tried, in preference order, before the answer is "unreachable".
    max_mx_hosts: int = Field(default=3, ge=1, le=10)
    # Seconds before the first retry of a greylisted (4xx) recipient (at most a quarter of the
    # request's smtp_timeout_secs); doubles on each retry.
    greylist_retry_delay: float = Field(default=5.0, ge=0, le=600)
    gravatar_url: str = "https://www.gravatar.com"
    # Off by default: a user-supplied domain whose MX points at a private or loopback address
    # must not make us open SMTP connections into the operator's network (tests turn it on).
    allow_private_mail_hosts: bool = False
    dnsbl_zones: tuple[str, ...] = (
        "zen.spamhaus.org",
        "bl.spamcop.net",
        "b.barracudacentral.org",
        "dnsbl.sorbs.net",
    )

    @field_validator("dns_servers", "dnsbl_zones", mode="before")
    @classmethod
    def _split_servers(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value


class MapsSettings(BaseModel):
    """Where SpiderMaps finds Google (a local stand-in in tests) and how hard it pushes."""

    model_config = _FROZEN

    google_maps_url: str = "https://www.google.com"
    places_api_url: str = "https://places.googleapis.com"
    places_api_key: SecretStr | None = None
    provider: str = Field(default="auto", pattern="^(auto|http|browser|places)$")
    request_delay: float = Field(default=1.0, ge=0, le=60)
    proxies: tuple[str, ...] = ()
    retries: int = Field(default=3, ge=0, le=10)
    # Seconds before the first retry of a refused Google request; doubles on each further retry.
    retry_backoff: float = Field(default=5.0, ge=0, le=600)

    @field_validator("proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value


class AISettings(BaseModel):
    """An OpenAI-compatible endpoint; AI features stay off until ``base_url`` or a key is set."""

    model_config = _FROZEN

    base_url: str | None = None
    api_key: SecretStr | None = None
    model: str = "gpt-4o-mini"
    timeout: float = Field(default=60.0, gt=0, le=600)


class JobsSettings(BaseModel):
    """The job engine: concurrency, timeouts, retention, worker liveness."""

    model_config = _FROZEN

    worker_concurrency: int = Field(default=8, ge=1, le=256)
    global_concurrency: int | None = Field(default=None, ge=1)
    # Seconds between a worker's looks at each queue. Every look is a database transaction
    # (measured here: ~10 ms of CPU on SQLite), so 0.5 s keeps an idle worker cheap while a
    # job starts within half a second; lower it for many very short jobs.
    polling_interval: float = Field(default=0.5, ge=0.01, le=5)
    dedup_hours: float = Field(default=24.0, ge=0)
    heartbeat_interval: float = Field(default=5.0, gt=0, le=60)
    dead_after: float = Field(default=20.0, gt=0, le=600)
    max_executor_threads: int = Field(default=48, ge=4, le=256)
    extra_job_types: tuple[str, ...] = ()

    @field_validator("extra_job_types", mode="before")
    @classmethod
    def _split_paths(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value


class ApiSettings(BaseModel):
    """The HTTP API: rate limits and the public address used in links."""

    model_config = _FROZEN

    rate_limit_per_minute: int = Field(default=100, ge=1)
    rate_limit_burst: int = Field(default=20, ge=1)
    public_url: str | None = None
    max_body_bytes: int = Field(default=1_000_000, ge=1_000)
    # How long a verified token is remembered (a disabled client is refused after at most this).
    auth_cache_seconds: float = Field(default=5.0, ge=0, le=300)


# Short names documented in the README and the issues, mapped onto the nested tree.
_SHORT_NAMES: dict[str, tuple[str, str]] = {
    "SPIDERNEST_ALLOW_PRIVATE_NETWORKS": ("net", "allow_private_networks"),
    "SPIDERNEST_USER_AGENT": ("net", "user_agent"),
    "SPIDERNEST_PROXY": ("net", "proxy"),
    "SPIDERNEST_RESPECT_ROBOTS": ("net", "respect_robots"),
    "SPIDERNEST_BROWSER_EXECUTABLE": ("net", "browser_executable"),
    "SPIDERNEST_DNS_SERVERS": ("verify", "dns_servers"),
    "SPIDERNEST_SMTP_PORT": ("verify", "smtp_port"),
    "SPIDERNEST_SMTP_SOCKS5_PROXY": ("verify", "socks5_proxy"),
    "SPIDERNEST_ALLOW_PRIVATE_MAIL_HOSTS": ("verify", "allow_private_mail_hosts"),
    "SPIDERNEST_HELLO_NAME": ("verify", "hello_name"),
    "SPIDERNEST_FROM_EMAIL": ("verify", "from_email"),
    "SPIDERNEST_GOOGLE_MAPS_URL": ("maps", "google_maps_url"),
    "SPIDERNEST_PLACES_API_URL": ("maps", "places_api_url"),
    "SPIDERNEST_PLACES_API_KEY": ("maps", "places_api_key"),
    "SPIDERNEST_MAPS_PROVIDER": ("maps", "provider"),
    "SPIDERNEST_MAPS_PROXIES": ("maps", "proxies"),
    "SPIDERNEST_LLM_BASE_URL": ("ai", "base_url"),
    "SPIDERNEST_LLM_API_KEY": ("ai", "api_key"),
    "SPIDERNEST_LLM_MODEL": ("ai", "model"),
    "SPIDERNEST_RATE_LIMIT_PER_MINUTE": ("api", "rate_limit_per_minute"),
    "SPIDERNEST_RATE_LIMIT_BURST": ("api", "rate_limit_burst"),
    "SPIDERNEST_PUBLIC_URL": ("api", "public_url"),
    "SPIDERNEST_EXTRA_JOB_TYPES": ("jobs", "extra_job_types"),
}


class _ShortNamesSource(PydanticBaseSettingsSource):
    """Reads the documented short variable names into the nested settings tree."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        found: dict[str, dict[str, Any]] = {}
        for env_name, (area, key) in _SHORT_NAMES.items():
            value = os.environ.get(env_name)
            if value is not None:
                found.setdefault(area, {})[key] = value
        return found


class Settings(BaseSettings):
    """Every SpiderNest setting. Build it once at an entry point and pass slices down."""

    model_config = SettingsConfigDict(
        env_prefix="SPIDERNEST_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
        frozen=True,
    )

    data_dir: Path = Path("./data")
    database_url: str | None = None
    log_level: str = "INFO"

    net: NetSettings = NetSettings()
    site: SiteSettings = SiteSettings()
    verify: VerifySettings = VerifySettings()
    maps: MapsSettings = MapsSettings()
    ai: AISettings = AISettings()
    jobs: JobsSettings = JobsSettings()
    api: ApiSettings = ApiSettings()

    @property
    def resolved_database_url(self) -> str:
        """The application database: ``database_url``, else a SQLite file in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'spidernest.sqlite').resolve()}"

    @property
    def is_postgres(self) -> bool:
        """Whether the deployment runs on PostgreSQL (many processes) rather than SQLite (one)."""
        return self.resolved_database_url.startswith(("postgresql", "postgres:"))

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Put the short documented names just below the full ``SPIDERNEST_*`` names."""
        return (
            init_settings,
            env_settings,
            _ShortNamesSource(settings_cls),
            dotenv_settings,
            file_secret_settings,
        )
