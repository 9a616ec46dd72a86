"""Employment services (就业服务): seekers, postings, job fairs and placements."""
