package io.camelaccs.component;

import java.io.StringWriter;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures every log line of the JVM at TRACE while open, so a test can look for secrets in them. Lines of the
 * loopback server that stands in for Adobe (WireMock and its Jetty) are left out: they are the server's logs of what
 * it received, not the component's.
 */
final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;
    private final Level previousRoot;

    LogCapture() {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("secret-capture").setTarget(out)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m %ex%n").build())
                .setFilter(new AbstractFilter() {
                    @Override
                    public Result filter(org.apache.logging.log4j.core.LogEvent event) {
                        String name = event.getLoggerName();
                        return name.startsWith("wiremock.") || name.startsWith("com.github.tomakehurst")
                                ? Result.DENY : Result.NEUTRAL;
                    }
                })
                .build();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        previousRoot = root.getLevel();
        root.addAppender(appender, Level.TRACE, null);
        root.setLevel(Level.TRACE);
        for (LoggerConfig lc : config.getLoggers().values()) {
            if (lc != root) {
                lc.setLevel(Level.TRACE);
                lc.addAppender(appender, Level.TRACE, null);
            }
        }
        context.updateLoggers();
    }

    String text() {
        return out.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig lc : config.getLoggers().values()) {
            lc.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        config.getRootLogger().setLevel(previousRoot);
        context.reconfigure();
        appender.stop();
    }
}
