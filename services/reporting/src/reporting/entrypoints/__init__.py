"""The REST API and the operators' CLI."""
