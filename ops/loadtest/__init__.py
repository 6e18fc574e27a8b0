"""The load test of ``make load``: simulated users browsing a gunicorn server over plain HTTP.

Standard library only (threads and http.client), so that it runs wherever the app runs.
"""
