"""Apps whose tables exist in every centre's schema; see README.md."""
