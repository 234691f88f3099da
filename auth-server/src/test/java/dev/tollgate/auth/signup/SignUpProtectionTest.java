package dev.tollgate.auth.signup;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Bot friction: one address creates 10 accounts an hour (the default), the 11th is refused; failed forms cost none. */
@HardenedAuthServerTest
class SignUpProtectionTest {

    private static final String PASSWORD = "a bicycle leaning on the fence";

    @LocalServerPort
    int port;

    @Test
    void oneAddressCreatesTenAccountsAnHourAndNoMore() throws Exception {
        try (Browser bot = new Browser("http://localhost:" + port).behindProxy(ClientAddresses.next())) {
            HtmlPage typo = SignUpTest.signUp(bot.open("/register"), "x", "x@example.com", PASSWORD, PASSWORD);
            assertThat(typo.getWebResponse().getStatusCode()).isEqualTo(400);
            for (int i = 0; i < 10; i++) {
                String name = SignUpTest.newName();
                HtmlPage sent = SignUpTest.signUp(bot.open("/register"), name, name + "@example.com", PASSWORD,
                        PASSWORD);
                assertThat(sent.getElementById("signup-sent")).as("account %d", i + 1).isNotNull();
            }
            String name = SignUpTest.newName();
            HtmlPage refused = SignUpTest.signUp(bot.open("/register"), name, name + "@example.com", PASSWORD,
                    PASSWORD);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(429);
            assertThat(refused.asNormalizedText()).contains("Too many new accounts");
        }
        try (Browser someoneElse = new Browser("http://localhost:" + port).behindProxy(ClientAddresses.next())) {
            String name = SignUpTest.newName();
            assertThat(SignUpTest.signUp(someoneElse.open("/register"), name, name + "@example.com", PASSWORD,
                    PASSWORD).getElementById("signup-sent")).isNotNull();
        }
    }
}
