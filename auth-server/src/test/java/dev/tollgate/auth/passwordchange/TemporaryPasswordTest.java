package dev.tollgate.auth.passwordchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.password.UnacceptablePasswordException;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.Pkce;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * A temporary password, set by an administrator, signs the user in once and then holds them on the page where they
 * choose their own: no other page and no authorization code before that, by any way in.
 */
@AuthServerTest
class TemporaryPasswordTest extends HttpTest {

    private static final String TEMPORARY = "given-by-the-helpdesk-42";

    private static final String OWN = "copper kettle on a quiet shelf";

    private static final String REDIRECT_URI = "http://127.0.0.1:53122/callback";

    @Autowired
    private TemporaryPasswords temporaryPasswords;

    @Autowired
    private UserRepository users;

    private String username;

    private UUID id;

    @BeforeEach
    void aUserWithATemporaryPassword() {
        username = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        id = UUID.randomUUID();
        users.insert(new TollgateUser(id, username, null, null, false, null, true, new TreeSet<>(
                java.util.List.of(Roles.USER))));
        assertThat(temporaryPasswords.set(id, TEMPORARY)).isTrue();
    }

    @Test
    void theUserChoosesTheirOwnPasswordBeforeAnyCodeAndThenContinuesWhereTheyWereGoing() throws Exception {
        Pkce pkce = Pkce.create();
        String authorize = Browser.authorizePath("demo-cli", REDIRECT_URI, "openid", "t1", pkce);
        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage page = browser.signIn(browser.open(authorize), username, TEMPORARY);
            assertThat(page.getElementById("password-change-form")).as("the change page, not consent").isNotNull();

            assertThat(browser.<HtmlPage>open("/account").getElementById("password-change-form"))
                    .as("the account page waits").isNotNull();
            assertThat(browser.<HtmlPage>open(authorize).getElementById("password-change-form"))
                    .as("no authorization before the change").isNotNull();
            browser.post("/oauth2/authorize", Map.of("response_type", "code", "client_id", "demo-cli",
                    "redirect_uri", REDIRECT_URI, "scope", "openid", "state", "t2", "code_challenge",
                    pkce.challenge(), "code_challenge_method", "S256"));
            assertThat(browser.callback()).as("nor by POST").isNull();

            page = change(page, "short", "short");
            assertThat(error(page)).isEqualTo("Use at least 12 characters.");
            page = change(page, OWN, OWN + " ");
            assertThat(error(page)).isEqualTo("The two passwords are not the same.");
            page = change(page, TEMPORARY, TEMPORARY);
            assertThat(error(page)).isEqualTo("Choose a password of your own, not the one you were given.");

            HtmlPage consent = change(page, OWN, OWN);
            browser.click(consent, "approve");
            assertThat(browser.callbackParameters()).containsEntry("state", "t1").containsKey("code");
        }
        assertThat(temporaryPasswords.mustChange(id)).isFalse();

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage refused = browser.signIn(browser.open("/login"), username, TEMPORARY);
            assertThat(refused.getElementById("login-error")).as("the temporary password stopped working").isNotNull();
            HtmlPage account = browser.signIn(refused, username, OWN);
            assertThat(account.getElementById("account-username")).as("no detour any more").isNotNull();
        }
    }

    @Test
    void aTemporaryPasswordFollowsThePasswordPolicyAndNeedsAUser() {
        assertThatThrownBy(() -> temporaryPasswords.set(id, "password1"))
                .isInstanceOf(UnacceptablePasswordException.class);
        assertThat(temporaryPasswords.set(UUID.randomUUID(), TEMPORARY)).isFalse();
    }

    private static HtmlPage change(HtmlPage page, String password, String confirmation) throws Exception {
        HtmlForm form = page.getHtmlElementById("password-change-form");
        form.getInputByName("password").setValue(password);
        form.getInputByName("confirmation").setValue(confirmation);
        return page.getHtmlElementById("change-password").click();
    }

    private static String error(HtmlPage page) {
        return page.getHtmlElementById("password-change-error").asNormalizedText();
    }
}
