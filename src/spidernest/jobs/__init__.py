"""The job platform: lifecycle, engine, queues and the job types that plug into it."""
