package dev.tollgate.auth.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (HtmlUnit has no WebAuthn). A test class that needs it
 * carries {@link Required @Chromium.Required}: without the browser the class is skipped with the reason, unless
 * {@code TOLLGATE_BROWSER_TESTS=required} (CI sets it), then it fails.
 */
public final class Chromium {

    /** The test class runs only where Chromium is installed, or fails when browser tests are required. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Chromium.Installed.class)
    public @interface Required {
    }

    public static final Path BROWSER = Path.of("/usr/bin/chromium");

    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /**
     * A new headless Chromium with an empty profile that reaches {@code http://<host>} (port 80, as the tests' issuer
     * is) on this machine's {@code port}, and treats it as a secure context as browsers treat https: WebAuthn, for
     * one, needs both the issuer's origin and a secure context. {@link ChromeDriver#quit()} ends it.
     */
    public static ChromeDriver start(String host, int port) {
        if (!installed()) {
            fail(MISSING + " (TOLLGATE_BROWSER_TESTS=required)");
        }
        // the driver is given, so Selenium Manager never looks for (or downloads) one
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // the closed network here refuses Chromium's own background connections; a root user needs --no-sandbox
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + emptyProfile(),
                "--host-resolver-rules=MAP " + host + " 127.0.0.1:" + port,
                "--unsafely-treat-insecure-origin-as-secure=http://" + host);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chromium;
    }

    /**
     * Adds to the browser an authenticator as a laptop or phone has one built in (CTAP2, internal): it keeps
     * discoverable credentials and verifies its user, who always agrees.
     */
    public static VirtualAuthenticator addPasskeyAuthenticator(ChromeDriver chromium) {
        return ((HasVirtualAuthenticator) chromium).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    private static final String MISSING = "browser tests need Debian's chromium and chromium-driver (" + BROWSER
            + ", " + DRIVER + "): apt-get install -y chromium chromium-driver";

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Skips before the Spring context starts, so a machine without Chromium spends nothing on the class. */
    static final class Installed implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (installed() || "required".equals(System.getenv("TOLLGATE_BROWSER_TESTS"))) {
                return ConditionEvaluationResult.enabled("Chromium is installed, or browser tests are required");
            }
            // surefire keeps the reason in its report only: say it where the developer looks, too
            System.err.println(context.getDisplayName() + " skipped: " + MISSING);
            return ConditionEvaluationResult.disabled(MISSING);
        }
    }

    private static String emptyProfile() {
        try {
            Path profile = Files.createTempDirectory("tollgate-chromium-");
            profile.toFile().deleteOnExit();
            return profile.toString();
        }
        catch (IOException noTempDirectory) {
            throw new UncheckedIOException(noTempDirectory);
        }
    }
}
