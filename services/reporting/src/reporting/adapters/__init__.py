"""Projections of membership events into effective-dated facts, and the SQL reading them."""
