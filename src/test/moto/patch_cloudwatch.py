"""moto gap in CloudWatch that ecsgate's tests depend on: the RPC v2 CBOR protocol.

Gap 1: the AWS SDK for Java's CloudWatch client (2.40.6 and later) speaks Smithy RPC v2 CBOR:
POST /service/GraniteServiceVersion20100801/operation/<Operation> with a CBOR body and the header
`smithy-protocol: rpc-v2-cbor`, and expects a CBOR answer with the same header. moto 5.2.5 knows
CloudWatch's query and JSON protocols only: the path matches no route. This translates such a
request into CloudWatch's JSON protocol (awsJson1_0, `X-Amz-Target: GraniteServiceVersion20100801.
<Operation>`), which moto serves, and the JSON answer back into CBOR, with timestamps as CBOR tag 1
(epoch seconds) where the operation's output shape has them, as the protocol says. Errors keep their
`__type` and message. Any other request goes to moto unchanged. Needs the `cbor2` package (installed
with moto by the `controller` script).
"""
import io
import json

import botocore.session
import cbor2
from moto.moto_server import werkzeug_app

_PREFIX = "/service/GraniteServiceVersion20100801/operation/"
_MODEL = botocore.session.get_session().get_service_model("cloudwatch")


def _tag_timestamps(value, shape):
    """The JSON answer's value with each timestamp of `shape` as CBOR tag 1."""
    if value is None or shape is None:
        return value
    if shape.type_name == "structure" and isinstance(value, dict):
        return {k: _tag_timestamps(v, shape.members.get(k)) for k, v in value.items()}
    if shape.type_name == "list" and isinstance(value, list):
        return [_tag_timestamps(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: _tag_timestamps(v, shape.value) for k, v in value.items()}
    if shape.type_name == "timestamp" and isinstance(value, (int, float)):
        return cbor2.CBORTag(1, value)
    return value


def _untag(value):
    """A CBOR request's value as JSON can carry it (timestamps as epoch seconds)."""
    if isinstance(value, cbor2.CBORTag):
        return _untag(value.value)
    if isinstance(value, dict):
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    if hasattr(value, "timestamp"):
        return value.timestamp()
    return value


_call = werkzeug_app.DomainDispatcherApplication.__call__


def _call_translating_cbor(self, environ, start_response):
    path = environ.get("PATH_INFO", "")
    if not (path.startswith(_PREFIX) and environ.get("HTTP_SMITHY_PROTOCOL") == "rpc-v2-cbor"):
        return _call(self, environ, start_response)
    operation = path[len(_PREFIX):]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length else b""
    request = _untag(cbor2.loads(raw)) if raw else {}
    body = json.dumps(request).encode("utf-8")
    environ = dict(environ)
    environ["PATH_INFO"] = "/"
    environ["CONTENT_TYPE"] = "application/x-amz-json-1.0"
    environ["HTTP_X_AMZ_TARGET"] = "GraniteServiceVersion20100801." + operation
    environ["CONTENT_LENGTH"] = str(len(body))
    environ["wsgi.input"] = io.BytesIO(body)
    captured = {}

    def capture(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = headers
        return lambda data: None

    answer = b"".join(_call(self, environ, capture))
    text = answer.decode("utf-8") if answer else ""
    payload = json.loads(text) if text.strip() else {}
    status = captured["status"]
    if status.startswith("2"):
        output = _MODEL.operation_model(operation).output_shape
        payload = _tag_timestamps(payload, output)
    encoded = cbor2.dumps(payload)
    headers = [
        (k, v)
        for k, v in captured["headers"]
        if k.lower() not in ("content-type", "content-length", "x-amz-crc32")
    ]
    headers += [
        ("Content-Type", "application/cbor"),
        ("smithy-protocol", "rpc-v2-cbor"),
        ("Content-Length", str(len(encoded))),
    ]
    start_response(status, headers)
    return [encoded]


werkzeug_app.DomainDispatcherApplication.__call__ = _call_translating_cbor
