"""moto gaps in Elastic Load Balancing v2 (and the EC2 interfaces AWS creates for ALBs)."""
from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import DuplicatePriorityError, PriorityInUseError, RuleNotFoundError


# Gap 1: moto's SetRulePriorities refuses a priority that another rule holds even when that rule moves
# in the same call. AWS applies the pairs of one call together, so swapping two rules is one call.
def _set_rule_priorities(self, rule_priorities):
    moving = {pair["RuleArn"] for pair in rule_priorities}
    priorities = [pair["Priority"] for pair in rule_priorities]
    if len(set(priorities)) != len(priorities):
        raise DuplicatePriorityError(priorities[0])
    rules = []
    for pair in rule_priorities:
        found = self.describe_rules(listener_arn=None, rule_arns=[pair["RuleArn"]])
        if not found:
            raise RuleNotFoundError()
        rule = found[0]
        listener = self.describe_listeners(None, [rule.listener_arn])[0]
        for other in listener.rules.values():
            if other.arn not in moving and other.priority == pair["Priority"]:
                raise PriorityInUseError()
        rules.append((rule, pair["Priority"]))
    for rule, priority in rules:
        rule.priority = priority
    return [rule for rule, _ in rules]


elbv2_models.ELBv2Backend.set_rule_priorities = _set_rule_priorities


# Gap 2: moto gives a load balancer no network interfaces. AWS creates one per subnet, described
# "ELB app/<name>/<id>" for an ALB and "ELB net/<name>/<id>" for an NLB; ecsgate finds the ALB's
# IPs (the NLB's targets) and the NLB's IPs (what the ALB's security group admits) through them.
_create_load_balancer = elbv2_models.ELBv2Backend.create_load_balancer


def _create_load_balancer_with_interfaces(self, *args, **kwargs):
    balancer = _create_load_balancer(self, *args, **kwargs)
    if balancer.type in ("application", "network"):
        description = "ELB " + balancer.arn.split(":loadbalancer/", 1)[1]
        for subnet in balancer.subnets:
            self.ec2_backend.create_network_interface(
                subnet, None, group_ids=list(balancer.security_groups or []), description=description)
    return balancer


elbv2_models.ELBv2Backend.create_load_balancer = _create_load_balancer_with_interfaces


# Gap 3: deleting a load balancer in moto leaves its interfaces behind; AWS removes them.
_delete_load_balancer = elbv2_models.ELBv2Backend.delete_load_balancer


def _delete_load_balancer_and_interfaces(self, arn):
    balancer = self.load_balancers.get(arn)
    _delete_load_balancer(self, arn)
    if balancer is not None and balancer.type in ("application", "network"):
        description = "ELB " + arn.split(":loadbalancer/", 1)[1]
        for eni in list(self.ec2_backend.enis.values()):
            if eni.description == description:
                self.ec2_backend.delete_network_interface(eni.id)


elbv2_models.ELBv2Backend.delete_load_balancer = _delete_load_balancer_and_interfaces

