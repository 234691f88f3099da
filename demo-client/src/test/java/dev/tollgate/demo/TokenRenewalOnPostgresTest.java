package dev.tollgate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.testsupport.OnPostgres;

/** Stored tokens on PostgreSQL, whose every migration ran there. */
@OnPostgres
class TokenRenewalOnPostgresTest extends TokenRenewalTest {

    @Autowired
    private JdbcClient database;

    @Test
    void theDemoAppRunsOnPostgresql18WithInstantsStoredWithTheirTimeZone() {
        assertThat(database.sql("select version()").query(String.class).single()).startsWith("PostgreSQL 18");
        assertThat(database.sql("select count(*) from flyway_schema_history where not success").query(Long.class)
                .single()).isZero();
        assertThat(database.sql("""
                        select column_name from information_schema.columns
                        where table_schema = 'public' and data_type = 'timestamp without time zone'
                        and table_name <> 'flyway_schema_history'
                        """).query(String.class).list()).isEmpty();
    }
}
