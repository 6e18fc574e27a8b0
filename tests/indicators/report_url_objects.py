"""Where the URLs of the dashboard, the quarterly and annual reports and export jobs point, for the matrix."""

OBJECT_URL_KWARGS = {}
NO_OBJECT_URL_KWARGS = {}
