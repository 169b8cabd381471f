# Runs moto's server and exits as soon as its stdin reaches end of file. Our end of that pipe is closed by
# the kernel however the parent ends (SIGTERM, SIGINT, SIGHUP, SIGKILL, a crash), so moto cannot outlive it;
# an 'exit' handler alone only covers a normal exit.
#
# moto's application is served over HTTP/1.1 with persistent connections, each connection on a thread of
# its own (KeepAliveHandler below), and its DynamoDB backend is not thread-safe: two
# concurrent conditional writes (or transactions) on one item can both pass their condition, which real
# DynamoDB never allows (concurrent orders then oversell). The launcher runs moto's own application with
# DynamoDB requests taken one at a time, as DynamoDB's item-level isolation has them; other services
# (SQS long polls among them) stay concurrent.
#
# MOTO_PROFILE=1 counts requests per operation (`dynamodb:UpdateItem`, `sns:Publish`, ...) with their total
# seconds: GET /_moto-profile answers them as JSON, DELETE /_moto-profile starts the counts again, and they
# are printed to stderr (`moto-profile <operation> <count> <seconds>`) when moto stops. It also keeps the
# last RECENT_REQUESTS requests as they came (operation, method, path, the headers that route them, body):
# GET /_moto-profile/requests, oldest first, so a benchmark can send one order's calls again; and
# GET /_moto-profile/cpu answers the CPU seconds moto's process has used ({"seconds": ...}).
import argparse, collections, io, json, os, re, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote

PROFILE_PATH = "/_moto-profile"
REQUESTS_PATH = PROFILE_PATH + "/requests"
CPU_PATH = PROFILE_PATH + "/cpu"
RECENT_REQUESTS = 2000
ROUTING_HEADERS = {"CONTENT_TYPE": "Content-Type", "HTTP_X_AMZ_TARGET": "X-Amz-Target", "HTTP_AUTHORIZATION": "Authorization"}
profile = {} if os.environ.get("MOTO_PROFILE") == "1" else None
recent = collections.deque(maxlen=RECENT_REQUESTS)
profile_lock = threading.Lock()


def print_profile():
    if profile is None:
        return
    with profile_lock:
        rows = sorted(profile.items(), key=lambda kv: -kv[1][1])
    for name, (count, seconds) in rows:
        sys.stderr.write(f"moto-profile {name} {count} {seconds:.3f}\n")
    sys.stderr.flush()


def exit_when_parent_goes():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    finally:
        print_profile()
        os._exit(0)


threading.Thread(target=exit_when_parent_goes, daemon=True).start()


def exit_on_sigterm(_signum, _frame):
    # stop() sends SIGTERM: the counts are printed on the way out, as on end of file.
    print_profile()
    os._exit(0)


signal.signal(signal.SIGTERM, exit_on_sigterm)

from moto.server import DomainDispatcherApplication, create_backend_app

parser = argparse.ArgumentParser()
parser.add_argument("-H", "--host", default="127.0.0.1")
parser.add_argument("-p", "--port", type=int, required=True)
args = parser.parse_args(sys.argv[1:])
os.environ.setdefault("MOTO_PORT", str(args.port))

# moto rolls a failed transaction back by restoring a deep copy of every table it touches, taken before
# it starts: a cost that grows with the table (seconds per transaction once it holds thousands of orders).
# With DynamoDB requests taken one at a time, a copy of the items the transaction touches is enough.
import copy as _copy
import moto.dynamodb.models as _ddb
from moto.dynamodb.models.table import Table as _Table


class _CopyButTables:
    def __getattr__(self, name):
        return getattr(_copy, name)

    def deepcopy(self, value, memo=None):
        return value if isinstance(value, _Table) else _copy.deepcopy(value, memo)


_ddb.copy = _CopyButTables()
_transact_write_items = _ddb.DynamoDBBackend.transact_write_items


def _key_of(table, op_type, op):
    if op_type != "Put":
        return op["Key"]
    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = op["Item"][table.range_key_attr]
    return key


def transact_write_items(self, transact_items):
    saved = []
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
        if table is None or op_type == "ConditionCheck":
            continue
        try:
            key = _key_of(table, op_type, op)
            current = self.get_item(op["TableName"], key)
        except Exception:
            continue
        saved.append((op["TableName"], key, None if current is None else _copy.deepcopy(current.to_json()["Attributes"])))
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table_name, key, attributes in reversed(saved):
            if attributes is None:
                self.delete_item(table_name, key)
            else:
                self.put_item(table_name, attributes)
        raise


_ddb.DynamoDBBackend.transact_write_items = transact_write_items

moto_app = DomainDispatcherApplication(create_backend_app)
dynamodb_lock = threading.Lock()


