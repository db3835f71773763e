package io.ecsgate.core;

/**
 * Names a resource whose ARN or ID may only be known at apply time, such as a target group that the
 * same plan creates: {@code TargetGroup/ecs-fargate-demo1-tg}, {@code Listener/ecs-fargate-alb:80}.
 */
public record Key(String kind, String name) {
  public static Key of(String kind, String name) {
    return new Key(kind, name);
  }

  @Override
  public String toString() {
    return kind + "/" + name;
  }
}
