"""Entry points: the FastAPI app and the operators' CLI."""
