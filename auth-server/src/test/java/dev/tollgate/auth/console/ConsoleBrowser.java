package dev.tollgate.auth.console;

import java.io.IOException;

import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import dev.tollgate.auth.support.Browser;

/** An administrator's browser on the console: signs in on the way to a page, fills and sends its forms. */
public final class ConsoleBrowser implements AutoCloseable {

    public static final String ADMIN = "admin";

    public static final String ADMIN_PASSWORD = "admin-password";

    private final Browser browser;

    public ConsoleBrowser(String baseUrl) {
        this.browser = new Browser(baseUrl);
    }

    /** Opens {@code path} as the demo administrator, signing in if asked to. */
    public static ConsoleBrowser signedIn(String baseUrl, String path) throws IOException {
        ConsoleBrowser admin = new ConsoleBrowser(baseUrl);
        HtmlPage page = admin.open(path);
        if (page.getElementById("login-form") != null) {
            admin.browser.signIn(page, ADMIN, ADMIN_PASSWORD);
        }
        return admin;
    }

    public HtmlPage open(String path) throws IOException {
        return browser.open(path);
    }

    public Browser browser() {
        return browser;
    }

    /** Sets the named fields of the form (text, or "true"/"false" for a checkbox) and clicks the button. */
    public static HtmlPage submit(HtmlPage page, String formId, String buttonId, String... namesAndValues)
            throws IOException {
        HtmlForm form = page.getHtmlElementById(formId);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String value = namesAndValues[i + 1];
            if (page.getElementById(name) instanceof org.htmlunit.html.HtmlCheckBoxInput box) {
                box.setChecked(Boolean.parseBoolean(value));
            }
            else if (page.getElementById(name) instanceof org.htmlunit.html.HtmlTextArea area) {
                area.setText(value);
            }
            else if (page.getElementById(name) instanceof org.htmlunit.html.HtmlSelect select) {
                select.setSelectedAttribute(value, true);
            }
            else {
                form.<org.htmlunit.html.HtmlInput>getFirstByXPath(".//*[@id='" + name + "']").setValue(value);
            }
        }
        return page.getHtmlElementById(buttonId).click();
    }

    public static String text(HtmlPage page, String id) {
        return page.getElementById(id) == null ? null : page.getElementById(id).asNormalizedText();
    }

    @Override
    public void close() {
        browser.close();
    }
}
