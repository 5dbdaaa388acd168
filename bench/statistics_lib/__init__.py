"""Helpers of `bench/statistics`: the data set, the naive baselines and the HTTP measurement."""
