"""Cases (案件): the dispute, its lifecycle, its deadline and its history chain."""
