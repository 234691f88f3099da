package dev.tollgate.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.TestMail;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;

/**
 * Turning TOTP on and off and signing in with a recovery code are each told to the account's address, in the language
 * of the page it happened on, as the mail arrives over SMTP.
 */
class TwoFactorNoticesTest extends TwoFactorFlows {

    @Autowired
    GreenMail smtp;

    @Autowired
    TotpEnrolment enrolment;

    @Test
    void turningTotpOnUsingARecoveryCodeAndTurningItOffAreEachMailed() throws Exception {
        TollgateUser user = testUsers.create("noticed");
        List<String> recoveryCodes;
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            HtmlPage recovery = Authenticators.setUpFromThePage(browser.open("/account/two-factor"));
            recoveryCodes = recovery.getElementById("recovery-codes").getElementsByTagName("li").stream()
                    .map(code -> code.asNormalizedText()).toList();
        }
        assertNotice(TestMail.awaitMail(smtp, user.email(), 1), "Your Tollgate account was changed",
                "Two-step verification with an authenticator app was turned on",
                "This was done on the account page from 127.0.0.1");

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", recoveryCodes.get(0), "verify");
            assertThat(browser.isSignedIn()).isTrue();
        }
        assertNotice(TestMail.awaitMail(smtp, user.email(), 2), "Your Tollgate account was changed",
                "A recovery code was used to sign in to your account; 9 are left.",
                "This was done while signing in from 127.0.0.1");

        try (Browser browser = new Browser(http.baseUrl()).speaking("de")) {
            HtmlPage codePage = browser.signIn(browser.open("/login"), user.username(), TestUsers.PASSWORD);
            Authenticators.enter(codePage, "two-factor-form", recoveryCodes.get(1), "verify");
            TwoFactorSignInTest.removeWith(browser, TestUsers.PASSWORD);
        }
        TestMail.awaitMail(smtp, user.email(), 4);
        List<String> german = TestMail.mailTo(smtp, user.email()).subList(2, 4).stream().map(TestMail::textOf).toList();
        assertThat(german).as("two notices, in whichever order the outbox sent them")
                .anySatisfy(text -> assertThat(text).contains("Wiederherstellungscode verwendet; 8 sind noch übrig",
                        "bei einer Anmeldung von 127.0.0.1 aus"))
                .anySatisfy(text -> assertThat(text).contains("Authenticator-App wurde für Ihr Konto ausgeschaltet",
                        "auf der Kontoseite von 127.0.0.1 aus"));
        assertThat(TestMail.awaitMail(smtp, user.email(), 4).getSubject()).isEqualTo("Ihr Tollgate-Konto wurde geändert");
        assertThat(stored.isEnabled(user.id())).isFalse();
    }

    /** The notice is queued in the change's own transaction: a notice that cannot be queued leaves TOTP as it was. */
    @Test
    void aNoticeThatCannotBeQueuedUndoesTheChangeItTellsOf() {
        TollgateUser user = testUsers.create("unnoticed");
        EnrolmentQrCode started = enrolment.start(user).orElseThrow();
        String code = Authenticators.codeAt(started.secret(), clock.instant());
        Runnable failingNotice = () -> {
            throw new IllegalStateException("the outbox is not there");
        };

        assertThatIllegalStateException().isThrownBy(() -> enrolment.confirm(user, code, failingNotice));
        assertThat(stored.isEnabled(user.id())).isFalse();
        assertThat(stored.recoveryCodesLeft(user.id())).isZero();

        assertThat(enrolment.confirm(user, code, () -> { })).isPresent();
        assertThatIllegalStateException().isThrownBy(() -> enrolment.remove(user.id(), failingNotice));
        assertThat(stored.isEnabled(user.id())).isTrue();
    }

    private static void assertNotice(MimeMessage mail, String subject, String... says) throws Exception {
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(TestMail.textOf(mail)).contains(says);
    }
}
