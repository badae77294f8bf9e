package io.camelaccs.test;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link AccsSimulatorTest}: starts the simulator on first use, resolves
 * {@link AccsSimulator} parameters, closes it after the class or the test.
 */
public final class AccsSimulatorExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback,
        TestInstantiationAwareExtension {

    private static final ExtensionContext.Namespace NAMESPACE
            = ExtensionContext.Namespace.create(AccsSimulatorExtension.class);
    private static final String KEY = "simulator";

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        // a per-method simulator must reach a per-method test instance's constructor too
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == AccsSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        AccsSimulatorTest settings = settings(extensionContext);
        ExtensionContext owner = owner(extensionContext, settings.lifecycle());
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(settings), AccsSimulator.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close(context);
    }

    private static void close(ExtensionContext context) {
        AccsSimulator simulator = context.getStore(NAMESPACE).remove(KEY, AccsSimulator.class);
        if (simulator != null) {
            simulator.close();
        }
    }

    private static AccsSimulator start(AccsSimulatorTest settings) {
        return AccsSimulator.builder().products(settings.products()).orders(settings.orders())
                .tokenLifetime(Duration.ofSeconds(settings.tokenLifetimeSeconds())).seed(settings.seed())
                .lastPageQuirk(settings.lastPageQuirk()).paas(settings.paas()).build().start();
    }

    private static AccsSimulatorTest settings(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            var found = AnnotationSupport.findAnnotation(c, AccsSimulatorTest.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new ParameterResolutionException(
                "An AccsSimulator parameter needs @AccsSimulatorTest on " + testClass.getName());
    }

    /** The context the simulator lives in: the test's for per-method simulators, else the class's. */
    private static ExtensionContext owner(ExtensionContext context, AccsSimulatorTest.Lifecycle lifecycle) {
        if (lifecycle == AccsSimulatorTest.Lifecycle.PER_METHOD && context.getTestMethod().isPresent()) {
            return context;
        }
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
