package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.htmlunit.Page;
import org.htmlunit.StringWebResponse;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.WebConnectionWrapper;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A user's browser on the real hosted pages. Requests leaving the auth server (the redirect back to a client)
 * are not sent anywhere: the browser remembers them as the client's callback.
 */
public class Browser implements AutoCloseable {

    private final WebClient web = new WebClient();

    private final String authServerUrl;

    private URL callback;

    public Browser(String authServerUrl) {
        this.authServerUrl = authServerUrl;
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        new WebConnectionWrapper(web) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                if (isAuthServer(request.getUrl())) {
                    return toAuthServer(request, super::getResponse);
                }
                callback = request.getUrl();
                return new StringWebResponse("the client got its callback", request.getUrl());
            }
        };
    }

    /** Whether {@code url} is the auth server's, rather than a client's callback. */
    protected boolean isAuthServer(URL url) {
        return url.toString().startsWith(authServerUrl);
    }

    /** Sends a request to the auth server; a subclass may pick where it goes. */
    protected WebResponse toAuthServer(WebRequest request, Connection connection) throws IOException {
        return connection.send(request);
    }

    /** The browser's network. */
    @FunctionalInterface
    protected interface Connection {

        WebResponse send(WebRequest request) throws IOException;
    }

    public static String authorizePath(String clientId, String redirectUri, String scope, String state, Pkce pkce) {
        return UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", clientId)
                .queryParam("redirect_uri", redirectUri)
                .queryParam("scope", scope)
                .queryParam("state", state)
                .queryParam("code_challenge", pkce.challenge())
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUriString();
    }

    public <P extends Page> P open(String path) throws IOException {
        callback = null;
        return web.getPage(authServerUrl + path);
    }

    public <P extends Page> P signIn(HtmlPage loginPage, String username, String password) throws IOException {
        HtmlForm form = loginPage.getHtmlElementById("login-form");
        form.getInputByName("username").type(username);
        form.getInputByName("password").type(password);
        return loginPage.getHtmlElementById("sign-in").click();
    }

    public <P extends Page> P click(HtmlPage page, String buttonId) throws IOException {
        return page.getHtmlElementById(buttonId).click();
    }

    /** The query parameters of the redirect that left the auth server, decoded. */
    public Map<String, String> callbackParameters() {
        if (callback == null) {
            throw new AssertionError("the browser was not sent back to a client");
        }
        try {
            return UriComponentsBuilder.fromUri(callback.toURI()).build().getQueryParams().toSingleValueMap()
                    .entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey,
                            entry -> UriUtils.decode(entry.getValue(), StandardCharsets.UTF_8)));
        }
        catch (URISyntaxException malformed) {
            throw new AssertionError(malformed);
        }
    }

    public URI callback() {
        try {
            return callback == null ? null : callback.toURI();
        }
        catch (URISyntaxException malformed) {
            throw new AssertionError(malformed);
        }
    }

    @Override
    public void close() {
        web.close();
    }
}
