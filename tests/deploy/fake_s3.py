"""A minimal S3-compatible endpoint for the two-server test: path-style PUT, GET, HEAD and DELETE
of objects in memory, and the listing of a folder (ListObjects with a prefix and a delimiter),
which is all that django-storages' S3Storage asks of a bucket here.

No S3 server (MinIO, moto) is installed with the project; this keeps the test self-contained while
the servers under test still go through boto3 and the real S3 backend over HTTP.
"""

import datetime
import hashlib
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape


def _decode_aws_chunked(body: bytes) -> bytes:
    """The body of a streamed upload: `size;chunk-signature=…\\r\\ndata\\r\\n` until size 0."""
    data, rest = b"", body
    while rest:
        header, rest = rest.split(b"\r\n", 1)
        size = int(header.split(b";", 1)[0], 16)
        if size == 0:
            break
        data, rest = data + rest[:size], rest[size + 2 :]
    return data


class FakeS3(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.modified: dict[str, datetime.datetime] = {}
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # the test's output stays readable
        pass

    @property
    def key(self) -> str:
        return unquote(urlsplit(self.path).path).lstrip("/")

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None, *, head: bool = False):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _object_headers(self, content: bytes, content_type: str, modified: datetime.datetime) -> dict:
        return {
            "ETag": f'"{hashlib.md5(content).hexdigest()}"',
            "Content-Type": content_type,
            "Last-Modified": formatdate(modified.timestamp(), usegmt=True),
            "Accept-Ranges": "bytes",
        }

    def do_PUT(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if "aws-chunked" in self.headers.get("Content-Encoding", "") or self.headers.get(
            "x-amz-content-sha256", ""
        ).startswith("STREAMING-"):
            body = _decode_aws_chunked(body)
        content_type = self.headers.get("Content-Type", "binary/octet-stream")
        with self.server.lock:
            self.server.objects[self.key] = (body, content_type)
            self.server.modified[self.key] = datetime.datetime.now(datetime.UTC)
        self._send(200, headers={"ETag": f'"{hashlib.md5(body).hexdigest()}"'})

    def _read(self, *, head: bool):
        with self.server.lock:
            found = self.server.objects.get(self.key)
            modified = self.server.modified.get(self.key)
        if found is None:
            error = b"<Error><Code>NoSuchKey</Code><Message>The key does not exist.</Message></Error>"
            self._send(404, b"" if head else error, {"Content-Type": "application/xml"}, head=head)
            return
        content, content_type = found
        headers = self._object_headers(content, content_type, modified)
        span = self.headers.get("Range", "")
        if span.startswith("bytes="):
            first, _, last = span.removeprefix("bytes=").partition("-")
            start, end = int(first), min(int(last) if last else len(content) - 1, len(content) - 1)
            headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
            self._send(206, content[start : end + 1], headers, head=head)
            return
        if head:
            # A HEAD answer states the object's length without a body.
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            return
        self._send(200, content, headers)

    def _list(self, bucket: str, query: dict) -> None:
        """ListObjects in one page: the keys under the prefix, folders folded at the delimiter."""
        prefix = query.get("prefix", [""])[0]
        delimiter = query.get("delimiter", [""])[0]
        with self.server.lock:
            keys = sorted(key.removeprefix(f"{bucket}/") for key in self.server.objects if key.startswith(f"{bucket}/"))
            sizes = {key: len(self.server.objects[f"{bucket}/{key}"][0]) for key in keys}
            modified = {key: self.server.modified[f"{bucket}/{key}"] for key in keys}
        contents, folders = [], set()
        for key in keys:
            if not key.startswith(prefix):
                continue
            rest = key.removeprefix(prefix)
            if delimiter and delimiter in rest:
                folders.add(prefix + rest.split(delimiter, 1)[0] + delimiter)
                continue
            contents.append(
                f"<Contents><Key>{escape(key)}</Key><Size>{sizes[key]}</Size>"
                f"<LastModified>{modified[key]:%Y-%m-%dT%H:%M:%S.000Z}</LastModified></Contents>"
            )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
            f"<Name>{escape(bucket)}</Name><Prefix>{escape(prefix)}</Prefix><KeyCount>{len(contents)}</KeyCount>"
            "<IsTruncated>false</IsTruncated>"
            + "".join(contents)
            + "".join(
                f"<CommonPrefixes><Prefix>{escape(folder)}</Prefix></CommonPrefixes>" for folder in sorted(folders)
            )
            + "</ListBucketResult>"
        ).encode()
        self._send(200, body, {"Content-Type": "application/xml"})

    def do_GET(self):
        if "/" not in self.key:  # the bucket itself: a listing
            self._list(self.key, parse_qs(urlsplit(self.path).query))
            return
        self._read(head=False)

    def do_HEAD(self):
        self._read(head=True)

    def do_DELETE(self):
        with self.server.lock:
            self.server.objects.pop(self.key, None)
            self.server.modified.pop(self.key, None)
        self._send(204)
