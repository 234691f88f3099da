package dev.tollgate.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.testsupport.EmbeddedPostgres;

/** On a {@link DemoClientTest} subclass: the same tests with the {@code postgres} profile on embedded PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = EmbeddedPostgres.Initializer.class)
@interface OnPostgres {
}
