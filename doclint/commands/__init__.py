"""Sub-commands beyond the core ones: each module here has ``register(app)`` and is auto-discovered."""
