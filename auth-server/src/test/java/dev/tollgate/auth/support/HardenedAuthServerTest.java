package dev.tollgate.auth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.tollgate.testsupport.TestClock;

/**
 * The auth server with small brute-force and rate limits (application-hardened.yml) behind a trusted reverse
 * proxy; every test class using it shares one Spring context, and each attack comes from its own
 * {@link ClientAddresses#next() address}. Lockouts last minutes: tests move the {@link TestClock} instead of waiting.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test", "hardened"})
@Import({TestClock.Config.class, TestMail.Config.class})
public @interface HardenedAuthServerTest {
}
