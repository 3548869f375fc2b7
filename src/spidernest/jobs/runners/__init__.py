"""One module per job type: the adapter from a service to the job platform."""
