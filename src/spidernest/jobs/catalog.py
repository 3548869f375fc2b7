"""Every job type SpiderNest runs, by API name: the one list a new service is added to.

Operators can plug in job types of their own without editing this list:
``SPIDERNEST_EXTRA_JOB_TYPES=package.module:JOB_TYPES`` names a ``dict[str, JobType]`` (or a
single ``JobType``) to load next to the built-in ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from spidernest.errors import InvalidInput
from spidernest.jobs.registry import JobType
from spidernest.jobs.runners import maps, site, verify

__all__ = ["JOB_TYPES", "load_job_types"]

JOB_TYPES: dict[str, JobType] = {
    job_type.name: job_type for job_type in (site.JOB_TYPE, maps.JOB_TYPE, verify.JOB_TYPE)
}


def load_job_types(extra: Iterable[str] = ()) -> dict[str, JobType]:
    """The built-in job types plus those named by ``module:attribute`` paths.

    Raises:
        InvalidInput: a path does not name a JobType or a mapping of them.
    """
    job_types = dict(JOB_TYPES)
    for path in extra:
        module_name, _, attribute = path.partition(":")
        try:
            found = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise InvalidInput(f"cannot load job types from {path!r}: {exc}") from exc
        items = [found] if isinstance(found, JobType) else list(dict(found).values())
        for job_type in items:
            if not isinstance(job_type, JobType):
                raise InvalidInput(f"{path!r} holds {type(job_type).__name__}, not a JobType")
            job_types[job_type.name] = job_type
    return job_types
