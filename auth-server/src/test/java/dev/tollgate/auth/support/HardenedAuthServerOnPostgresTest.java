package dev.tollgate.auth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * {@link HardenedAuthServerTest} on PostgreSQL: the same small limits on a real embedded PostgreSQL. A test class
 * that extends a {@code @HardenedAuthServerTest} class and carries this annotation runs all of its tests there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test", "hardened"})
@ContextConfiguration(initializers = EmbeddedPostgres.Initializer.class)
@Import(TestClock.Config.class)
public @interface HardenedAuthServerOnPostgresTest {
}
