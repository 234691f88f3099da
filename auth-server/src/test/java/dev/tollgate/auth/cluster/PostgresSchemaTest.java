package dev.tollgate.auth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.testsupport.OnPostgres;

/** Every migration ran on a real PostgreSQL, with its types and indexes. */
@OnPostgres
class PostgresSchemaTest extends SharedAuthServerContext {

    @Autowired
    JdbcClient database;

    @Test
    void theApplicationRunsOnPostgresql18WithEveryMigrationApplied() {
        assertThat(database.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 18");
        assertThat(database.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success")
                .query(Long.class).single()).isZero();
        assertThat(database.sql("SELECT max(installed_rank) FROM flyway_schema_history").query(Integer.class).single())
                .isGreaterThanOrEqualTo(10);
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
    void everyTokenDigestTheAuthorizationStoreSearchesByIsUniquelyIndexed() {
        assertThat(database.sql("SELECT indexdef FROM pg_indexes WHERE tablename = 'token_authorization'")
                .query(String.class).list())
                .anySatisfy(index -> assertThat(index).contains("UNIQUE INDEX").contains("(access_token_hash)"))
                .anySatisfy(index -> assertThat(index).contains("UNIQUE INDEX").contains("(refresh_token_hash)"))
                .anySatisfy(index -> assertThat(index).contains("UNIQUE INDEX").contains("(code_hash)"))
                .anySatisfy(index -> assertThat(index).contains("(expires_at)"));
        assertThat(database.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'spring_session'")
                .query(String.class).list()).hasSizeGreaterThanOrEqualTo(4);
    }
}
