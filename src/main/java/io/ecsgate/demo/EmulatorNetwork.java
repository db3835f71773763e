package io.ecsgate.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Creates, in an emulator, the network the seed stack assumes exists (ecsgate manages the edge of a
 * stack, not its VPC): a VPC with two public and two private subnets and the two security groups,
 * each with the {@code Name} the desired state refers to. For the demo and the tests only.
 */
public final class EmulatorNetwork {
  public static final String VPC = "ecs-fargate-vpc";
  public static final String ALB_SECURITY_GROUP = "ecs-fargate-elb-grp";
  public static final String CONTAINER_SECURITY_GROUP = "ecs-fargate-container-sg";

  private EmulatorNetwork() {}

  /** Creates the network and returns the ID of each resource by its Name. */
  public static Map<String, String> create(Ec2Client ec2, String region) {
    Map<String, String> ids = new LinkedHashMap<>();
    String vpcId =
        ec2.createVpc(
                r -> r.cidrBlock("10.0.0.0/16").tagSpecifications(name(ResourceType.VPC, VPC)))
            .vpc()
            .vpcId();
    ids.put(VPC, vpcId);
    String[][] subnets = {
      {"public-subnet-a", "10.0.1.0/24", "a"},
      {"public-subnet-b", "10.0.2.0/24", "b"},
      {"private-subnet-a", "10.0.11.0/24", "a"},
      {"private-subnet-b", "10.0.12.0/24", "b"},
    };
    for (String[] subnet : subnets) {
      String id =
          ec2.createSubnet(
                  r ->
                      r.vpcId(vpcId)
                          .cidrBlock(subnet[1])
                          .availabilityZone(region + subnet[2])
                          .tagSpecifications(name(ResourceType.SUBNET, subnet[0])))
              .subnet()
              .subnetId();
      ids.put(subnet[0], id);
    }
    for (String group : new String[] {ALB_SECURITY_GROUP, CONTAINER_SECURITY_GROUP}) {
      String id =
          ec2.createSecurityGroup(
                  r ->
                      r.groupName(group)
                          .description(group)
                          .vpcId(vpcId)
                          .tagSpecifications(name(ResourceType.SECURITY_GROUP, group)))
              .groupId();
      ids.put(group, id);
    }
    return ids;
  }

  private static TagSpecification name(ResourceType type, String name) {
    return TagSpecification.builder()
        .resourceType(type)
        .tags(Tag.builder().key("Name").value(name).build())
        .build();
  }
}
