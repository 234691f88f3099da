package dev.tollgate.auth.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.ClientAddresses;
import dev.tollgate.auth.support.HardenedAuthServerTest;

/**
 * RFC 8628 §5.1: wrong user codes are limited per client address as well as per browser session (hardened profile:
 * 6 per address, 4 per session and minute), so a guesser gains nothing by opening new sessions.
 */
@HardenedAuthServerTest
class UserCodeGuessingLimitTest {

    @LocalServerPort
    int port;

    @Test
    void newSessionsFromTheSameAddressShareItsLimitWhileOtherAddressesGoOn() throws IOException {
        String guesser = ClientAddresses.next();
        try (DeviceBrowser first = browserAt(guesser); DeviceBrowser second = browserAt(guesser);
                DeviceBrowser elsewhere = browserAt(ClientAddresses.next())) {
            HtmlPage page = first.signIn("alice", "alice-password");
            for (int guess = 0; guess < 4; guess++) {
                page = first.enter(page, "BCDF-GHJ" + "KLMN".charAt(guess));
                assertThat(page.getElementById("device-code-error")).as(page.asNormalizedText()).isNotNull();
            }
            assertThat(first.enter(page, "BCDF-GHJP").getWebResponse().getStatusCode()).as("its session's limit")
                    .isEqualTo(429);

            page = second.signIn("alice", "alice-password");
            for (int guess = 0; guess < 2; guess++) {
                page = second.enter(page, "BCDF-GHK" + "KL".charAt(guess));
                assertThat(page.getElementById("device-code-error")).as(page.asNormalizedText()).isNotNull();
            }
            HtmlPage limited = second.enter(page, "BCDF-GHKM");
            assertThat(limited.getWebResponse().getStatusCode()).as("the address's limit").isEqualTo(429);
            assertThat(limited.getWebResponse().getResponseHeaderValue("Retry-After")).isNotBlank();
            assertThat(limited.asNormalizedText()).contains("Too many wrong codes");

            HtmlPage other = elsewhere.enter(elsewhere.signIn("alice", "alice-password"), "BCDF-GHKN");
            assertThat(other.getElementById("device-code-error")).as(other.asNormalizedText()).isNotNull();
        }
    }

    private DeviceBrowser browserAt(String address) {
        return new DeviceBrowser(new Browser("http://localhost:" + port).behindProxy(address));
    }
}
