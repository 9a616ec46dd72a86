"""SQL repositories, unit of work, replica and read views of dispute mediation."""
