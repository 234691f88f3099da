package dev.tollgate.auth.mail;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * The outbox on PostgreSQL, in a database of its own ({@code @OnPostgres} would share the one of the shared test
 * context, whose sender would take these tests' mail).
 */
@ActiveProfiles("postgres")
@ContextConfiguration(initializers = MailOutboxOnPostgresTest.OwnDatabase.class)
class MailOutboxOnPostgresTest extends MailOutboxTest {

    static final class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> datasource = EmbeddedPostgres.datasourceFor("mail_outbox_test");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mail-outbox-db", datasource));
        }
    }
}
