package dev.tollgate.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser, reduced to what these tests need: it keeps cookies, follows redirects on request
 * (across hosts, to the fake Tollgate and back), and sends forms with the CSRF token of the last page.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;

    private HttpResponse<String> page;

    Browser(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** One request, no redirects followed. */
    HttpResponse<String> get(String url) {
        return send(request(url).GET().build());
    }

    /** A request and every redirect after it: where the person ends up. */
    HttpResponse<String> open(String url) {
        return follow(get(url));
    }

    HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            current = get(current.request().uri().resolve(location(current)).toString());
        }
        return current;
    }

    /** Submits a form with the CSRF token of the last page seen; no redirects followed. */
    HttpResponse<String> submit(String url, Map<String, String> fields) {
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on " + page.uri());
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", csrf.group(1));
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** What a forged cross-site form would send: no CSRF token. */
    HttpResponse<String> submitWithoutCsrf(String url) {
        return send(request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Signs in through the fake Tollgate, as whoever it is told to sign in, and lands on the home page. */
    HttpResponse<String> signIn() {
        return open("/oauth2/authorization/tollgate");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url.startsWith("/") ? baseUrl + url : url))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                page = response;
            }
            return response;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
