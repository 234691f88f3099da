package dev.tollgate.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * On a subclass of a module's Spring test base class: the same tests with the {@code postgres} profile on the
 * shared embedded PostgreSQL ({@link EmbeddedPostgres.Initializer}) instead of the base class's H2. The classes of
 * one base that carry it share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = EmbeddedPostgres.Initializer.class)
public @interface OnPostgres {
}
