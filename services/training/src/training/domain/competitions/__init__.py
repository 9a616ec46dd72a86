"""Skills competitions (技能竞赛): events, trades and items, entrants, results and ranks."""
