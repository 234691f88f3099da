package dev.tollgate.auth.mail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dev.tollgate.testsupport.TestClock;
import dev.tollgate.testsupport.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the demo profile, sign-up is off: {@code /register} does not exist. (In this package only to share
 * {@link MailOutboxTest}'s context, the one test context without the demo profile's settings.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=" + TestDatabases.IN_MEMORY_H2 + "mail-outbox"
                + TestDatabases.IN_MEMORY_H2_SETTINGS)
@ActiveProfiles("test")
@Import(TestClock.Config.class)
class SelfRegistrationOffTest {

    @LocalServerPort
    int port;

    @Test
    void signUpIsOffByDefault() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/register")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/login")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(login.body()).contains("forgot-password").doesNotContain("create-account");
    }
}
