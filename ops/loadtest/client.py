"""A minimal browser: one user's cookies, the CSRF token of Django's forms, timed requests."""

import http.client
import re
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

LOGIN_PATH = "/accounts/login/"
# Django's CSRF middleware accepts the cookie's secret itself as the form token.
CSRF_COOKIE = "csrftoken"
HREF = re.compile(r'href="(/[^"#?]*)"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def location(self) -> str:
        return urlsplit(self.headers.get("location", "")).path

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def links(self) -> list[str]:
        return HREF.findall(self.text)


class Browser:
    """Talks to one server (host, port); `cookies` may be handed to another Browser (another server)."""

    def __init__(self, host: str, port: int, *, timeout: float = 30.0, cookies: dict[str, str] | None = None):
        self.host = host
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = cookies if cookies is not None else {}

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None) -> Response:
        all_headers = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        # A new connection per request, as gunicorn's sync workers close each one anyway.
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            answer = connection.getresponse()
            content = answer.read()
            set_cookies = answer.headers.get_all("Set-Cookie") or []
            headers = {name.lower(): value for name, value in answer.getheaders()}
            status = answer.status
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        for line in set_cookies:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(status, headers, content, seconds)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict, *, files: dict[str, tuple[str, bytes, str]] | None = None) -> Response:
        """A form post carrying the CSRF token; `files` maps a field to (file name, content, content type)."""
        data = {"csrfmiddlewaretoken": self.cookies.get(CSRF_COOKIE, ""), **data}
        referer = {"Referer": f"http://{self.host}:{self.port}{path}"}
        if not files:
            body = urlencode(data, doseq=True).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", **referer}
            return self.request("POST", path, body=body, headers=headers)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in data.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, content_type) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", **referer}
        return self.request("POST", path, body=b"".join(parts), headers=headers)

    def login(self, username: str, password: str) -> Response:
        """Logs in through the login form; returns the answer to the form's post (a redirect on success)."""
        self.get(LOGIN_PATH)
        return self.post(LOGIN_PATH, {"username": username, "password": password})
