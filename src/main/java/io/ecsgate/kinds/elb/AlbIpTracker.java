package io.ecsgate.kinds.elb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which ALB IPs an NLB target group should hold. A new ALB IP is registered at once; an IP
 * the ALB no longer has is deregistered only after it has been missing from {@link #ABSENCES}
 * consecutive observations (one missed lookup must not cut traffic); a registered IP that was never
 * an ALB IP is deregistered at once. What the tracker knows lives in the state table, as the target
 * group's {@link io.ecsgate.core.Inventory.Memo} {@value #MEMO} ({@link #text}), so that a restart
 * forgets nothing: {@code "10.0.1.5 10.0.2.9=2"} means 10.0.2.9 has been missing twice. It is
 * validated on every read ({@link #parse}). The tags an older ecsgate kept it in ({@value
 * #STATE_TAG}) seed the table once ({@link #readTags}) and are then removed.
 */
public final class AlbIpTracker {
  public static final int ABSENCES = 3;
  public static final String STATE_TAG = "ecsgate:alb-ips";
  public static final String MEMO = "alb-ips";

  private AlbIpTracker() {}

  public record Decision(
      Set<String> register, Set<String> deregister, Map<String, Integer> known) {}

  /**
   * @param albIps the ALB's IPs as observed now
   * @param registered the IPs registered in the target group now
   * @param known the IPs known to have been the ALB's, with how many observations each has been
   *     missing
   * @param newObservation whether this is a new observation (the first pass of an apply or daemon
   *     cycle); a later pass of the same apply only registers new IPs and counts no absence
   */
  public static Decision decide(
      Set<String> albIps,
      Set<String> registered,
      Map<String, Integer> known,
      boolean newObservation) {
    Set<String> register = new TreeSet<>();
    Set<String> deregister = new TreeSet<>();
    Map<String, Integer> nowKnown = new TreeMap<>();
    for (String ip : albIps) {
      nowKnown.put(ip, 0);
      if (!registered.contains(ip)) register.add(ip);
    }
    known.forEach(
        (ip, absences) -> {
          if (albIps.contains(ip)) return;
          int missing = newObservation ? absences + 1 : absences;
          if (missing >= ABSENCES) {
            if (registered.contains(ip)) deregister.add(ip);
          } else {
            nowKnown.put(ip, missing);
          }
        });
    for (String ip : registered) {
      if (!albIps.contains(ip) && !known.containsKey(ip))
        deregister.add(ip); // never an ALB IP: rogue
    }
    return new Decision(register, deregister, nowKnown);
  }

  /**
   * What the tracker knows, as read back and validated ({@link #parse}): the IPs with their
   * absences, and the entries dropped as invalid (to be reported).
   */
  public record State(Map<String, Integer> known, List<String> dropped) {
    public State {
      known = Map.copyOf(known);
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * The state as the state table holds it ({@link #text}), validated: an entry that is not an IP
   * address, or whose count is not a whole number from 0 to {@link #ABSENCES} − 1 (what ecsgate
   * itself writes), is dropped as if it had never been written. A registered IP known only through
   * such an entry is then not an ALB IP ecsgate saw, and is deregistered at once: a hand-written
   * {@code 10.0.1.77=-2147483000} cannot keep a rogue target.
   */
  public static State parse(String text) {
    Map<String, Integer> known = new TreeMap<>();
    List<String> dropped = new ArrayList<>();
    for (String entry : text.trim().split("\\s+")) {
      if (entry.isEmpty()) continue;
      int eq = entry.indexOf('=');
      String ip = eq < 0 ? entry : entry.substring(0, eq);
      String count = eq < 0 ? "0" : entry.substring(eq + 1);
      if (!isIp(ip) || !count.matches("[0-9]") || Integer.parseInt(count) >= ABSENCES) {
        dropped.add(entry);
        continue;
      }
      if (known.putIfAbsent(ip, Integer.parseInt(count)) != null) dropped.add(entry);
    }
    return new State(known, dropped);
  }

  /**
   * The state an older ecsgate kept in the target group's tags ({@code ecsgate:alb-ips}, continued
   * in {@code ecsgate:alb-ips.1}, ...), validated as {@link #parse} does: read only to seed the
   * state table once, when it holds nothing for the group.
   */
  public static State readTags(Map<String, String> tags) {
    StringBuilder text = new StringBuilder(tags.getOrDefault(STATE_TAG, ""));
    for (int part = 1; tags.containsKey(STATE_TAG + "." + part); part++)
      text.append(' ').append(tags.get(STATE_TAG + "." + part));
    return parse(text.toString());
  }

  /** The state as the state table keeps it: {@code "10.0.1.5 10.0.2.9=2"}, sorted by IP. */
  public static String text(Map<String, Integer> known) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Integer> entry : new TreeMap<>(known).entrySet()) {
      if (text.length() > 0) text.append(' ');
      text.append(entry.getKey());
      if (entry.getValue() != 0) text.append('=').append(entry.getValue());
    }
    return text.toString();
  }

  private static final java.util.regex.Pattern IPV4 =
      java.util.regex.Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final java.util.regex.Pattern IPV6 =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}");

  static boolean isIp(String text) {
    return IPV4.matcher(text).matches() || IPV6.matcher(text).matches();
  }

  /** The keys of the state tags an older ecsgate wrote, removed when the table takes over. */
  public static List<String> stateTagKeys(Map<String, String> tags) {
    return tags.keySet().stream()
        .filter(k -> k.equals(STATE_TAG) || k.startsWith(STATE_TAG + "."))
        .sorted()
        .toList();
  }
}
