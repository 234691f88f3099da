package dev.tollgate.api.support;

import dev.tollgate.testsupport.TestClockResetTests;

/** The test clock is reset between the tests of the API's shared context ({@link TestClockResetTests}). */
class TestClockResetTest extends ApiTest implements TestClockResetTests {
}
