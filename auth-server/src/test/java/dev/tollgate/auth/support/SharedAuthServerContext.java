package dev.tollgate.auth.support;

/**
 * A test class of the shared context ({@link AuthServerTest}) that reads only its beans, for a subclass that runs on
 * PostgreSQL with test-support's {@code @OnPostgres}: Spring reads one {@code @ActiveProfiles} per class, so
 * {@code @AuthServerTest} and {@code @OnPostgres} on one class would lose the {@code postgres} profile and start a
 * context of their own.
 */
@AuthServerTest
public abstract class SharedAuthServerContext {
}
