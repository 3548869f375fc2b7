"""Media storage for job files."""
