"""moto gaps in API Gateway (REST APIs, v1) that ecsgate's tests depend on."""
import json

from moto.apigateway import models as apigateway_models
from moto.apigateway import responses as apigateway_responses

Integration = apigateway_models.Integration
APIGatewayResponse = apigateway_responses.APIGatewayResponse


# Gap 1: moto's PutIntegration drops `connectionId` (the VPC link of a VPC_LINK integration) and
# `integrationTarget` (the ALB listener or ALB ARN of an integration through a VPC link V2, which
# AWS added in Nov 2025), and GetResources/GetIntegration never return them. AWS keeps and returns
# both; without this the tests could not check that the link id and the target round-trip
# (VpcLinkV2IT repairs an integration whose target was changed by hand).
_integration_to_json = Integration.to_json


def _integration_to_json_with_connection(self):
    result = _integration_to_json(self)
    result["connectionId"] = getattr(self, "connection_id", None)
    if getattr(self, "integration_target", None) is not None:
        result["integrationTarget"] = self.integration_target
    return result


Integration.to_json = _integration_to_json_with_connection
_put_integration = APIGatewayResponse.put_integration


def _put_integration_keeping_connection(self):
    status, headers, _ = _put_integration(self)
    parts = self.path.split("/")
    integration = self.backend.get_integration(parts[2], parts[4], parts[6])
    integration.connection_id = self._get_param("connectionId")
    integration.integration_target = self._get_param("integrationTarget")
    return status, headers, json.dumps(integration.to_json())


APIGatewayResponse.put_integration = _put_integration_keeping_connection


# Gap 2: moto has no UpdateMethod (PATCH on a method). AWS's PutMethod on an existing method is a
# ConflictException, so changing a method's authorization, API key flag or request parameters
# takes UpdateMethod with patch operations; this applies the ones ecsgate sends.
def _update_method(self):
    parts = self.path.split("/")
    method = self.backend.get_method(parts[2], parts[4], parts[6])
    for op in self._get_param("patchOperations") or []:
        path, value = op["path"], op.get("value")
        if path == "/authorizationType":
            method.authorization_type = value
        elif path == "/apiKeyRequired":
            method.api_key_required = str(value).lower() == "true"
        elif path.startswith("/requestParameters/"):
            key = path[len("/requestParameters/"):]
            parameters = dict(method.request_parameters or {})
            if op["op"] == "remove":
                parameters.pop(key, None)
            else:
                parameters[key] = str(value).lower() == "true"
            method.request_parameters = parameters
        else:
            raise NotImplementedError("UpdateMethod patch path " + path)
    return 200, {}, json.dumps(method.to_json())


APIGatewayResponse.update_method = _update_method

# Gap 3: moto's TagResource, UntagResource and GetTags accept only stage ARNs
# (arn:aws:apigateway:REGION::/restapis/ID/stages/NAME): for a REST API or a VPC link ARN the URL
# matches no route (404), and the handlers would read the last two path segments as an API and a
# stage. AWS tags REST APIs and VPC links by their ARNs too (arn:...::/restapis/ID,
# arn:...::/vpclinks/ID), and GetRestApis/GetVpcLinks return those tags, which is what adopting a
# hand-made API or link (adding ecsgate's tags) and retagging one rely on. This adds the two URL
# forms and applies the tags to the API or link; stage ARNs go to moto's handlers as before.
from moto.apigateway import urls as apigateway_urls

apigateway_urls.url_paths[
    "{0}/tags/arn:(?P<partition>[^/]+):apigateway:(?P<region_name>[^/]+)::/(?P<tagged_kind>restapis|vpclinks)/(?P<tagged_id>[^/]+)$"
] = APIGatewayResponse.dispatch


def _tagged_api_or_link(self):
    """The REST API or VPC link a tags URL names, or None for a stage ARN."""
    from urllib.parse import unquote

    segments = unquote(self.path.split("/tags/", 1)[1]).split("::", 1)[-1].strip("/").split("/")
    if len(segments) != 2:
        return None
    kind, resource_id = segments
    if kind == "restapis":
        return self.backend.get_rest_api(resource_id)
    if kind == "vpclinks":
        return self.backend.get_vpc_link(resource_id)
    return None


_tag_resource = APIGatewayResponse.tag_resource
_untag_resource = APIGatewayResponse.untag_resource
_get_tags = APIGatewayResponse.get_tags


def _tag_api_or_link(self):
    tagged = _tagged_api_or_link(self)
    if tagged is None:
        return _tag_resource(self)
    tagged.tags = dict(tagged.tags or {}, **(self._get_param("tags") or {}))
    return 204, {}, ""


def _untag_api_or_link(self):
    tagged = _tagged_api_or_link(self)
    if tagged is None:
        return _untag_resource(self)
    for key in self.querystring.get("tagKeys") or []:
        (tagged.tags or {}).pop(key, None)
    return 204, {}, ""


def _get_tags_of_api_or_link(self):
    tagged = _tagged_api_or_link(self)
    if tagged is None:
        return _get_tags(self)
    return json.dumps({"tags": tagged.tags or {}})


APIGatewayResponse.tag_resource = _tag_api_or_link
APIGatewayResponse.untag_resource = _untag_api_or_link
APIGatewayResponse.get_tags = _get_tags_of_api_or_link

# Known and not patched (ecsgate does not depend on them): CreateDeployment with a stageName
# replaces the whole stage (AWS keeps its settings; ecsgate never passes a stage name and points
# the stage at a deployment with UpdateStage instead); GetRestApis/GetResources/GetVpcLinks ignore
# `limit` and `position` and return everything in one page; GetResources returns methods and
# integrations whether or not `embed=methods` is asked for (AWS returns them only when asked);
# a new VPC link is AVAILABLE at once (AWS: PENDING for minutes).


# Harness knob (not a moto gap, the opposite): AWS keeps a new VPC link PENDING for minutes, moto
# makes it AVAILABLE at once. A test that needs the PENDING phase gives the link a description that
# starts with "pending:N"; the link is then reported PENDING by the first N GetVpcLinks/GetVpcLink
# responses, and AVAILABLE afterwards. Links without that description behave as moto made them.
def _pending_reads_left(link):
    if not hasattr(link, "_pending_reads_left"):
        description = link.description or ""
        reads = 0
        if description.startswith("pending:"):
            try:
                reads = int(description.split(":", 1)[1].split()[0])
            except ValueError:
                reads = 0
        link._pending_reads_left = reads
    return link._pending_reads_left


def _observe(link):
    left = _pending_reads_left(link)
    if left > 0:
        link.status = "PENDING"
        link._pending_reads_left = left - 1
    else:
        link.status = "AVAILABLE"
    return link


_get_vpc_links = apigateway_models.APIGatewayBackend.get_vpc_links
_get_vpc_link = apigateway_models.APIGatewayBackend.get_vpc_link
apigateway_models.APIGatewayBackend.get_vpc_links = lambda self: [_observe(link) for link in _get_vpc_links(self)]
apigateway_models.APIGatewayBackend.get_vpc_link = lambda self, vpc_link_id: _observe(_get_vpc_link(self, vpc_link_id))
