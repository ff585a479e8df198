"""Scripts that generate checked-in files of the project (see each module)."""
