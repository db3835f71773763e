"""moto gaps in Application Auto Scaling's step scaling that ecsgate's tests depend on.

Gap 1: PutScalingPolicy on an existing policy makes a new policy with a new ARN; AWS updates the
policy in place and keeps its ARN (the alarms that name it as their action keep working). The
update keeps the old policy's ARN and creation time.

Gap 2: DescribeScalingPolicies lists no alarms for a step scaling policy; AWS lists, under
`Alarms`, the CloudWatch alarms whose actions name the policy's ARN (for target tracking, the
alarms it made itself, which moto lists already). The answer adds those alarms of the same account
and region. Loaded after patch_ecs (modules load in name order: patch_applicationautoscaling comes
first; patch_ecs's answer calls _build_policy, which looks up _build_alarms at call time).
"""
from moto.applicationautoscaling import models as aas_models
from moto.applicationautoscaling import responses as aas_responses

_put_scaling_policy = aas_models.ApplicationAutoscalingBackend.put_scaling_policy


def _put_scaling_policy_in_place(self, policy_name, service_namespace, resource_id, scalable_dimension, policy_body, policy_type):
    key = aas_models.FakeApplicationAutoscalingPolicy.formulate_key(
        service_namespace, resource_id, scalable_dimension, policy_name)
    old = self.policies.get(key)
    policy = _put_scaling_policy(self, policy_name, service_namespace, resource_id, scalable_dimension, policy_body, policy_type)
    if old is not None:
        policy._guid = old._guid
        policy.policy_arn = old.policy_arn
        policy.creation_time = old.creation_time
    return policy


aas_models.ApplicationAutoscalingBackend.put_scaling_policy = _put_scaling_policy_in_place

_build_alarms = aas_responses._build_alarms


def _build_alarms_with_step_alarms(policy):
    alarms = _build_alarms(policy)
    if policy.policy_type != "StepScaling":
        return alarms
    from moto.cloudwatch.models import cloudwatch_backends

    cloudwatch = cloudwatch_backends[policy.account_id][policy.region_name]
    listed = {a["AlarmARN"] for a in alarms}
    for alarm in cloudwatch.alarms.values():
        if policy.policy_arn in (alarm.alarm_actions or []) and alarm.alarm_arn not in listed:
            alarms.append({"AlarmARN": alarm.alarm_arn, "AlarmName": alarm.name})
    return alarms


aas_responses._build_alarms = _build_alarms_with_step_alarms
