package io.ecsgate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void anEnvironmentValueIsHiddenButItsKeyIsShown() {
    Change change = Change.of("containers[web].environment.DB_PASSWORD", "hunter2", "s3cret");
    assertEquals(
        "containers[web].environment.DB_PASSWORD: (hidden) -> (hidden)", change.toString());
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
        "spec.apiToken: (hidden) -> (hidden)", Change.of("spec.apiToken", "a", "b").toString());
  }

  @Test
  void ordinaryFieldsShowBothValues() {
    assertEquals(
        "healthCheck.path: / -> /health-check",
        Change.of("healthCheck.path", "/", "/health-check").toString());
  }
}
