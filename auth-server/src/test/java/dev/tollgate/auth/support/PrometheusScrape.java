package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What Prometheus reads from {@code /actuator/prometheus}, with the scraper credentials of application-test.yml. */
public record PrometheusScrape(String text) {

    public static final String USERNAME = "prometheus";

    public static final String PASSWORD = "test-scraper-password";

    public static PrometheusScrape of(String baseUrl) {
        HttpResponse<String> response = withBasic(baseUrl + "/actuator/prometheus", USERNAME, PASSWORD);
        if (response.statusCode() != 200) {
            throw new AssertionError("scrape answered " + response.statusCode());
        }
        return new PrometheusScrape(response.body());
    }

    public static HttpResponse<String> withBasic(String url, String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** The values label {@code label} takes in the samples {@code name}. */
    public Set<String> labelValues(String name, String label) {
        Pattern value = Pattern.compile("[{,]" + Pattern.quote(label) + "=\"([^\"]*)\"");
        return text.lines()
                .filter(line -> line.startsWith(name + "{"))
                .map(value::matcher)
                .filter(Matcher::find)
                .map(found -> found.group(1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The sum of the samples {@code name} whose labels include every {@code label="value"} given; 0 if none. */
    public double value(String name, String... labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
