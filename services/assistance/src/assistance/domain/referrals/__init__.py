"""建档建议: suggestions to open a hardship file, from other services' events."""
