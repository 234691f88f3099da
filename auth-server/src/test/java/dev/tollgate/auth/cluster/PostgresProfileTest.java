package dev.tollgate.auth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.AuthServerApplication;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.OAuthHttp.Reply;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.support.PrometheusScrape;
import dev.tollgate.auth.twofactor.Authenticators;
import dev.tollgate.testsupport.EmbeddedPostgres;

/**
 * The {@code postgres} profile as an operator runs it: only environment variables, on an empty PostgreSQL. It
 * passes the production checks, migrates the schema, makes a signing key and reports ready; the bootstrap
 * administrator signs in at {@code /login} and gets a {@code tollgate.admin} token through {@code tollgate-admin-cli}.
 */
class PostgresProfileTest {

    private static final String OPERATOR = "root";

    private static final String OPERATOR_PASSWORD = "an operator's long passphrase";

    @Test
    void anOperatorStartsTollgateOnAnEmptyPostgresqlWithEnvironmentVariablesOnly() throws Exception {
        Map<String, Object> database = EmbeddedPostgres.datasourceFor("auth_production_test");
        try (ConfigurableApplicationContext production = new SpringApplicationBuilder(AuthServerApplication.class)
                .profiles("postgres")
                .run("--SERVER_PORT=0",
                        "--DB_URL=" + database.get("spring.datasource.url"),
                        "--DB_USER=" + database.get("spring.datasource.username"),
                        "--DB_PASSWORD=" + database.get("spring.datasource.password"),
                        "--AUTH_ISSUER=https://login.tollgate.test",
                        "--TOLLGATE_KEY_ENCRYPTION_SECRET=Zt4pW9xL2qN7vB3kR8mC5yH1sD6fJ0gA",
                        "--METRICS_PASSWORD=" + PrometheusScrape.PASSWORD,
                        "--TOLLGATE_BOOTSTRAP_ADMIN_USERNAME=" + OPERATOR,
                        "--TOLLGATE_BOOTSTRAP_ADMIN_PASSWORD=" + OPERATOR_PASSWORD)) {
            OAuthHttp http = new OAuthHttp(((WebServerApplicationContext) production).getWebServer().getPort());

            Reply readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
            assertThat(http.get("/.well-known/openid-configuration").field("issuer"))
                    .isEqualTo("https://login.tollgate.test");
            assertThat(http.get("/oauth2/jwks").json().get("keys")).hasSize(1);
            assertThat(http.clientCredentials("demo-service", "demo-service-secret", null).status())
                    .as("no demo data in production").isEqualTo(401);
            assertThat(PrometheusScrape.of(http.baseUrl()).text()).contains("tollgate_logins_total");

            theBootstrapAdministratorGetsAnAdminToken(http);

            JdbcClient jdbc = production.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 18");
            assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success").query(Long.class)
                    .single()).isZero();
        }
    }

    private static void theBootstrapAdministratorGetsAnAdminToken(OAuthHttp http) throws Exception {
        Grants grants = new Grants(http);
        try (Browser terminal = new Browser(http.baseUrl())) {
            Pkce pkce = Pkce.create();
            HtmlPage setup = terminal.signIn(terminal.open(Browser.authorizePath(Grants.Client.ADMIN_CLI.id(),
                    Grants.Client.ADMIN_CLI.redirectUri(), "openid tollgate.admin", "op", pkce)), OPERATOR,
                    OPERATOR_PASSWORD);
            assertThat(setup.getElementById("two-factor-required"))
                    .as("in production an administrator sets up a second factor first").isNotNull();
            terminal.click(Authenticators.setUpFromThePage(setup), "two-factor-continue");
            Reply tokens = grants.exchange(new Grants.Code(Grants.Client.ADMIN_CLI,
                    terminal.callbackParameters().get("code"), pkce));

            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("openid", "tollgate.admin");
            assertThat(AdminHttp.withToken(http, tokens.field("access_token")).get("/admin/api/no-such-thing")
                    .status()).as("the admin plane takes the token").isEqualTo(404);
        }
    }
}
