package dev.tollgate.auth.signals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A Shared Signals receiver's push endpoint (RFC 8935) on a random port (JDK HTTP server): it keeps every request and
 * answers with the next of {@link #answers} (202 once they run out).
 */
final class SetReceiver implements AutoCloseable {

    /** One push as it arrived. */
    record Received(String method, String contentType, String accept, String authorization, String set) {
    }

    /** A status and a body to answer a push with. */
    record Answer(int status, String body) {
    }

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

    SetReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/events", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer answer = answers.poll();
            if (answer == null || answer.body() == null) {
                exchange.sendResponseHeaders(answer == null ? 202 : answer.status(), -1);
            }
            else {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    /** The next push, waiting for it at most 20 s. */
    Received next() throws InterruptedException {
        Received next = received.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no SET arrived at " + uri());
        }
        return next;
    }

    int pending() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
