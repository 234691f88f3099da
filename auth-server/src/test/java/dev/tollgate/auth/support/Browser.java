package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.StringWebResponse;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A user's browser on the real hosted pages. Requests leaving the auth server (and the other servers it is given),
 * such as the redirect back to a client, are not sent anywhere: the browser remembers them as the client's callback.
 */
public class Browser implements AutoCloseable {

    private final WebClient web = new WebClient();

    private final String authServerUrl;

    private final List<String> servers;

    private UnaryOperator<String> rewrite = UnaryOperator.identity();

    private URL callback;

    /** @param otherServers further servers the browser really talks to, such as an upstream identity provider */
    public Browser(String authServerUrl, String... otherServers) {
        this.authServerUrl = authServerUrl;
        this.servers = Stream.concat(Stream.of(authServerUrl), Stream.of(otherServers)).toList();
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        new WebConnectionWrapper(web) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                String rewritten = rewrite.apply(request.getUrl().toString());
                if (!rewritten.equals(request.getUrl().toString())) {
                    request.setUrl(URI.create(rewritten).toURL());
                }
                if (isServer(request.getUrl())) {
                    return toServer(request, super::getResponse);
                }
                callback = request.getUrl();
                return new StringWebResponse("the client got its callback", request.getUrl());
            }
        };
    }

    /** Sends every request as if a reverse proxy forwarded it for a client at {@code address}. */
    public Browser behindProxy(String address) {
        web.addRequestHeader("X-Forwarded-For", address);
        return this;
    }

    /** Sends every request with this {@code User-Agent}, as another browser or device would. */
    public Browser withUserAgent(String userAgent) {
        web.addRequestHeader("User-Agent", userAgent);
        return this;
    }

    /** Sends every request with this {@code Accept-Language}, as a browser set to that language does. */
    public Browser speaking(String acceptLanguage) {
        web.addRequestHeader("Accept-Language", acceptLanguage);
        return this;
    }

    /** Whether {@code url} is one of the servers the browser really talks to, rather than a client's callback. */
    protected boolean isServer(URL url) {
        return servers.stream().anyMatch(server -> url.toString().startsWith(server));
    }

    /** Sends a request to a server; a subclass may pick where it goes. */
    protected WebResponse toServer(WebRequest request, Connection connection) throws IOException {
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

    /** Submits a form to the auth server as a page of another site would (an authorization request by POST). */
    public <P extends Page> P post(String path, Map<String, String> form) throws IOException {
        callback = null;
        WebRequest request = new WebRequest(URI.create(authServerUrl + path).toURL(), HttpMethod.POST);
        request.setRequestParameters(form.entrySet().stream()
                .map(field -> new NameValuePair(field.getKey(), field.getValue())).toList());
        return web.getPage(request);
    }

    /** Posts JSON to the auth server as a page's script does, with these headers (a CSRF token, for one). */
    public WebResponse postJson(String path, String json, Map<String, String> headers) throws IOException {
        WebRequest request = new WebRequest(URI.create(authServerUrl + path).toURL(), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        headers.forEach(request::setAdditionalHeader);
        request.setRequestBody(json);
        return web.loadWebResponse(request);
    }

    /** Changes every following request's URL, as someone between the browser and the servers could. */
    public void rewriteRequests(UnaryOperator<String> rewrite) {
        this.rewrite = rewrite;
    }

    public <P extends Page> P signIn(HtmlPage loginPage, String username, String password) throws IOException {
        HtmlForm form = loginPage.getHtmlElementById("login-form");
        form.getInputByName("username").type(username);
        form.getInputByName("password").type(password);
        return loginPage.getHtmlElementById("sign-in").click();
    }

    /** Whether the auth server knows this browser as signed in: its account page shows, not the login form. */
    public boolean isSignedIn() throws IOException {
        HtmlPage account = open("/account");
        return account.getElementById("login-form") == null;
    }

    /** The value of the auth server's session cookie, or null. */
    public String sessionCookie() {
        Cookie cookie = web.getCookieManager().getCookie("TOLLGATE_SESSION");
        return cookie == null ? null : cookie.getValue();
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
