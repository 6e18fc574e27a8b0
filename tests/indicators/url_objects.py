"""Where the URLs of this area with parameters point, for tests/test_permission_matrix.py."""

OBJECT_URL_KWARGS = {}
NO_OBJECT_URL_KWARGS = {}
