"""The benchmark of issue 8: datasets of a district and a region (``bench_data``) and the timings
of the main pages against the Django admin, the exports and matching (``bench_run``)."""
