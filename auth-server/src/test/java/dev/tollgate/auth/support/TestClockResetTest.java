package dev.tollgate.auth.support;

import dev.tollgate.testsupport.TestClockResetTests;

/** The test clock is reset between the tests of the auth server's shared context ({@link TestClockResetTests}). */
@AuthServerTest
class TestClockResetTest implements TestClockResetTests {
}
