"""``make demo``: a realistic street federation loaded through the public HTTP APIs."""
