"""moto gap in DynamoDB that ecsgate's tests depend on: atomic requests.

Gap 1: DynamoDB applies each request atomically: a conditional write (UpdateItem with a
ConditionExpression) checks and writes one item as one step, and of two CreateTable calls for the
same name exactly one succeeds, the other gets ResourceInUseException. moto_server answers
requests on concurrent threads and its backend checks, then acts, with nothing between: two
UpdateItems that take the lease can both see it free and both succeed, and two CreateTables can both
pass the "exists" check, the second replacing the first's table with its items. LockIT starts two
`apply`s together and caught both holding the lease. This runs every DynamoDB request under one
lock, so each is atomic as in AWS (tests make few DynamoDB calls; serializing them costs nothing).
"""
import threading

from moto.dynamodb import responses as dynamodb_responses

_LOCK = threading.Lock()
_call_action = dynamodb_responses.DynamoHandler.call_action


def _call_action_atomically(self):
    with _LOCK:
        return _call_action(self)


dynamodb_responses.DynamoHandler.call_action = _call_action_atomically
