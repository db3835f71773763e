package io.ecsgate.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ecsgate.testing.Emulator;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "A first real account": {@code AWS_PROFILE} naming an IAM Identity Center (SSO) profile
 * that {@code aws sso login} has logged in. The real jar runs in a process whose only credentials
 * are that profile (a home directory of its own, no AWS keys in the environment, instance metadata
 * off): the SDK reads the cached SSO token and trades it for role credentials at the SSO portal
 * (WireMock on loopback, through the SDK's own {@code AWS_ENDPOINT_URL_SSO}), then plans against
 * the emulator.
 */
@ExtendWith(Emulator.class)
class SsoProfileIT {
  static final String SESSION = "corp";
  static final String TOKEN = "sso-access-token-from-aws-sso-login";

  @Test
  void planRunsWithTheRoleCredentialsOfTheSsoProfile(Emulator aws, @TempDir Path home)
      throws Exception {
    Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
    Files.writeString(
        home.resolve(".aws/config"),
        String.join(
            "\n",
            "[profile edge-admin]",
            "sso_session = " + SESSION,
            "sso_account_id = 123456789012",
            "sso_role_name = EcsgateAdmin",
            "region = " + Emulator.REGION,
            "",
            "[sso-session " + SESSION + "]",
            "sso_start_url = https://corp.awsapps.com/start",
            "sso_region = " + Emulator.REGION,
            "sso_registration_scopes = sso:account:access",
            ""));
    // what `aws sso login` leaves: the token cached under the SHA-1 of the session's name
    Files.writeString(
        cache.resolve(sha1(SESSION) + ".json"),
        """
        {"startUrl": "https://corp.awsapps.com/start", "region": "%s", "accessToken": "%s",
         "expiresAt": "%s", "clientId": "client", "clientSecret": "secret",
         "registrationExpiresAt": "%s", "refreshToken": "refresh"}
        """
            .formatted(
                Emulator.REGION,
                TOKEN,
                Instant.now().plusSeconds(3600),
                Instant.now().plusSeconds(86400)));

    WireMockServer portal = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    portal.start();
    try {
      portal.stubFor(
          get(urlPathEqualTo("/federation/credentials"))
              .willReturn(
                  okJson(
                      """
                      {"roleCredentials": {"accessKeyId": "ASIASSOTESTKEY", "secretAccessKey": "secret",
                       "sessionToken": "session", "expiration": %d}}
                      """
                          .formatted(Instant.now().plusSeconds(3600).toEpochMilli()))));

      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  Path.of("target", "ecsgate.jar").toAbsolutePath().toString(),
                  "plan",
                  Emulator.seed().toString(),
                  "--endpoint-url=" + aws.endpoint()) // the region: the profile's
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("plan.log").toFile());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("ECSGATE_"));
      env.put("HOME", home.toString());
      env.put("AWS_PROFILE", "edge-admin");
      env.put("AWS_ENDPOINT_URL_SSO", portal.baseUrl());
      env.put("AWS_EC2_METADATA_DISABLED", "true"); // never the instance metadata address
      Process plan = builder.start();
      assertTrue(plan.waitFor(120, TimeUnit.SECONDS), "plan finished");
      String output = Files.readString(home.resolve("plan.log"));

      assertEquals(0, plan.exitValue(), output);
      assertTrue(output.contains("Plan: "), output);
      portal.verify(
          getRequestedFor(urlPathEqualTo("/federation/credentials"))
              .withQueryParam("account_id", equalTo("123456789012"))
              .withQueryParam("role_name", equalTo("EcsgateAdmin"))
              .withHeader("x-amz-sso_bearer_token", equalTo(TOKEN)));
    } finally {
      portal.stop();
    }
  }

  static String sha1(String text) throws NoSuchAlgorithmException {
    byte[] digest =
        MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%040x", new BigInteger(1, digest));
  }
}
