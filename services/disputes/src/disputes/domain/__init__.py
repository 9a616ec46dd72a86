"""Pure rules of dispute mediation: cases, reception, the mediation network."""
