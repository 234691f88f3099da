package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.util.WebConnectionWrapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.testsupport.FreePorts;
import dev.tollgate.testsupport.RunningJar;

/**
 * The user stories of the foundation, end to end: the three applications run as real processes from the
 * jars the build produced, and a browser signs in to the demo app through Tollgate's login and consent pages.
 */
class SignInWithTollgateIT {

    private static RunningJar authServer;
    private static RunningJar resourceServer;
    private static RunningJar demoClient;

    @BeforeAll
    static void startTheLocalSystem() {
        int authPort = FreePorts.next();
        int apiPort = FreePorts.next();
        int demoPort = FreePorts.next();
        String issuer = "http://localhost:" + authPort;
        String api = "http://localhost:" + apiPort;
        String demo = "http://localhost:" + demoPort;

        authServer = RunningJar.start("auth-server", authPort, Map.of(
                "AUTH_ISSUER", issuer,
                "API_AUDIENCE", api,
                "DEMO_WEB_REDIRECT_URIS", demo + "/login/oauth2/code/tollgate",
                "DEMO_WEB_POST_LOGOUT_URIS", demo + "/",
                "LOG_FORMAT", "ecs"));
        resourceServer = RunningJar.start("resource-server", apiPort, Map.of(
                "AUTH_ISSUER", issuer,
                "API_AUDIENCE", api));
        demoClient = RunningJar.start("demo-client", demoPort, Map.of(
                "AUTH_ISSUER", issuer,
                "API_URL", api));
        authServer.awaitHealthy();
        resourceServer.awaitHealthy();
        demoClient.awaitHealthy();
    }

    @AfterAll
    static void stopTheLocalSystem() {
        for (RunningJar app : new RunningJar[] {demoClient, resourceServer, authServer}) {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void theAuthServerLogsOneJsonObjectPerLineWhenAskedTo() {
        assertThat(authServer.logLines())
                .filteredOn(line -> line.contains("Started AuthServerApplication"))
                .singleElement()
                .satisfies(line -> assertThat(line).startsWith("{").endsWith("}").contains("\"ecs\":{\"version\"")
                        .contains("\"log\":{\"level\":\"INFO\""));
    }

    @Test
    void aliceSignsInToTheDemoAppAndSeesBooks() throws IOException {
        try (WebClient browser = browser()) {
            List<URL> authorizationRequests = new CopyOnWriteArrayList<>();
            new WebConnectionWrapper(browser) {
                @Override
                public WebResponse getResponse(WebRequest request) throws IOException {
                    if (request.getHttpMethod() == HttpMethod.GET
                            && request.getUrl().getPath().equals("/oauth2/authorize")) {
                        authorizationRequests.add(request.getUrl());
                    }
                    return super.getResponse(request);
                }
            };
            HtmlPage signedIn = signIn(browser, "alice", "alice-password");

            assertThat(authorizationRequests).as("the demo app pushed its request (RFC 9126)").isNotEmpty()
                    .allSatisfy(url -> assertThat(url.getQuery()).contains("request_uri=urn")
                            .doesNotContain("code_challenge", "scope"));

            assertThat(signedIn.getUrl().toString()).startsWith(demoClient.baseUrl());
            assertThat(signedIn.getElementById("user-name").getTextContent()).contains("alice");
            assertThat(signedIn.getElementById("user-roles").getTextContent()).contains("USER").doesNotContain("ADMIN");

            HtmlPage books = browser.getPage(demoClient.baseUrl() + "/books");
            assertThat(bookRows(books)).isGreaterThanOrEqualTo(5);
            assertThat(books.getElementById("add-book")).as("only admins may add books").isNull();
        }
    }

    @Test
    void adminSignsInAndAddsABookThatEveryoneThenSees() throws IOException {
        String title = "The Pragmatic Programmer " + System.nanoTime();
        try (WebClient browser = browser()) {
            signIn(browser, "admin", "admin-password");
            HtmlPage books = browser.getPage(demoClient.baseUrl() + "/books");
            int before = bookRows(books);

            HtmlForm form = (HtmlForm) books.getElementById("add-book");
            form.<HtmlInput>getInputByName("title").type(title);
            form.<HtmlInput>getInputByName("author").type("Andrew Hunt");
            form.<HtmlInput>getInputByName("isbn").type("9780135957059");
            form.<HtmlInput>getInputByName("publishedYear").type("2019");
            submit(form);

            HtmlPage after = browser.getPage(demoClient.baseUrl() + "/books?size=100");
            assertThat(after.asNormalizedText()).contains(title);
            assertThat(bookRows(after)).isGreaterThan(before);
        }
    }

    @Test
    void signingOutOfTheDemoAppAlsoEndsTheTollgateSession() throws IOException {
        try (WebClient browser = browser()) {
            HtmlPage signedIn = signIn(browser, "alice", "alice-password");

            HtmlPage afterSignOut = click(signedIn.getElementById("sign-out"));
            assertThat(afterSignOut.getUrl().toString()).startsWith(demoClient.baseUrl());

            HtmlPage again = clickSignInWithTollgate(browser.getPage(demoClient.baseUrl() + "/"));
            assertThat(again.getUrl().getPath()).as("Tollgate asks for the password again").isEqualTo("/login");
            assertThat(again.getUrl().toString()).startsWith(authServer.baseUrl());
        }
    }

    private static WebClient browser() {
        WebClient browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
        return browser;
    }

    private HtmlPage signIn(WebClient browser, String username, String password) throws IOException {
        HtmlPage login = clickSignInWithTollgate(browser.getPage(demoClient.baseUrl() + "/"));
        assertThat(login.getUrl().toString()).startsWith(authServer.baseUrl() + "/login");

        login.<HtmlInput>getHtmlElementById("username").type(username);
        login.<HtmlInput>getHtmlElementById("password").type(password);
        HtmlPage next = login.getHtmlElementById("sign-in").click();

        if (next.getUrl().toString().startsWith(authServer.baseUrl() + "/oauth2/consent")) {
            assertThat(next.getElementById("client-name").getTextContent()).isNotBlank();
            next = next.getHtmlElementById("approve").click();
        }
        assertThat(next.getUrl().toString()).startsWith(demoClient.baseUrl());
        return next;
    }

    private static HtmlPage clickSignInWithTollgate(HtmlPage home) throws IOException {
        HtmlElement link = home.getFirstByXPath(
                "//*[self::a or self::button][contains(normalize-space(.), 'Sign in with Tollgate')]");
        assertThat(link).as("a 'Sign in with Tollgate' link on " + home.getUrl()).isNotNull();
        return link.click();
    }

    private static HtmlPage click(DomElement element) throws IOException {
        assertThat(element).isNotNull();
        if (element instanceof HtmlForm form) {
            return submit(form);
        }
        return ((HtmlElement) element).click();
    }

    private static HtmlPage submit(HtmlForm form) throws IOException {
        HtmlElement button = form.getFirstByXPath(".//button[not(@type) or @type='submit'] | .//input[@type='submit']");
        return button.click();
    }

    private static int bookRows(HtmlPage page) {
        HtmlTable table = (HtmlTable) page.getElementById("books");
        assertThat(table).as("a table of books on " + page.getUrl()).isNotNull();
        return table.getBodies().stream().mapToInt(body -> body.getRows().size()).sum();
    }
}
