package dev.tollgate.auth.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * {@link AuthServerTest} on PostgreSQL: the same application, demo data and test settings on a real embedded
 * PostgreSQL. A test class that extends an {@code @AuthServerTest} class and carries this annotation runs all of
 * its tests there; such classes share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@ContextConfiguration(initializers = EmbeddedPostgres.Initializer.class)
public @interface AuthServerOnPostgresTest {
}
