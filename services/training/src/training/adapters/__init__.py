"""SQL repositories, the SQL unit of work, the replica and the read views."""
