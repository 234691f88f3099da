package dev.tollgate.auth.twofactor;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/** The authenticator app of a test user: the codes it shows now, read from the secret the server keeps. */
final class Authenticators {

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

    /** Types a code into the page's form and submits it. */
    static HtmlPage enter(HtmlPage page, String formId, String code, String buttonId) throws Exception {
        HtmlForm form = page.getHtmlElementById(formId);
        form.getInputByName("code").type(code);
        return page.getHtmlElementById(buttonId).click();
    }
}
