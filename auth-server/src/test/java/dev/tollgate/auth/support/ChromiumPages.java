package dev.tollgate.auth.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Tollgate's pages in a {@link Chromium}, as a person uses them: open a path on the issuer, type into a field, click
 * a button, read an element once the page that has it is there. Waiting is on what the page shows, never on time.
 */
public final class ChromiumPages {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver chromium;

    public ChromiumPages(ChromeDriver chromium) {
        this.chromium = chromium;
    }

    public ChromeDriver driver() {
        return chromium;
    }

    /** Opens a path (or a URL) on the issuer. */
    public void open(String path) {
        chromium.get(path.startsWith("http") ? path : AuthServerTest.ISSUER + path);
    }

    public void type(String id, String text) {
        WebElement field = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    public void click(String id) {
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The text of the element, once the page that has it is there. */
    public String text(String id) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(chromium, PATIENCE).until(condition);
    }

    /** Signs in on the login page with a username and password, and waits until the page after it is there. */
    public void signIn(String username, String password) {
        type("username", username);
        type("password", password);
        click("sign-in");
        waitFor(ExpectedConditions.not(ExpectedConditions.urlMatches("/login(\\?.*)?$")));
    }

    /** Signs out on the sign-out page, as its button does. */
    public void signOut() {
        open("/logout");
        click("sign-out");
        waitFor(ExpectedConditions.urlContains("/login?logout"));
    }

    /** Adds a passkey with this name on the account page (the browser's authenticator makes it). */
    public void registerPasskey(String name) {
        type("new-passkey-name", name);
        click("register-passkey");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("passkey-notice")));
    }

    /** The id of the browser's session, from its cookie; null when it has none. */
    public String sessionCookie() {
        Cookie session = chromium.manage().getCookieNamed("TOLLGATE_SESSION");
        return session == null ? null : session.getValue();
    }

    /** The path (and query) of the page now shown. */
    public String currentPath() {
        return chromium.getCurrentUrl().substring(AuthServerTest.ISSUER.length());
    }
}
