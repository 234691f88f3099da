package dev.tollgate.api.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * On an {@link ApiTest} subclass: the same tests with the {@code postgres} profile on a real embedded
 * PostgreSQL. Such classes share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = EmbeddedPostgres.Initializer.class)
public @interface OnPostgres {
}
