"""UnionHub labour-dispute mediation service (劳动争议调解)."""
