"""The mediation network: mediation organisations, mediators, early-warning reporters."""
