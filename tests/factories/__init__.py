"""factory_boy factories with minimal valid defaults, one module per app."""
