"""Reception (接待来访): contacts logged and closed."""
