package dev.tollgate.testsupport;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets every {@link TestClock} of the test's Spring context after each test method, so that a test that moved
 * time cannot make the next test in the shared context fail, or pass, by accident. Registered for every Spring
 * test of a module that has test-support on its class path ({@code META-INF/spring.factories}); a context without
 * a test clock is left alone, and one that is not loaded is not loaded for this.
 */
public class TestClockResetListener implements TestExecutionListener {

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext.getApplicationContext().getBeanProvider(TestClock.class).forEach(TestClock::reset);
        }
    }
}
