"""Reading the read models: statistics, timelines, report files."""
