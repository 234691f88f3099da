package dev.tollgate.auth.console;

import static dev.tollgate.auth.console.ConsoleBrowser.submit;
import static dev.tollgate.auth.console.ConsoleBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.RecordedEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredEventsProbe;
import dev.tollgate.auth.audit.StoredSecurityEvents;
import dev.tollgate.auth.registration.RegisteredClients;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

/**
 * The console's clients and events pages in a browser over real HTTP: a secret is shown once and works, rotating it
 * ends the old one, deleting a client ends its tokens, a bad redirect URI is named on the page, and the events page
 * lists each of these changes.
 */
@AuthServerTest
class AdminConsoleClientsTest extends HttpTest {

    @Autowired
    private RegisteredClients clients;

    @Autowired
    private StoredSecurityEvents events;

    @Test
    void anAdministratorRegistersAServiceUsesItsSecretRotatesItAndDeletesIt() throws Exception {
        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            HtmlPage created = submit(admin.open("/admin/clients/new"), "new-client-form", "create-client",
                    "name", "Nightly report", "kind", "SERVICE", "scope", "books.read");
            String clientId = text(created, "client-id");
            String secret = text(created, "client-secret");
            assertThat(secret).isNotBlank();
            assertThat(text(created, "client-grant-types")).isEqualTo("client_credentials");
            assertThat(http.clientCredentials(clientId, secret, "books.read").status()).isEqualTo(200);
            assertThat(admin.open("/admin/clients/" + clientId).getElementById("client-secret"))
                    .as("shown once").isNull();
            assertThat(admin.open("/admin/clients").getElementById("client-" + clientId)).isNotNull();

            HtmlPage rotated = admin.browser().click(admin.open("/admin/clients/" + clientId), "rotate-secret");
            String newSecret = text(rotated, "client-secret");
            assertThat(newSecret).isNotBlank().isNotEqualTo(secret);
            assertThat(http.clientCredentials(clientId, secret, "books.read").status()).isEqualTo(401);
            assertThat(http.clientCredentials(clientId, newSecret, "books.read").status()).isEqualTo(200);

            HtmlPage list = admin.browser().click(rotated, "delete-client");
            assertThat(text(list, "console-notice")).startsWith("Deleted " + clientId);
            assertThat(list.getElementById("client-" + clientId)).isNull();
            assertThat(clients.find(clientId)).isEmpty();
            assertThat(http.clientCredentials(clientId, newSecret, "books.read").status()).isEqualTo(401);

            List<RecordedEvent> changes = new StoredEventsProbe(events).await(
                    new EventQuery(SecurityEventType.ADMIN_CHANGE, null, clientId, null, null),
                    found -> found.size() >= 3);
            assertThat(changes).extracting(event -> event.details().get("what"))
                    .containsExactly("client.delete", "client.secret", "client.create");
            HtmlPage eventsPage = submit(admin.open("/admin/events"), "events-filter", "filter",
                    "type", "ADMIN_CHANGE", "client", clientId);
            assertThat(eventsPage.getByXPath("//tr[@class='event']")).hasSize(3);
            assertThat(eventsPage.asNormalizedText()).contains("what=client.delete", "what=client.secret",
                    "what=client.create").doesNotContain(newSecret).doesNotContain(secret);
            assertThat(eventsPage.asNormalizedText().indexOf("client.delete"))
                    .as("newest first").isLessThan(eventsPage.asNormalizedText().indexOf("client.create"));
        }
    }

    @Test
    void badInputIsNamedOnThePageAndChangesNothing() throws Exception {
        try (ConsoleBrowser admin = ConsoleBrowser.signedIn(http.baseUrl(), "/admin")) {
            long before = clients.count();
            HtmlPage refused = submit(admin.open("/admin/clients/new"), "new-client-form", "create-client",
                    "name", "Shop", "kind", "WEB", "redirect_uris", "http://shop.example.com/callback",
                    "scope", "openid");
            assertThat(text(refused, "console-error")).contains("redirect_uri");
            assertThat(clients.count()).isEqualTo(before);

            HtmlPage created = submit(refused, "new-client-form", "create-client",
                    "redirect_uris", "https://shop.example.com/callback");
            String clientId = text(created, "client-id");
            HtmlPage edited = submit(created, "client-form", "save-client",
                    "redirect_uris", "https://shop.example.com/callback\nhttps://shop.example.com/other",
                    "scope", "openid profile");
            assertThat(text(edited, "console-notice")).isEqualTo("Saved.");
            assertThat(clients.find(clientId).orElseThrow().getRedirectUris())
                    .containsExactlyInAnyOrder("https://shop.example.com/callback", "https://shop.example.com/other");
            assertThat(clients.find(clientId).orElseThrow().getScopes()).containsExactlyInAnyOrder("openid", "profile");

            HtmlPage badEdit = submit(edited, "client-form", "save-client",
                    "redirect_uris", "https://shop.example.com/callback#fragment");
            assertThat(text(badEdit, "console-error")).contains("redirect_uri");
            assertThat(clients.find(clientId).orElseThrow().getRedirectUris()).hasSize(2);

            HtmlPage builtIn = admin.open("/admin/clients/tollgate-admin-cli");
            assertThat(builtIn.getElementById("built-in")).isNotNull();
            assertThat(builtIn.getElementById("delete-client")).isNull();

            HtmlPage badFilter = submit(admin.open("/admin/events"), "events-filter", "filter", "since", "yesterday");
            assertThat(badFilter.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(text(badFilter, "console-error")).contains("since must be a time");
        }
    }
}
