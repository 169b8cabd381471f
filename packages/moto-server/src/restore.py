# A moto restarted with the state of the one it replaces: the launcher (launcher.py, the same program,
# patches and lock) with every state-changing request the old moto recorded sent to it again, in order,
# before it binds its port. moto keeps its resources in memory only; its recorder (MOTO_ENABLE_RECORDING,
# MOTO_RECORDER_FILEPATH) writes each request it serves to a file, one JSON object a line, so the file is
# the old process's history and replaying it rebuilds the same tables, items, topics and queues.
#
#   python restore.py --recording FILE -H HOST -p PORT
#
# The launcher runs as the program (runpy); only the application it builds is replaced (see the end).
# It imports moto first (seconds on a loaded machine) and writes `restore-ready` to stderr, then waits for
# a line on stdin: the caller stops the old moto meanwhile, so the port is closed only while the requests
# are replayed. End of file instead means the caller is gone: it exits. After the replay it writes
# `restore-replayed <requests> <skipped> <seconds>`, and the launcher serves on the port.
#
# Not replayed: reads (they change nothing) and SQS receives and deletes. A receipt handle is new on
# every receive, so a delete recorded with the old one matches nothing: a message the old moto handed
# out and had deleted is back in its queue after a restart, as SQS's at-least-once delivery allows.
import argparse, base64, io, json, os, runpy, sys, time
from urllib.parse import parse_qs, urlparse

parser = argparse.ArgumentParser()
parser.add_argument("--recording", required=True)
known, launcher_args = parser.parse_known_args(sys.argv[1:])

SKIPPED_TARGETS = {
    "DynamoDB_20120810": {"GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems", "DescribeTable",
                          "ListTables", "DescribeTimeToLive", "DescribeContinuousBackups", "ListTagsOfResource"},
    "AmazonSQS": {"ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
                  "ChangeMessageVisibilityBatch", "GetQueueAttributes", "GetQueueUrl", "ListQueues"},
}
SKIPPED_ACTIONS = {"ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "GetQueueAttributes", "GetQueueUrl",
                   "ListQueues", "ListTopics", "ListSubscriptions", "ListSubscriptionsByTopic", "GetTopicAttributes",
                   "GetSubscriptionAttributes"}

import moto.server  # noqa: E402  (the slow part, done while the old moto still serves)
from moto.moto_api import recorder  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

sys.stderr.write("restore-ready\n")
sys.stderr.flush()
if sys.stdin.readline() == "":
    os._exit(0)


def header(entry, name):
    for key, value in entry.get("headers", {}).items():
        if key.lower() == name.lower():
            return value
    return ""


def body_of(entry):
    body = entry.get("body") or b""
    if entry.get("body_encoded"):
        body = base64.b64decode(body)
    return body if isinstance(body, bytes) else body.encode("utf-8")


def changes_state(entry, body):
    url = urlparse(entry["url"])
    if url.path.startswith("/moto-api/") or entry.get("method") in ("GET", "HEAD"):
        return False
    target = header(entry, "X-Amz-Target")
    if target:
        prefix, _, operation = target.rpartition(".")
        return operation not in SKIPPED_TARGETS.get(prefix, set())
    if header(entry, "Content-Type").startswith("application/x-www-form-urlencoded"):
        action = parse_qs(body.decode("utf-8", "replace")).get("Action", [""])[0]
        return action not in SKIPPED_ACTIONS
    return True


def replay(app):
    with open(known.recording, encoding="utf-8") as file:
        lines = file.readlines()
    replayed = skipped = 0
    seconds_per_operation = {}
    started = time.perf_counter()
    recorder.stop_recording()  # the replay is not history of its own
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            skipped += 1  # a line cut short when the old moto was stopped mid-write
            continue
        body = body_of(entry)
        if not changes_state(entry, body):
            skipped += 1
            continue
        url = urlparse(entry["url"])
        headers = {k: v for k, v in entry.get("headers", {}).items() if k.lower() != "transfer-encoding"}
        environ = EnvironBuilder(path=url.path, query_string=url.query, method=entry.get("method", "POST"),
                                 headers=headers, data=body).get_environ()
        began = time.perf_counter()
        for _ in app(environ, lambda status, response_headers, exc_info=None: None):
            pass
        replayed += 1
        operation = header(entry, "X-Amz-Target") or parse_qs(body.decode("utf-8", "replace")).get("Action", ["?"])[0]
        seconds_per_operation[operation] = seconds_per_operation.get(operation, 0.0) + time.perf_counter() - began
    recorder.start_recording()
    slowest = sorted(seconds_per_operation.items(), key=lambda kv: -kv[1])[:5]
    sys.stderr.write("restore-slowest " + " ".join(f"{op}={s:.3f}" for op, s in slowest) + "\n")
    sys.stderr.write(f"restore-replayed {replayed} {skipped} {time.perf_counter() - started:.3f}\n")
    sys.stderr.flush()


# The launcher patches moto (the cheaper transaction rollback), then builds moto's application: replay into
# that application as it is built, before the launcher binds the port and serves.
class ReplayingApplication(moto.server.DomainDispatcherApplication):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        replay(self)


moto.server.DomainDispatcherApplication = ReplayingApplication
sys.argv = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "launcher.py"), *launcher_args]
runpy.run_path(sys.argv[0], run_name="__main__")
