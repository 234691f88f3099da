package dev.tollgate.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.api.support.ApiTest;
import dev.tollgate.testsupport.OnPostgres;

/** Every migration ran on a real PostgreSQL, with its types and indexes. */
@OnPostgres
class PostgresSchemaTest extends ApiTest {

    @Autowired
    private JdbcClient database;

    @Test
    void theApiRunsOnPostgresql18WithEveryMigrationApplied() {
        assertThat(database.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 18");
        assertThat(database.sql("select count(*) from flyway_schema_history where not success").query(Long.class)
                .single()).isZero();
        assertThat(database.sql("""
                        select table_name || '.' || column_name from information_schema.columns
                        where table_schema = 'public' and data_type = 'timestamp without time zone'
                        and table_name <> 'flyway_schema_history'
                        """).query(String.class).list()).isEmpty();
        assertThat(database.sql("select indexname from pg_indexes where tablename in ('book', 'directory_user')")
                .query(String.class).list()).contains("ix_book_title", "ix_book_author", "ix_directory_user_username");
    }
}
