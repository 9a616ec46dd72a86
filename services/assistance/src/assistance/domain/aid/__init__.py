"""Aid (帮扶): programme budgets, applications and their approval chain, payments, batches."""
