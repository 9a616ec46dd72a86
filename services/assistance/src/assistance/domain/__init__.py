"""The assistance domain: hardship files, visits and the aid helpers' aggregates; pure Python."""
