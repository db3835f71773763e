package io.ecsgate.kinds.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecsgate.core.Ownership;
import io.ecsgate.core.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.apigateway.model.Stage;
import software.amazon.awssdk.services.apigateway.model.VpcLink;

/**
 * What the API Gateway snapshot gives the engine: every tagged resource by its ID (what ownership
 * and the inventory decide on), the parts of owned APIs that count for the mass-deletion guard, and
 * lookups by ID or name that pick the right one of several.
 */
class ApiGatewaySnapshotTest {
  private static final Ownership OWNERSHIP = new Ownership("ecsgate");
  private static final Map<String, String> OURS = OWNERSHIP.tags("RestApi", "api", Map.of());
  private static final Method METHOD = Method.builder().httpMethod("GET").build();

  private static final VpcLink V1_A = VpcLink.builder().id("l-a").tags(Map.of("k", "a")).build();
  private static final VpcLink V1_B = VpcLink.builder().id("l-b").tags(Map.of("k", "b")).build();
  private static final software.amazon.awssdk.services.apigatewayv2.model.VpcLink V2_A =
      software.amazon.awssdk.services.apigatewayv2.model.VpcLink.builder()
          .vpcLinkId("v2-a")
          .tags(Map.of("k", "v2a"))
          .build();
  private static final software.amazon.awssdk.services.apigatewayv2.model.VpcLink V2_B =
      software.amazon.awssdk.services.apigatewayv2.model.VpcLink.builder()
          .vpcLinkId("v2-b")
          .build();

  private static final ApiGatewaySnapshot SNAPSHOT =
      new ApiGatewaySnapshot(
          List.of(V1_A, V1_B),
          List.of(V2_A, V2_B),
          List.of(
              RestApi.builder().id("ours").tags(OURS).build(),
              RestApi.builder().id("foreign").tags(Map.of()).build()),
          Map.of(
              "ours",
              List.of(
                  Resource.builder().path("/").resourceMethods(Map.of("GET", METHOD)).build(),
                  Resource.builder().path("/a").build(),
                  Resource.builder()
                      .path("/a/b")
                      .resourceMethods(Map.of("GET", METHOD, "POST", METHOD))
                      .build()),
              "foreign",
              List.of(
                  Resource.builder().path("/x").resourceMethods(Map.of("GET", METHOD)).build())),
          Map.of(
              "ours",
              List.of(
                  Stage.builder().stageName("test").deploymentId("d1").build(),
                  Stage.builder().stageName("prod").deploymentId("d2").build())),
          Map.of("d1", "ecsgate sha256:abc"));

  @Test
  void everyLinkAndApiIsTaggedByItsId() {
    assertEquals(
        List.of(
            new Snapshot.Tagged("l-a", Map.of("k", "a")),
            new Snapshot.Tagged("l-b", Map.of("k", "b")),
            new Snapshot.Tagged("v2-a", Map.of("k", "v2a")),
            new Snapshot.Tagged("v2-b", Map.of()),
            new Snapshot.Tagged("ours", OURS),
            new Snapshot.Tagged("foreign", Map.of())),
        SNAPSHOT.tagged());
  }

  @Test
  void theResourcesButTheRootAndEveryMethodOfOwnedApisOnlyArePartsOfWhatIsOwned() {
    // /a and /a/b, the root's GET and /a/b's GET and POST; nothing of the foreign API
    assertEquals(5, SNAPSHOT.ownedParts(OWNERSHIP));
    assertEquals(0, SNAPSHOT.ownedParts(new Ownership("other")));
  }

  @Test
  void lookupsPickTheOneOfSeveralByIdOrName() {
    assertEquals(Optional.of(V1_B), SNAPSHOT.vpcLink("l-b"));
    assertEquals(Optional.empty(), SNAPSHOT.vpcLink("v2-a"));
    assertEquals(Optional.of(V2_B), SNAPSHOT.vpcLinkV2("v2-b"));
    assertEquals(Optional.empty(), SNAPSHOT.vpcLinkV2("l-a"));
    assertEquals("d2", SNAPSHOT.stage("ours", "prod").orElseThrow().deploymentId());
    assertEquals(Optional.empty(), SNAPSHOT.stage("ours", "dev"));
    assertEquals(Optional.empty(), SNAPSHOT.stage("foreign", "test"));
    assertEquals(Optional.of("ecsgate sha256:abc"), SNAPSHOT.deploymentDescription("d1"));
    assertEquals(Optional.empty(), SNAPSHOT.deploymentDescription(null));
  }
}
