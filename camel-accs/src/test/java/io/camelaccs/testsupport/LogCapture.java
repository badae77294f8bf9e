package io.camelaccs.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures every log line of every logger of the JVM at the most verbose level while open, HttpClient's header and
 * wire loggers included, so a test can look for secrets in them. Each line keeps its logger's name, its message and
 * the full text of its exception (messages and stack traces of every cause). Lines of the loopback server that stands
 * in for Adobe (WireMock and its Jetty) are left out: they are the server's logs of what it received, not the
 * component's.
 */
public final class LogCapture implements AutoCloseable {

    /** HttpClient logs every request and response header here, at DEBUG. */
    public static final String HTTP_HEADERS = "org.apache.hc.client5.http.headers";
    /** HttpClient logs every byte sent and received here, at DEBUG. */
    public static final String HTTP_WIRE = "org.apache.hc.client5.http.wire";

    /** One captured line. */
    public record Line(String logger, String level, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + text;
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final AbstractAppender appender;
    private final Level previousRoot;
    private final List<String> added = new ArrayList<>();

    public LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config).withPattern("%m%n%ex").build();
        appender = new AbstractAppender("capture-" + System.identityHashCode(this), null, layout, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String name = event.getLoggerName();
                if (!name.startsWith("wiremock.") && !name.startsWith("com.github.tomakehurst")
                        && !name.startsWith("org.eclipse.jetty")) {
                    lines.add(new Line(name, event.getLevel().name(),
                            layout.toSerializable(event).stripTrailing()));
                }
            }
        };
        appender.start();
        config.addAppender(appender);
        // named, so they are raised even if a configuration someday quiets them
        for (String name : List.of(HTTP_HEADERS, HTTP_WIRE)) {
            if (!config.getLoggers().containsKey(name)) {
                config.addLogger(name, new LoggerConfig(name, Level.ALL, true));
                added.add(name);
            }
        }
        LoggerConfig root = config.getRootLogger();
        previousRoot = root.getLevel();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        for (LoggerConfig lc : config.getLoggers().values()) {
            if (lc != root) {
                lc.setLevel(Level.ALL);
                if (!lc.isAdditive()) {
                    // additive loggers reach the root's appender already
                    lc.addAppender(appender, Level.ALL, null);
                }
            }
        }
        context.updateLoggers();
    }

    /** Every captured line, one per event, its exception text included. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines of one logger (and of its children). */
    public List<Line> linesOf(String logger) {
        return lines.stream().filter(l -> l.logger().equals(logger) || l.logger().startsWith(logger + ".")).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.removeAppender(appender.getName());
        }
        for (String name : added) {
            config.removeLogger(name);
        }
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(previousRoot);
        // back to the levels of log4j2-test.xml for the tests that follow
        context.reconfigure();
        appender.stop();
    }
}
