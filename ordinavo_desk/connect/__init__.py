"""connect layer."""
