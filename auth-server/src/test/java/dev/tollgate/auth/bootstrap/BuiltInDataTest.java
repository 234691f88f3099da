package dev.tollgate.auth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.password.NewPasswords;
import dev.tollgate.auth.production.UnsafeStartException;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.token.TokenPolicy;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.testsupport.EmbeddedPostgres;
import dev.tollgate.testsupport.TestDatabases;

/**
 * What Tollgate creates for itself at start-up, on a fresh database of each test's own (H2, and the embedded
 * PostgreSQL where instances race), as several instances starting together would run it: one thread each, one
 * connection and transaction each.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class BuiltInDataTest {

    private static final String STRONG_PASSWORD = "a long bootstrap passphrase";

    private static final int INSTANCES = 6;

    @Autowired
    NewPasswords newPasswords;

    @Autowired
    TokenPolicy tokenPolicy;

    @Autowired
    AuditLog audit;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void instancesStartingTogetherCreateExactlyOneAdministrator(String database, CapturedOutput output) {
        Database db = fresh(database);
        List<Callable<BootstrapAdmin.Outcome>> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            // even instances configured with different usernames end with one administrator
            String username = "root-" + i;
            instances.add(() -> db.bootstrap(username, STRONG_PASSWORD).run());
        }

        List<BootstrapAdmin.Outcome> outcomes = Concurrently.run(instances);

        assertThat(Collections.frequency(outcomes, BootstrapAdmin.Outcome.CREATED)).isEqualTo(1);
        assertThat(Collections.frequency(outcomes, BootstrapAdmin.Outcome.IGNORED)).isEqualTo(INSTANCES - 1);
        assertThat(db.jdbc.sql("SELECT count(*) FROM user_roles WHERE role = 'ADMIN'").query(Long.class).single())
                .isEqualTo(1);
        String created = db.jdbc.sql("SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id "
                + "WHERE r.role = 'ADMIN'").query(String.class).single();
        assertThat(db.users.findByUsername(created).orElseThrow().roles()).containsExactly("ADMIN", "USER");
        assertThat(output.getOut()).contains("event=ADMIN_CHANGE", "what=user.bootstrap")
                .contains("A user with role ADMIN exists: TOLLGATE_BOOTSTRAP_ADMIN_USERNAME and "
                        + "TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD are ignored. Remove them from the environment.")
                .doesNotContain(STRONG_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void instancesStartingTogetherRegisterTheAdminCliOnce(String database) {
        Database db = fresh(database);

        List<Boolean> registered = Concurrently.times(INSTANCES, () -> db.adminCli().ensureRegistered());

        assertThat(Collections.frequency(registered, true)).isEqualTo(1);
        RegisteredClient cli = db.clients.findByClientId("tollgate-admin-cli");
        assertThat(cli.getScopes()).containsExactlyInAnyOrder("openid", "tollgate.admin");
        assertThat(cli.getRedirectUris()).containsExactly("http://127.0.0.1/callback");
        assertThat(cli.getClientAuthenticationMethods()).extracting(method -> method.getValue())
                .containsExactly("none");
        assertThat(cli.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(cli.getClientSettings().isRequireAuthorizationConsent()).isFalse();
        assertThat(db.adminCli().ensureRegistered()).as("a restart").isFalse();
    }

    @Test
    void theAdminCliOfAnEarlierVersionGetsTheDeviceGrantAndKeepsTheRest() {
        Database db = fresh("h2");
        db.adminCli().ensureRegistered();
        RegisteredClient registered = db.clients.findByClientId("tollgate-admin-cli");
        db.clients.save(RegisteredClient.from(registered)
                .authorizationGrantTypes(grants -> grants.remove(AuthorizationGrantType.DEVICE_CODE))
                .redirectUris(uris -> uris.add("http://127.0.0.1/operator"))
                .build());

        assertThat(db.adminCli().ensureRegistered()).isFalse();

        RegisteredClient cli = db.clients.findByClientId("tollgate-admin-cli");
        assertThat(cli.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.DEVICE_CODE,
                AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
        assertThat(cli.getRedirectUris()).as("an administrator's change").contains("http://127.0.0.1/operator");
    }

    @Test
    void anExistingAdministratorIsKeptAndTheSettingsAreIgnored() {
        Database db = fresh("h2");
        assertThat(db.bootstrap("first", STRONG_PASSWORD).run()).isEqualTo(BootstrapAdmin.Outcome.CREATED);
        String hash = db.users.findByUsername("first").orElseThrow().passwordHash();

        assertThat(db.bootstrap("first", "another long passphrase").run()).isEqualTo(BootstrapAdmin.Outcome.IGNORED);
        assertThat(db.users.findByUsername("first").orElseThrow().passwordHash()).as("password unchanged")
                .isEqualTo(hash);
        assertThat(db.bootstrap("", "").run()).isEqualTo(BootstrapAdmin.Outcome.NOT_CONFIGURED);
    }

    @Test
    void aWeakPasswordStopsTheStartNamingTheVariableAndTheRule() {
        Database db = fresh("h2");

        assertThatThrownBy(() -> db.bootstrap("root", "short").run()).isInstanceOf(UnsafeStartException.class)
                .hasMessageContaining("TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD does not pass the password policy")
                .hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> db.bootstrap("root", "qwertyuiop123").run())
                .hasMessageContaining("TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD").hasMessageContaining("most common");
        assertThat(db.users.findByUsername("root")).as("nothing half-written").isEmpty();
    }

    @Test
    void onlyOneOfTheTwoSettingsStopsTheStart() {
        Database db = fresh("h2");

        assertThatThrownBy(() -> db.bootstrap("root", "").run()).isInstanceOf(UnsafeStartException.class)
                .hasMessageContaining("TOLLGATE_BOOTSTRAP_ADMIN_USERNAME is set but "
                        + "TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD is not");
        assertThatThrownBy(() -> db.bootstrap(" ", STRONG_PASSWORD).run())
                .hasMessageContaining("TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD is set but "
                        + "TOLLGATE_BOOTSTRAP_ADMIN_USERNAME is not");
    }

    @Test
    void anExistingAccountIsNeverTakenOver() {
        Database db = fresh("h2");
        db.bootstrap("someone", STRONG_PASSWORD).run();
        db.jdbc.sql("DELETE FROM user_roles WHERE role = 'ADMIN'").update();

        assertThatThrownBy(() -> db.bootstrap("someone", "another long passphrase").run())
                .isInstanceOf(UnsafeStartException.class)
                .hasMessageContaining("names the existing user 'someone', who does not have role ADMIN");
    }

    private Database fresh(String kind) {
        String name = "built_in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DriverManagerDataSource dataSource;
        if (kind.equals("postgres")) {
            Map<String, Object> settings = EmbeddedPostgres.datasourceFor(name);
            dataSource = new DriverManagerDataSource((String) settings.get("spring.datasource.url"),
                    (String) settings.get("spring.datasource.username"),
                    (String) settings.get("spring.datasource.password"));
        }
        else {
            dataSource = new DriverManagerDataSource(TestDatabases.h2(name), "sa", "");
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return new Database(dataSource);
    }

    /** The beans an instance on this database would have. */
    private final class Database {

        final JdbcClient jdbc;

        final UserRepository users;

        final JdbcRegisteredClientRepository clients;

        final StartupLock lock;

        final TransactionTemplate transaction;

        Database(DataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
            this.users = new UserRepository(jdbc);
            this.clients = new JdbcRegisteredClientRepository(new JdbcTemplate(dataSource));
            this.lock = new StartupLock(jdbc);
            this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        BootstrapAdmin bootstrap(String username, String password) {
            return new BootstrapAdmin(new BootstrapAdminProperties(username, password), users, newPasswords, lock,
                    transaction, audit);
        }

        AdminCliClient adminCli() {
            return new AdminCliClient(clients, tokenPolicy, lock, transaction);
        }
    }
}
