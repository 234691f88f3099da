package dev.tollgate.auth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.htmlunit.Page;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/**
 * The passkeys section of the account page without JavaScript: renaming and removing are plain forms behind the
 * CSRF token; adding one needs the page's script, whose endpoints refuse bad input with a reason.
 */
@AuthServerTest
class PasskeyAccountPageTest extends PasskeyTest {

    private TollgateUser user;

    private StoredPasskeys stored;

    @BeforeEach
    void aUser() {
        user = newUser("rita");
        stored = stored();
    }

    @Test
    void passkeysAreListedRenamedAndRemoved() throws Exception {
        stored.add(user.id(), "Laptop");
        stored.add(user.id(), "Phone");
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open("/account");
            assertThat(account.getElementById("passkey-1").asNormalizedText()).contains("Laptop").contains("added");
            assertThat(account.getElementById("passkey-2").asNormalizedText()).contains("Phone");
            assertThat(account.getElementById("passkey-register-form").hasAttribute("hidden"))
                    .as("adding a passkey needs the script").isTrue();

            HtmlInput name = account.getHtmlElementById("passkey-name-2");
            name.setValue("Work phone");
            account = browser.click(account, "rename-passkey-2");
            assertThat(account.getElementById("passkey-notice").asNormalizedText()).contains("new name");
            assertThat(account.getElementById("passkey-2").asNormalizedText()).contains("Work phone");

            Page tooLong = browser.post(PasskeyController.RENAME, Map.of("_csrf", csrfToken(account),
                    "credential", passkeys.of(user.id()).get(0).id(), "name", "x".repeat(65)));
            assertThat(((HtmlPage) tooLong).getElementById("passkey-error").asNormalizedText())
                    .contains("1 to 64 characters");

            account = browser.click(browser.open("/account"), "remove-passkey-1");
            assertThat(account.getElementById("passkey-notice").asNormalizedText()).contains("removed");
            assertThat(account.getElementById("passkey-2")).isNull();
        }
        assertThat(passkeys.of(user.id())).extracting(Passkeys.Passkey::name).containsExactly("Work phone");
    }

    @Test
    void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        String id = stored.add(user.id(), "Laptop").getCredentialId().toBase64UrlString();
        try (Browser browser = signedIn()) {
            Page rename = browser.post(PasskeyController.RENAME, Map.of("credential", id, "name", "forged"));
            assertThat(rename.getWebResponse().getStatusCode()).isEqualTo(403);
            Page remove = browser.post(PasskeyController.REMOVE, Map.of("credential", id, "_csrf", "forged"));
            assertThat(remove.getWebResponse().getStatusCode()).isEqualTo(403);
            assertThat(browser.postJson(PasskeyController.OPTIONS, "", Map.of()).getStatusCode()).isEqualTo(403);
            assertThat(browser.postJson(PasskeySignIn.OPTIONS_PATH, "", Map.of()).getStatusCode()).isEqualTo(403);
        }
        assertThat(passkeys.of(user.id())).extracting(Passkeys.Passkey::name).containsExactly("Laptop");
    }

    @Test
    void aRegistrationThatCannotBeCheckedIsRefusedWithItsReason() throws Exception {
        try (Browser browser = signedIn()) {
            HtmlPage account = browser.open("/account");
            DomElement form = account.getElementById("passkey-register-form");
            Map<String, String> csrf = Map.of(form.getAttribute("data-csrf-header"),
                    form.getAttribute("data-csrf-token"));

            assertThat(refusal(browser.postJson(PasskeyController.REGISTER, "{not json", csrf)))
                    .isEqualTo("not_accepted");
            assertThat(refusal(browser.postJson(PasskeyController.REGISTER, "{\"publicKey\": null}", csrf)))
                    .isEqualTo("not_accepted");

            WebResponse options = browser.postJson(PasskeyController.OPTIONS, "", csrf);
            assertThat(options.getStatusCode()).isEqualTo(200);
            assertThat(options.getContentAsString()).contains("\"residentKey\":\"required\"")
                    .contains("\"userVerification\":\"required\"")
                    .contains("\"name\":\"" + user.username() + "\"");
            String credential = """
                    {"publicKey": {"label": "%s", "credential": {"id": "AAAA", "rawId": "AAAA", "type": "public-key",
                     "response": {"attestationObject": "AAAA", "clientDataJSON": "AAAA", "transports": []},
                     "clientExtensionResults": {}}}}
                    """;
            assertThat(refusal(browser.postJson(PasskeyController.REGISTER, credential.formatted(" "), csrf)))
                    .isEqualTo("name");
            assertThat(refusal(browser.postJson(PasskeyController.REGISTER, credential.formatted("Key"), csrf)))
                    .as("the attestation does not verify").isEqualTo("not_accepted");
            assertThat(refusal(browser.postJson(PasskeyController.REGISTER, credential.formatted("Key"), csrf)))
                    .as("the challenge was used up").isEqualTo("expired");
        }
        assertThat(passkeys.of(user.id())).isEmpty();
    }

    @Test
    void theLoginPageOffersPasskeysOnlyWhereTheScriptRuns() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage login = browser.open("/login");
            assertThat(login.getElementById("passkey-sign-in-section").hasAttribute("hidden")).isTrue();
            assertThat(login.getElementById("passkey-sign-in").asNormalizedText())
                    .isEqualTo("Sign in with a passkey");
            Page script = browser.open("/js/passkeys.js");
            assertThat(script.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(script.getWebResponse().getContentType()).isEqualTo("text/javascript");
        }
    }

    @Test
    void theSectionsSpeakGerman() throws Exception {
        try (Browser browser = new Browser(http.baseUrl()).speaking("de")) {
            HtmlPage login = browser.open("/login");
            assertThat(login.getElementById("passkey-sign-in").asNormalizedText())
                    .isEqualTo("Mit einem Passkey anmelden");
            HtmlPage account = browser.signIn(login, user.username(), TestUsers.PASSWORD);
            assertThat(account.getElementById("no-passkeys").asNormalizedText())
                    .isEqualTo("Sie haben noch keine Passkeys.");
        }
    }

    @Test
    void aForgedOrUnaskedPasskeySignInIsRefusedAndSignsNobodyIn() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            DomElement section = browser.<HtmlPage>open("/login").getElementById("passkey-sign-in-section");
            Map<String, String> csrf = Map.of(section.getAttribute("data-csrf-header"),
                    section.getAttribute("data-csrf-token"));
            String assertion = """
                    {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "clientExtensionResults": {},
                     "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA"}}
                    """;

            WebResponse garbage = browser.postJson(PasskeySignIn.SIGN_IN_PATH, "{not json", csrf);
            assertThat(garbage.getStatusCode()).isEqualTo(401);
            assertThat(garbage.getContentAsString()).contains("passkey_not_accepted");
            assertThat(browser.postJson(PasskeySignIn.SIGN_IN_PATH, assertion, csrf).getStatusCode())
                    .as("no challenge was asked for").isEqualTo(401);
            assertThat(browser.postJson(PasskeySignIn.OPTIONS_PATH, "", csrf).getStatusCode()).isEqualTo(200);
            WebResponse unknown = browser.postJson(PasskeySignIn.SIGN_IN_PATH, assertion, csrf);
            assertThat(unknown.getStatusCode()).as("no such passkey").isEqualTo(401);
            assertThat(unknown.getContentAsString()).contains("passkey_not_accepted");
            assertThat(browser.postJson(PasskeySignIn.SIGN_IN_PATH, assertion, Map.of()).getStatusCode())
                    .as("no CSRF token").isEqualTo(403);

            assertThat(browser.isSignedIn()).isFalse();
        }
    }

    private Browser signedIn() throws Exception {
        Browser browser = new Browser(http.baseUrl());
        browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
        return browser;
    }

    private static String csrfToken(HtmlPage page) {
        return page.getElementsByName("_csrf").get(0).getAttribute("value");
    }

    private static String refusal(WebResponse response) {
        assertThat(response.getStatusCode()).as(response.getContentAsString()).isEqualTo(400);
        String body = response.getContentAsString();
        return body.replaceAll(".*\"error\"\\s*:\\s*\"([^\"]+)\".*", "$1").strip();
    }
}
