package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void anEnvironmentValueIsHiddenButItsKeyIsShown() {
    Change change = Change.of("containers[web].environment.DB_PASSWORD", "hunter2", "s3cret");
    assertEquals(
        "containers[web].environment.DB_PASSWORD: (hidden) -> (hidden, changed)",
        change.toString());
  }

  @Test
  void aNewEnvironmentVariableShowsThatItWasAbsent() {
    assertEquals(
        "containers[web].environment.MODE: (none) -> (hidden)",
        Change.of("containers[web].environment.MODE", "(none)", "blue").toString());
  }

  @Test
  void aFieldNamedLikeATokenIsHidden() {
    assertEquals(
        "spec.apiToken: (hidden) -> (hidden, changed)",
        Change.of("spec.apiToken", "a", "b").toString());
  }

  @Test
  void stageVariablesHealthCheckCommandsHeadersAndSecretReferencesAreHidden() {
    for (String field :
        java.util.List.of(
            "variables.apiSecret",
            "variables.env",
            "containers[web].healthCheck",
            "containers[web].secrets.DB",
            "requestParameters.integration.request.header.Authorization")) {
      Change change = Change.of(field, "Bearer abc", "Bearer def");
      assertEquals(field + ": (hidden) -> (hidden, changed)", change.toString());
    }
  }

  @Test
  void fieldsThatOnlyLookAlikeStayVisible() {
    assertEquals(
        "enableExecuteCommand: false -> true",
        Change.of("enableExecuteCommand", false, true).toString());
    assertEquals("hostHeaders: [a] -> [b]", Change.of("hostHeaders", "[a]", "[b]").toString());
    assertEquals(
        "healthCheck.path: / -> /health-check",
        Change.of("healthCheck.path", "/", "/health-check").toString());
  }

  @Test
  void ordinaryFieldsShowBothValues() {
    assertEquals(
        "healthCheck.path: / -> /health-check",
        Change.of("healthCheck.path", "/", "/health-check").toString());
  }
}
