import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's Shared Signals probe (bench/signals.sh), run with the JDK's source launcher, no dependencies.
 *
 * <pre>
 * java RevocationLatency.java fill AUTH CLIENT SECRET COUNT PARALLEL
 *     revokes COUNT fresh client_credentials tokens (PARALLEL at a time), to fill the APIs' deny lists
 * java RevocationLatency.java measure AUTH CLIENT SECRET ROUNDS GIVE_UP_MS POLL_MS PATH API...
 *     ROUNDS times: a fresh token, accepted (200) by every API at PATH, revoked at /oauth2/revoke; then, per API,
 *     the time from the revocation's answer to that API's first 401, asking every POLL_MS, at most GIVE_UP_MS
 * </pre>
 *
 * Prints one line per sample and "LATENCY api=... n= gaveup= p50_ms= p99_ms= max_ms=" per API and overall
 * (percentiles by nearest rank: below 100 samples the p99 is the largest). Exits 1 on any unexpected answer.
 */
class RevocationLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    // the token endpoint's answer has a fixed shape (RFC 6749 section 5.1); the JDK has no JSON parser
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length >= 6 && args[0].equals("fill")) {
            fill(args[1], basic(args[2], args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
        else if (args.length >= 9 && args[0].equals("measure")) {
            measure(args[1], basic(args[2], args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                    Long.parseLong(args[6]), args[7], Arrays.copyOfRange(args, 8, args.length));
        }
        else {
            System.err.println("usage: see the comment at the top of RevocationLatency.java");
            System.exit(2);
        }
    }

    private static void fill(String auth, String credentials, int count, int parallel) throws Exception {
        long started = System.nanoTime();
        AtomicInteger left = new AtomicInteger(count);
        try (ExecutorService workers = Executors.newFixedThreadPool(parallel)) {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                done.add(workers.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        revoke(auth, credentials, token(auth, credentials));
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : done) {
                worker.get();
            }
        }
        System.out.printf(Locale.ROOT, "FILLED revoked=%d secs=%.1f%n", count, (System.nanoTime() - started) / 1e9);
    }

    private static void measure(String auth, String credentials, int rounds, long giveUpMs, long pollMs, String path,
            String[] apis) throws Exception {
        List<List<Double>> took = new ArrayList<>();
        for (String ignored : apis) {
            took.add(new ArrayList<>());
        }
        try (ExecutorService watchers = Executors.newFixedThreadPool(apis.length)) {
            for (int round = 1; round <= rounds; round++) {
                String token = token(auth, credentials);
                for (String api : apis) {
                    int status = get(api + path, token);
                    if (status != 200) {
                        fail(api + " answered " + status + " to a fresh token, before its revocation");
                    }
                }
                revoke(auth, credentials, token);
                long answered = System.nanoTime();
                List<Future<Double>> firstRefusals = new ArrayList<>();
                for (String api : apis) {
                    firstRefusals.add(watchers.submit(() -> untilRefused(api + path, token, answered, giveUpMs, pollMs)));
                }
                StringBuilder line = new StringBuilder("round=" + round);
                for (int i = 0; i < apis.length; i++) {
                    double ms = firstRefusals.get(i).get();
                    took.get(i).add(ms);
                    line.append(String.format(Locale.ROOT, " api%d_ms=%s", i + 1, ms < 0 ? "gaveup" : "%.1f".formatted(ms)));
                }
                System.out.println(line);
                Thread.sleep(100);   // revocations apart, as they come in practice, not one burst
            }
        }
        List<Double> all = new ArrayList<>();
        for (int i = 0; i < apis.length; i++) {
            summary(apis[i], took.get(i), giveUpMs);
            all.addAll(took.get(i));
        }
        summary("all", all, giveUpMs);
    }

    /** Milliseconds from the answer to the first 401, or -1 once GIVE_UP_MS have passed without one. */
    private static double untilRefused(String url, String token, long answered, long giveUpMs, long pollMs)
            throws Exception {
        while (true) {
            int status = get(url, token);
            double ms = (System.nanoTime() - answered) / 1e6;
            if (status == 401) {
                return ms;
            }
            if (status != 200) {
                fail(url + " answered " + status + " while the revocation travelled");
            }
            if (ms > giveUpMs) {
                return -1;
            }
            Thread.sleep(pollMs);
        }
    }

    private static void summary(String api, List<Double> samples, long giveUpMs) {
        long gaveUp = samples.stream().filter(ms -> ms < 0).count();
        // a give-up counts as slower than any answer
        double[] sorted = samples.stream().mapToDouble(ms -> ms < 0 ? Double.POSITIVE_INFINITY : ms).sorted().toArray();
        System.out.printf(Locale.ROOT, "LATENCY api=%s n=%d gaveup=%d give_up_ms=%d p50_ms=%s p99_ms=%s max_ms=%s%n",
                api, sorted.length, gaveUp, giveUpMs, rank(sorted, 0.50), rank(sorted, 0.99), rank(sorted, 1.0));
    }

    private static String rank(double[] sorted, double quantile) {
        double value = sorted[(int) Math.ceil(quantile * sorted.length) - 1];
        return Double.isInfinite(value) ? "gaveup" : "%.1f".formatted(value);
    }

    private static String token(String auth, String credentials) throws Exception {
        HttpResponse<String> response = post(auth + "/oauth2/token", credentials, "grant_type=client_credentials");
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            fail("the token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return token.group(1);
    }

    private static void revoke(String auth, String credentials, String token) throws Exception {
        HttpResponse<String> response = post(auth + "/oauth2/revoke", credentials, "token=" + token);
        if (response.statusCode() != 200) {
            fail("/oauth2/revoke answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpResponse<String> post(String url, String credentials, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String client, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void fail(String why) {
        System.err.println("RevocationLatency: " + why);
        System.exit(1);
    }
}
