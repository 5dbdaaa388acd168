"""Apps whose tables live in the shared (public) schema; see README.md."""