def serve(environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb_lock:
            # Read the whole response inside the lock: the backend works while it is produced.
            body = list(moto_app(environ, start_response))
        return body
    return moto_app(environ, start_response)


CREDENTIAL_SERVICE = re.compile(r"Credential=[^/]*/[^/]*/[^/]*/([^/]+)/")


def read_body(environ):
    """The request body; moto is handed a fresh copy to read."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def operation_of(environ, body):
    """`<service>:<Action>`: the service from the signature's scope, the action from X-Amz-Target or the form."""
    match = CREDENTIAL_SERVICE.search(environ.get("HTTP_AUTHORIZATION", ""))
    service = match.group(1) if match else "?"
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return f"{service}:{target.rsplit('.', 1)[-1]}"
    if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
        # Query protocol (SNS): the action is a form field.
        action = parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
        return f"{service}:{action}"
    return f"{service}:{environ.get('REQUEST_METHOD', '?')} {environ.get('PATH_INFO', '?')}"


def json_response(start_response, value):
    body = json.dumps(value).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def profile_route(environ, start_response):
    with profile_lock:
        if environ.get("PATH_INFO") == REQUESTS_PATH:
            return json_response(start_response, list(recent))
        if environ.get("PATH_INFO") == CPU_PATH:
            return json_response(start_response, {"seconds": time.process_time()})
        if environ.get("REQUEST_METHOD") == "DELETE":
            profile.clear()
            recent.clear()
        counts = {name: {"count": count, "seconds": seconds} for name, (count, seconds) in profile.items()}
    return json_response(start_response, counts)


def app(environ, start_response):
    if profile is None:
        return serve(environ, start_response)
    if environ.get("PATH_INFO", "").startswith(PROFILE_PATH):
        return profile_route(environ, start_response)
    body = read_body(environ)
    name = operation_of(environ, body)
    request = {
        "operation": name,
        "method": environ.get("REQUEST_METHOD", "POST"),
        "path": environ.get("PATH_INFO", "/") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""),
        "headers": {header: environ[key] for key, header in ROUTING_HEADERS.items() if environ.get(key)},
        "body": body.decode("utf-8", "replace"),
    }
    with profile_lock:
        recent.append(request)  # in the order they arrived
    started = time.perf_counter()
    response = list(serve(environ, start_response))
    elapsed = time.perf_counter() - started
    with profile_lock:
        count, seconds = profile.get(name, (0, 0.0))
        profile[name] = (count + 1, seconds + elapsed)
    return response


class KeepAliveHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with persistent connections, one thread per connection (werkzeug's development server
    closes every connection after one request: each AWS SDK call then paid a TCP connect and a new thread)."""

    protocol_version = "HTTP/1.1"
    server_version = "moto"
    # An answer is one write, but a client's next request must not wait for an ACK either.
    disable_nagle_algorithm = True

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.run_wsgi
        raise AttributeError(name)

    def log_message(self, format, *args):
        pass  # as quiet as werkzeug's server was with moto's default logging

    def run_wsgi(self):
        length = int(self.headers.get("Content-Length") or 0)
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = self.read_chunked()
            length = len(body)
        else:
            body = self.rfile.read(length) if length > 0 else b""
        path, _, query = self.path.partition("?")
        environ = {
            "REQUEST_METHOD": self.command,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote(path, "latin-1"),
            "QUERY_STRING": query,
            "RAW_URI": self.path,
            "REQUEST_URI": self.path,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(length),
            "SERVER_NAME": args.host,
            "SERVER_PORT": str(args.port),
            "SERVER_PROTOCOL": self.request_version,
            "REMOTE_ADDR": self.client_address[0],
            "REMOTE_PORT": str(self.client_address[1]),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        for key, value in self.headers.items():
            name = "HTTP_" + key.upper().replace("-", "_")
            if name not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[name] = value if name not in environ else environ[name] + "," + value
        response = {}

        def start_response(status, headers, exc_info=None):
            response["status"], response["headers"] = status, headers
            return lambda data: response.setdefault("written", []).append(data)

        try:
            result = app(environ, start_response)
            try:
                data = b"".join(response.get("written", [])) + b"".join(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
        except Exception:
            import traceback

            traceback.print_exc()
            response = {"status": "500 Internal Server Error", "headers": [("Content-Type", "text/plain")]}
            data = b"Internal Server Error"
        code, _, reason = response["status"].partition(" ")
        self.send_response(int(code), reason)
        for key, value in response["headers"]:
            if key.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        # Headers and body in one write (end_headers would send the headers on their own).
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(data)
        self.flush_headers()

    def read_chunked(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


Server((args.host, args.port), KeepAliveHandler).serve_forever()
