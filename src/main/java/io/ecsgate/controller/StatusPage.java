package io.ecsgate.controller;

import java.util.List;
import java.util.Locale;

/**
 * The status page ({@code GET /} on the metrics port): one self-contained HTML document, no
 * external asset and no script, that the browser reloads every {@link #REFRESH_SECONDS} seconds. It
 * shows the revision in force (and the last load error), the last cycles, and each resource with
 * its state, last change and last error. Every value is HTML-escaped.
 */
public final class StatusPage {
  public static final int REFRESH_SECONDS = 5;

  private StatusPage() {}

  public static String html(DaemonStatus status, List<DaemonStatus.Cycle> cycles) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(REFRESH_SECONDS)
        .append("\"><title>ecsgate status</title><style>")
        .append("body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}")
        .append(
            "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}")
        .append("th{background:#f3f3f3}code{font-size:13px}")
        .append(".Synced{color:#176b2c}.Drifted{color:#9a6700}.Error{color:#b42318}")
        .append(".Suspended{color:#555}.Waiting{color:#1f5fa8}.state{font-weight:600}")
        .append(".problem{color:#b42318}")
        .append("</style></head><body>\n<h1>ecsgate</h1>\n");

    html.append("<p>Revision in force: <code id=\"revision\">")
        .append(escape(status.revision() == null ? "none" : status.revision()))
        .append("</code>");
    if (status.desiredStateLoadedAt() != null)
      html.append(", loaded ").append(escape(status.desiredStateLoadedAt()));
    if (status.dryRun()) html.append(" <strong>(dry run: nothing is changed)</strong>");
    html.append("</p>\n");
    if (!status.dryRun() && !status.leader())
      html.append("<p id=\"leader\">This replica is a follower: the leader is ")
          .append(escape(status.leaseHolder() == null ? "unknown" : status.leaseHolder()))
          .append(". It observes and plans, and writes nothing.</p>\n");
    if (status.lastLoadError() != null) {
      html.append("<p class=\"problem\">The newest desired state does not load (")
          .append(escape(status.lastLoadError().at()))
          .append("); the revision above stays in force:</p><ul id=\"load-error\">");
      for (String problem : status.lastLoadError().problems())
        html.append("<li><code>").append(escape(problem)).append("</code></li>");
      html.append("</ul>\n");
    }

    html.append("<h2>Last cycles</h2>\n");
    if (cycles.isEmpty()) html.append("<p>No cycle has run yet.</p>\n");
    else {
      html.append(
          "<table id=\"cycles\"><tr><th>started</th><th>result</th><th>seconds</th>"
              + "<th>drifted</th><th>changed</th><th>failed</th><th>waiting</th><th>error</th></tr>");
      for (DaemonStatus.Cycle cycle : cycles)
        html.append("<tr><td>")
            .append(escape(cycle.startedAt()))
            .append("</td><td>")
            .append(escape(cycle.result()))
            .append("</td><td>")
            .append(String.format(Locale.ROOT, "%.2f", cycle.durationSeconds()))
            .append("</td><td>")
            .append(cycle.drifted())
            .append("</td><td>")
            .append(cycle.changed())
            .append("</td><td>")
            .append(cycle.failed())
            .append("</td><td>")
            .append(cycle.waiting())
            .append("</td><td>")
            .append(escape(cycle.error() == null ? "" : cycle.error()))
            .append("</td></tr>");
      html.append("</table>\n");
    }

    html.append("<h2>Resources</h2>\n");
    if (status.resources().isEmpty()) html.append("<p>None observed yet.</p>\n");
    else {
      html.append(
          "<table id=\"resources\"><tr><th>kind</th><th>name</th><th>state</th>"
              + "<th>last change</th><th>last error</th></tr>");
      for (ResourceStatus resource : status.resources()) {
        String state = resource.state().name();
        html.append("<tr><td>")
            .append(escape(resource.kind()))
            .append("</td><td>")
            .append(escape(resource.name()))
            .append("</td><td class=\"state ")
            .append(state)
            .append("\">")
            .append(state)
            .append("</td><td>");
        if (resource.lastChange() != null) {
          html.append(escape(resource.lastChange()));
          for (String field : resource.lastChangeFields())
            html.append("<br><code>").append(escape(field)).append("</code>");
        }
        html.append("</td><td>")
            .append(escape(resource.lastError() == null ? "" : resource.lastError()))
            .append("</td></tr>");
      }
      html.append("</table>\n");
    }
    if (!status.untracked().isEmpty()) {
      html.append(
          "<h2>Tagged as ecsgate's, not in the inventory (left alone)</h2>\n"
              + "<table id=\"untracked\"><tr><th>kind</th><th>name</th><th>ARN or ID</th></tr>");
      for (io.ecsgate.core.Inventory.Untracked u : status.untracked())
        html.append("<tr><td>")
            .append(escape(u.kind()))
            .append("</td><td>")
            .append(escape(u.name()))
            .append("</td><td>")
            .append(escape(u.id()))
            .append("</td></tr>");
      html.append("</table>\n");
    }
    html.append("<p>Refreshed every ")
        .append(REFRESH_SECONDS)
        .append(
            " s. JSON: <a href=\"/status\">/status</a>, metrics: <a href=\"/metrics\">/metrics</a>.</p>\n")
        .append("</body></html>\n");
    return html.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
