"""Giving: donation campaigns (募捐) and mutual medical insurance (职工互助医疗保障)."""
