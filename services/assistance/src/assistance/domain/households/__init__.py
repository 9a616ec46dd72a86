"""Hardship files (困难职工档案): the household, its people, circumstances, codes and events."""
