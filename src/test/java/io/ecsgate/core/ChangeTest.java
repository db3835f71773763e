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

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> values() {
    return java.util.stream.Stream.of(
        // a planner's value -> its typed value
        org.junit.jupiter.params.provider.Arguments.of(null, null),
        org.junit.jupiter.params.provider.Arguments.of(Change.NONE, null),
        org.junit.jupiter.params.provider.Arguments.of(3, 3),
        org.junit.jupiter.params.provider.Arguments.of(true, true),
        org.junit.jupiter.params.provider.Arguments.of("text", "text"),
        org.junit.jupiter.params.provider.Arguments.of(java.util.Optional.of(2), 2),
        org.junit.jupiter.params.provider.Arguments.of(java.util.Optional.empty(), null),
        org.junit.jupiter.params.provider.Arguments.of(
            java.util.List.of(1, java.util.Optional.of("a"), Change.NONE),
            java.util.Arrays.asList(1, "a", null)),
        org.junit.jupiter.params.provider.Arguments.of(
            java.util.Map.of(1, java.util.Optional.of(true)), java.util.Map.of("1", true)),
        org.junit.jupiter.params.provider.Arguments.of(Verb.CREATE, "CREATE"));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
  @org.junit.jupiter.params.provider.MethodSource("values")
  void aValueIsTypedAsJsonLikeData(Object value, Object typed) {
    assertEquals(typed, Change.typed(value));
    assertEquals(typed, Change.of("field", Change.NONE, value).desiredValue());
  }

  @Test
  void onlySensitiveFieldsAreHidden() {
    assertEquals(true, Change.of("containers[0].environment.DB", "a", "b").hidden());
    assertEquals(false, Change.of("desiredCount", 1, 2).hidden());
  }
}
