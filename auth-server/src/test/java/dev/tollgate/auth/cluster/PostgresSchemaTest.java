package dev.tollgate.auth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerOnPostgresTest;

/** Every migration ran on a real PostgreSQL, with its types and indexes. */
@AuthServerOnPostgresTest
class PostgresSchemaTest {

    @Autowired
    JdbcClient database;

    @Test
    void theApplicationRunsOnPostgresql18WithEveryMigrationApplied() {
        assertThat(database.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 18");
        assertThat(database.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success")
                .query(Long.class).single()).isZero();
        assertThat(database.sql("SELECT max(installed_rank) FROM flyway_schema_history").query(Integer.class).single())
                .isGreaterThanOrEqualTo(7);
    }

    @Test
    void everyInstantIsStoredWithItsTimeZone() {
        assertThat(database.sql("""
                        SELECT table_name || '.' || column_name FROM information_schema.columns
                        WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
                        AND table_name <> 'flyway_schema_history'
                        """).query(String.class).list()).isEmpty();
    }

    @Test
    void everyTokenValueTheAuthorizationStoreSearchesByIsIndexed() {
        assertThat(database.sql("""
                        SELECT indexdef FROM pg_indexes WHERE tablename = 'oauth2_authorization'
                        """).query(String.class).list())
                .anySatisfy(index -> assertThat(index).contains("USING hash (access_token_value)"))
                .anySatisfy(index -> assertThat(index).contains("USING hash (refresh_token_value)"))
                .anySatisfy(index -> assertThat(index).contains("USING hash (authorization_code_value)"))
                .anySatisfy(index -> assertThat(index).contains("USING hash (state)"));
    }
}
