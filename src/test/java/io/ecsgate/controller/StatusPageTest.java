package io.ecsgate.controller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPageTest {
  @Test
  void thePageShowsRevisionCyclesAndEveryResourceEscapedWithoutScriptsOrExternalAssets() {
    DaemonStatus status =
        new DaemonStatus(
            "1a2b3c4d5e6f",
            "2026-12-01T10:00:00Z",
            new DaemonStatus.LoadError(
                "2026-12-01T10:01:00Z", List.of("rules.yaml:3:1: unknown key '<pririty>'")),
            null,
            false,
            false,
            "run@host:42/abc",
            List.of(
                new ResourceStatus(
                    "ListenerRule",
                    "demo1",
                    ResourceStatus.State.Drifted,
                    "2026-12-01T09:00:00Z",
                    List.of("pathPatterns: [/oops] -> [/demo1]"),
                    null,
                    0),
                new ResourceStatus(
                    "VpcLink", "link", ResourceStatus.State.Waiting, null, List.of(), "waits", 0)),
            List.of(
                new io.ecsgate.core.Inventory.Untracked(
                    "TargetGroup",
                    "demo1-tg",
                    "arn:aws:elasticloadbalancing:x:targetgroup/<b>/1")));
    List<DaemonStatus.Cycle> cycles =
        List.of(
            new DaemonStatus.Cycle(
                "2026-12-01T10:02:00Z", 0.21, "success", true, 1, 1, 0, 0, null));
    String html = StatusPage.html(status, cycles);
    for (String expected :
        List.of(
            "1a2b3c4d5e6f",
            "unknown key &#39;&lt;pririty&gt;&#39;",
            "<td>success</td>",
            "ListenerRule",
            "class=\"state Drifted\">Drifted",
            "class=\"state Waiting\">Waiting",
            "not in the inventory (left alone)",
            "targetgroup/&lt;b&gt;/1",
            "pathPatterns: [/oops] -&gt; [/demo1]",
            "http-equiv=\"refresh\"",
            "a follower: the leader is run@host:42/abc"))
      assertTrue(html.contains(expected), expected + " in\n" + html);
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no external asset");
  }
}
