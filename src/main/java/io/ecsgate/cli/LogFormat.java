package io.ecsgate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Switches the log output for the daemon: human lines (with the event's key=value pairs) or one
 * JSON object a line (logstash-logback-encoder: @timestamp, level, logger_name, the formatted
 * message and each SLF4J key/value pair as a top-level field, for CloudWatch Logs Insights).
 * ecsgate's own logger goes to INFO unless ECSGATE_LOG_LEVEL says otherwise.
 */
final class LogFormat {
  private LogFormat() {}

  static void configure(String format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
    Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      LogstashEncoder json = new LogstashEncoder();
      json.setIncludeKeyValuePairs(true);
      json.setIncludeContext(false);
      json.setShortenedLoggerNameLength(36);
      encoder = json;
    } else {
      PatternLayoutEncoder pattern = new PatternLayoutEncoder();
      pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %msg%n");
      encoder = pattern;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    if (System.getenv("ECSGATE_LOG_LEVEL") == null)
      context.getLogger("io.ecsgate").setLevel(Level.INFO);
  }
}
