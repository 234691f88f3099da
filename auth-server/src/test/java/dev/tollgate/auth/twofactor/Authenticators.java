package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/** The authenticator app of a test user: the codes it shows now, read from the secret the server keeps. */
public final class Authenticators {

    private final TotpAuthenticators stored;

    private final Clock clock;

    Authenticators(TotpAuthenticators stored, Clock clock) {
        this.stored = stored;
        this.clock = clock;
    }

    /** Turns TOTP on for the user without the pages, with these recovery codes. */
    void enrol(UUID userId, List<String> recoveryCodes) {
        stored.startEnrolment(userId, TotpCodes.newSecret());
        stored.confirm(userId, 0, recoveryCodes.stream().map(RecoveryCodes::digestOf).toList());
    }

    /** The code the app shows now, for a confirmed authenticator or (when {@code confirmed} is false) an enrolment. */
    String codeNow(UUID userId, boolean confirmed) {
        byte[] secret = stored.secret(userId, confirmed).orElseThrow();
        return TotpCodes.codeAt(secret, TotpCodes.stepAt(clock.instant()), TotpCodes.DIGITS);
    }

    String codeNow(UUID userId) {
        return codeNow(userId, true);
    }

    /**
     * Turns TOTP on from the set-up page as a person with an authenticator app does: starts, reads the key the page
     * shows as text, types the app's code for it now, and returns the page of recovery codes.
     */
    public static HtmlPage setUpFromThePage(HtmlPage setup) throws Exception {
        HtmlPage started = setup.getHtmlElementById("two-factor-start").click();
        String key = started.getHtmlElementById("two-factor-secret").getTextContent();
        return enter(started, "two-factor-confirm-form", codeAt(key, Instant.now()), "two-factor-confirm");
    }

    /** The code an authenticator app set up with this key (Base32, as the set-up page shows it) shows at that time. */
    public static String codeAt(String key, Instant time) {
        byte[] secret = new Base32().decode(key.replaceAll("\\s", ""));
        return TotpCodes.codeAt(secret, TotpCodes.stepAt(time), TotpCodes.DIGITS);
    }

    /** Types a code into the page's form and submits it. */
    public static HtmlPage enter(HtmlPage page, String formId, String code, String buttonId) throws Exception {
        HtmlForm form = page.getHtmlElementById(formId);
        form.getInputByName("code").type(code);
        return page.getHtmlElementById(buttonId).click();
    }
}
