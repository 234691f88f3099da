package dev.tollgate.auth.device;

import java.io.IOException;

import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextInput;

import dev.tollgate.auth.support.Browser;

/** A user on another screen: signs in on the verification page and enters the code a device shows. */
final class DeviceBrowser implements AutoCloseable {

    static final String VERIFICATION_PAGE = "/oauth2/device_verification";

    private final Browser browser;

    DeviceBrowser(String baseUrl) {
        this(new Browser(baseUrl));
    }

    DeviceBrowser(Browser browser) {
        this.browser = browser;
    }

    /** Opens the verification page, signing in first as Tollgate asks. */
    HtmlPage signIn(String username, String password) throws IOException {
        return openSigningIn(VERIFICATION_PAGE, username, password);
    }

    /** Opens a page, signing in first if Tollgate asks: it then comes back to that page. */
    HtmlPage openSigningIn(String path, String username, String password) throws IOException {
        HtmlPage page = browser.open(path);
        if (page.getElementById("login-form") != null) {
            page = browser.signIn(page, username, password);
        }
        return page;
    }

    /** Types the code on the verification page: the confirmation (consent) page, or the page saying what went wrong. */
    HtmlPage enter(HtmlPage verificationPage, String typed) throws IOException {
        HtmlTextInput code = verificationPage.getHtmlElementById("user_code");
        code.type(typed);
        return verificationPage.getHtmlElementById("submit-code").click();
    }

    HtmlPage enterOnNewPage(String typed) throws IOException {
        return enter(browser.open(VERIFICATION_PAGE), typed);
    }

    HtmlPage open(String path) throws IOException {
        return browser.open(path);
    }

    HtmlPage click(HtmlPage page, String id) throws IOException {
        return browser.click(page, id);
    }

    /** Signs in, enters the code and allows what the device asked for. */
    static void approve(String baseUrl, String userCode, String username, String password) throws IOException {
        try (DeviceBrowser user = new DeviceBrowser(baseUrl)) {
            HtmlPage confirmation = user.enter(user.signIn(username, password), userCode);
            HtmlPage done = user.click(confirmation, "approve");
            if (done.getElementById("device-approved") == null) {
                throw new AssertionError("not approved: " + done.asNormalizedText());
            }
        }
    }

    @Override
    public void close() {
        browser.close();
    }
}
