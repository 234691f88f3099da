package dev.tollgate.api.withtollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets real access tokens from Tollgate, as its clients do: client credentials for services, and for people the
 * authorization code flow with PKCE through the real sign-in and consent pages (HtmlUnit, no JavaScript). User
 * tokens are kept for the run, since each costs a sign-in.
 */
final class TollgateTokens {

    /** Registered for demo-web in the demo data; nothing listens there, the browser only notes the redirect. */
    private static final String WEB_REDIRECT_URI = "http://localhost:8081/login/oauth2/code/tollgate";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The demo data's secrets; the test clients are copies and share their original's secret. */
    private static final Map<String, String> SECRETS = Map.of(
            "demo-web", "demo-web-secret",
            TollgateProcess.OPAQUE_WEB_CLIENT, "demo-web-secret",
            "demo-service", "demo-service-secret",
            TollgateProcess.SHORT_LIVED_SERVICE, "demo-service-secret",
            "demo-service-opaque", "demo-service-opaque-secret",
            "resource-server", "resource-server-secret",
            "demo-gateway", "demo-gateway-secret");

    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final Map<String, String> USER_TOKENS = new ConcurrentHashMap<>();

    TollgateTokens(String issuer) {
        this.issuer = issuer;
    }

    /** A client_credentials token; {@code scope} null means every scope registered for the client. */
    String service(String clientId, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        return tokenResponse(clientId, form).path("access_token").asString();
    }

    /** A user's token through a confidential web client ({@code demo-web} or its opaque twin). */
    String user(String clientId, String username, String scope) {
        return USER_TOKENS.computeIfAbsent(clientId + " " + username + " " + scope,
                key -> signInAndExchange(clientId, username, scope));
    }

    /** RFC 8693 token exchange of a user's access token by a gateway ({@code demo-gateway}). */
    String exchanged(String gatewayId, String subjectToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.put("subject_token", subjectToken);
        form.put("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        return tokenResponse(gatewayId, form).path("access_token").asString();
    }

    /** RFC 7009 revocation by the client the token was issued to. */
    void revoke(String clientId, String token) {
        int status = post("/oauth2/revoke", clientId, Map.of("token", token)).statusCode();
        if (status != 200) {
            throw new IllegalStateException("revocation answered " + status);
        }
    }

    /** What Tollgate says about a token when asked as the resource server. */
    JsonNode introspect(String token) {
        return JSON.readTree(post("/oauth2/introspect", "resource-server", Map.of("token", token)).body());
    }

    private String signInAndExchange(String clientId, String username, String scope) {
        String verifier = randomUrlSafe();
        String state = randomUrlSafe();
        String authorize = UriComponentsBuilder.fromUriString(issuer + "/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", clientId)
                .queryParam("redirect_uri", WEB_REDIRECT_URI)
                .queryParam("scope", scope)
                .queryParam("state", state)
                .queryParam("code_challenge", s256(verifier))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUriString();
        Map<String, String> callback = new Browser().signIn(authorize, username, username + "-password");
        if (!state.equals(callback.get("state")) || callback.get("code") == null) {
            throw new IllegalStateException("no authorization code for " + username + ": " + callback);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", callback.get("code"));
        form.put("redirect_uri", WEB_REDIRECT_URI);
        form.put("code_verifier", verifier);
        return tokenResponse(clientId, form).path("access_token").asString();
    }

    private JsonNode tokenResponse(String clientId, Map<String, String> form) {
        HttpResponse<String> response = post("/oauth2/token", clientId, form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String clientId, Map<String, String> form) {
        String credentials = Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(SECRETS.get(clientId)))
                .getBytes(StandardCharsets.UTF_8));
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomUrlSafe() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * A person's browser on Tollgate's pages. The redirect back to the client leaves the auth server; it is not
     * followed, only remembered.
     */
    private final class Browser {

        private final WebClient web = new WebClient();
        private URI callback;

        Browser() {
            web.getOptions().setJavaScriptEnabled(false);
            web.getOptions().setCssEnabled(false);
            new WebConnectionWrapper(web) {
                @Override
                public WebResponse getResponse(WebRequest request) throws IOException {
                    if (request.getUrl().toString().startsWith(issuer)) {
                        return super.getResponse(request);
                    }
                    callback = URI.create(request.getUrl().toString());
                    return new StringWebResponse("back at the client", request.getUrl());
                }
            };
        }

        /** Signs in on the login page and allows every requested scope if asked; answers the callback's parameters. */
        Map<String, String> signIn(String authorizeUrl, String username, String password) {
            try (web) {
                HtmlPage login = web.getPage(authorizeUrl);
                HtmlForm form = login.getHtmlElementById("login-form");
                form.getInputByName("username").type(username);
                form.getInputByName("password").type(password);
                Page afterLogin = login.getHtmlElementById("sign-in").click();
                if (callback == null && afterLogin instanceof HtmlPage consent && consent.getElementById("approve") != null) {
                    consent.getHtmlElementById("approve").click();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (callback == null) {
                throw new IllegalStateException(username + " was not sent back to the client");
            }
            return UriComponentsBuilder.fromUri(callback).build(true).getQueryParams().toSingleValueMap();
        }
    }
}
