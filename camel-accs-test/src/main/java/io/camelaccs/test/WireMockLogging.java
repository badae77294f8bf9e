package io.camelaccs.test;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends WireMock's own messages to SLF4J (the standalone jar relocates its SLF4J copy, whose output would otherwise go
 * nowhere); at DEBUG, as they are about the simulator's plumbing, not the system under test.
 */
final class WireMockLogging implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("io.camelaccs.test.WireMock");

    @Override
    public void info(String message) {
        LOG.debug(message);
    }

    @Override
    public void error(String message) {
        LOG.warn(message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.warn(message, t);
    }
}
