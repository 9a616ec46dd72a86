"""UnionHub hardship assistance service (困难职工帮扶)."""
