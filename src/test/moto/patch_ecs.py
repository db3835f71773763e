"""moto gaps in ECS and Application Auto Scaling that ecsgate's behaviour depends on (AWS does what these patches do)."""
from moto.applicationautoscaling import models as aas_models
from moto.ecs import models as ecs_models
from moto.ecs import responses as ecs_responses
from moto.ecs.exceptions import TaskDefinitionNotFoundException

_AWS_DEFAULT_DEPLOYMENT = {
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
}


# Gap 1: CreateService ignores deploymentConfiguration, healthCheckGracePeriodSeconds and
# enableExecuteCommand (they are not passed to the backend). AWS stores them, and fills the
# deployment configuration with its defaults (200 % / 100 %, circuit breaker off) when none is given.
_create_service = ecs_responses.EC2ContainerServiceResponse.create_service


def _create_service_with_settings(self):
    result = _create_service(self)
    service = self.ecs_backend._get_service(self._get_param("cluster", "default"), self._get_param("serviceName"))
    deployment = dict(_AWS_DEFAULT_DEPLOYMENT)
    deployment.update(self._get_param("deploymentConfiguration") or {})
    service.deployment_configuration = deployment
    grace = self._get_param("healthCheckGracePeriodSeconds")
    if grace is not None:
        service.health_check_grace_period_seconds = grace
    service.enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
    return result


ecs_responses.EC2ContainerServiceResponse.create_service = _create_service_with_settings


# Gap 2: UpdateService keeps taskDefinition exactly as given ("family:3" or "family"); AWS stores the
# revision's full ARN. It also replaces deploymentConfiguration wholesale; AWS keeps the fields not given.
_update_service = ecs_models.EC2ContainerServiceBackend.update_service


def _update_service_like_aws(self, service_properties):
    task_definition = service_properties.get("task_definition")
    deployment = service_properties.get("deployment_configuration")
    if deployment is not None:
        cluster = service_properties.get("cluster", "default")
        name = service_properties["service"].split("/")[-1]
        current = getattr(self._get_service(cluster, name), "deployment_configuration", None) or dict(_AWS_DEFAULT_DEPLOYMENT)
        merged = dict(current)
        merged.update(deployment)
        service_properties["deployment_configuration"] = merged
    service = _update_service(self, service_properties)
    if task_definition:
        service.task_definition = self.describe_task_definition(task_definition).arn
    return service


ecs_models.EC2ContainerServiceBackend.update_service = _update_service_like_aws


# Gap 3: DescribeTaskDefinition with a bare family returns moto's highest revision even when it is
# INACTIVE (deregistered); AWS returns the latest ACTIVE revision, or fails when there is none.
_describe_task_definition = ecs_models.EC2ContainerServiceBackend.describe_task_definition


def _describe_latest_active(self, task_definition_str):
    name = task_definition_str.split("/")[-1]
    if ":" in name:
        return _describe_task_definition(self, task_definition_str)
    active = [rev for rev, td in self.task_definitions.get(name, {}).items() if td.status == "ACTIVE"]
    if not active:
        raise TaskDefinitionNotFoundException()
    return self.task_definitions[name][max(active)]


ecs_models.EC2ContainerServiceBackend.describe_task_definition = _describe_latest_active


# Gap 4: DescribeScalingPolicies ignores PolicyNames; AWS returns only the named policies.
_describe_scaling_policies = aas_models.ApplicationAutoscalingBackend.describe_scaling_policies


def _describe_scaling_policies_by_name(self, service_namespace, resource_id, scalable_dimension, max_results, next_token, policy_names=None):
    if not policy_names:
        return _describe_scaling_policies(self, service_namespace, resource_id, scalable_dimension, max_results, next_token)
    max_results = max_results or 10
    policies = [p for p in self.policies.values()
                if p.service_namespace == service_namespace and p.policy_name in policy_names
                and (not resource_id or p.resource_id == resource_id)
                and (not scalable_dimension or p.scalable_dimension == scalable_dimension)]
    start = int(next_token) if next_token else 0
    end = start + max_results
    return (str(end) if end < len(policies) else None), policies[start:end]


aas_models.ApplicationAutoscalingBackend.describe_scaling_policies = _describe_scaling_policies_by_name

from moto.applicationautoscaling import responses as aas_responses  # noqa: E402
import json  # noqa: E402


def _describe_scaling_policies_response(self):
    next_token, page = self.applicationautoscaling_backend.describe_scaling_policies(
        service_namespace=self._get_param("ServiceNamespace"),
        resource_id=self._get_param("ResourceId"),
        scalable_dimension=self._get_param("ScalableDimension"),
        max_results=self._get_int_param("MaxResults"),
        next_token=self._get_param("NextToken"),
        policy_names=self._get_param("PolicyNames"),
    )
    return json.dumps({"ScalingPolicies": [aas_responses._build_policy(p) for p in page], "NextToken": next_token})


aas_responses.ApplicationAutoScalingResponse.describe_scaling_policies = _describe_scaling_policies_response


# Gap 5: DeregisterScalableTarget leaves the target's scaling policies behind; AWS deletes them with it.
_deregister_scalable_target = aas_models.ApplicationAutoscalingBackend.deregister_scalable_target


def _deregister_scalable_target_and_policies(self, namespace, r_id, dimension):
    _deregister_scalable_target(self, namespace, r_id, dimension)
    for key, policy in list(self.policies.items()):
        if policy.service_namespace == namespace and policy.resource_id == r_id and policy.scalable_dimension == dimension:
            del self.policies[key]


aas_models.ApplicationAutoscalingBackend.deregister_scalable_target = _deregister_scalable_target_and_policies


# Gap 6: ListServices returns every service of the cluster in one response, ignoring maxResults and
# nextToken. AWS pages it: at most maxResults (default 10, at most 100) a page, with a nextToken.
# Without this the read counts of large stacks would come out below what AWS needs.
def _list_services_paged(self):
    service_arns = self.ecs_backend.list_services(
        self._get_param("cluster", "default"), self._get_param("schedulingStrategy"), launch_type=self._get_param("launchType")
    )
    page = min(int(self._get_param("maxResults") or 10), 100)
    start = int(self._get_param("nextToken") or 0)
    result = {"serviceArns": service_arns[start:start + page]}
    if start + page < len(service_arns):
        result["nextToken"] = str(start + page)
    return ecs_responses.ActionResult(result)


ecs_responses.EC2ContainerServiceResponse.list_services = _list_services_paged
