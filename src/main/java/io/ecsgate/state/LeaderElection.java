package io.ecsgate.state;

import io.ecsgate.controller.Leadership;
import io.ecsgate.controller.Sleeper;
import io.ecsgate.core.Fence;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Leader election on the stack's {@link Lease}: every {@code period} (a third of the lease at most)
 * the leader renews it and every other replica tries to take it, which succeeds only once it has
 * expired. A leader that dies is replaced within the lease plus one period. The leader's writes are
 * fenced ({@link #check}) to the term it started its cycle in: once that lease is lost (renewal
 * refused, or the process was paused past its expiry), nothing more is written.
 */
public final class LeaderElection implements Leadership, Fence {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** Hears when this process becomes the leader or stops being it. */
  public interface Listener {
    void leading(boolean leader);

    Listener NONE = leader -> {};
  }

  private final Lease lease;
  static final Duration MIN_PERIOD = Duration.ofSeconds(1);
  private final Duration period;
  private final Listener listener;
  private volatile boolean leading;
  private volatile long cycleToken = -1;
  private volatile Lease.Holder otherHolder;

  public LeaderElection(Lease lease, Duration period, Listener listener) {
    this.lease = lease;
    this.period = period(lease.duration(), period);
    this.listener = listener;
  }

  /**
   * How often the leader renews and a follower tries: the reconcile interval, at least {@link
   * #MIN_PERIOD} (each round is a DynamoDB write: a 100 ms interval must not make ten a second), at
   * most a third of the lease (two renewals may fail before it expires).
   */
  static Duration period(Duration lease, Duration interval) {
    Duration third = lease.dividedBy(3);
    Duration floored = interval.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : interval;
    return floored.compareTo(third) < 0 ? floored : third;
  }

  public Duration period() {
    return period;
  }

  /**
   * One round: the leader renews, a follower tries to take the lease over. An error reaching
   * DynamoDB changes nothing: a leader stays one only while its lease surely holds.
   */
  public synchronized boolean round() {
    boolean now;
    try {
      if (leading && lease.held()) {
        now = lease.renew();
        if (!now) log.warn("the lease was taken over by another replica: no longer the leader");
      } else {
        Optional<Lease.Holder> holder = lease.tryAcquire();
        otherHolder = holder.orElse(null);
        now = holder.isEmpty();
      }
    } catch (SdkException e) {
      log.atWarn()
          .addKeyValue("error", e.getMessage())
          .log("the state table cannot be reached: {}", e.getMessage());
      now = leading && lease.held();
    }
    if (now != leading) {
      leading = now;
      if (now)
        log.atInfo()
            .addKeyValue("owner", lease.owner())
            .addKeyValue("token", lease.token())
            .log("this replica is the leader now (lease token {})", lease.token());
      else log.info("this replica is a follower now: it observes and writes nothing");
      listener.leading(now);
    }
    return now;
  }

  @Override
  public boolean leader() {
    boolean now = leading && lease.held();
    cycleToken = now ? lease.token() : -1;
    return now;
  }

  @Override
  public Optional<String> holder() {
    Lease.Holder holder = otherHolder;
    return leading || holder == null ? Optional.empty() : Optional.of(holder.describe());
  }

  @Override
  public void check() {
    lease.check();
    if (lease.token() != cycleToken)
      throw new LeaseLost("the lease this cycle started under was lost (taken again since)");
  }

  /** Runs {@link #round} every period on a daemon thread until {@code stop}. */
  public Thread start(Sleeper sleeper, java.util.function.BooleanSupplier stop) {
    Thread thread =
        new Thread(
            () -> {
              while (!stop.getAsBoolean()) {
                round();
                try {
                  sleeper.sleep(period);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "ecsgate-leader-election");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Gives the lease up, if held, so that another replica takes over at once. */
  public synchronized void release() {
    leading = false;
    lease.release();
  }
}
