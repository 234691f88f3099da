package dev.tollgate.auth.backchannel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A client's back-channel logout endpoint on a random port (JDK HTTP server): it keeps each request it receives and
 * answers {@link #status}, after {@link #hold} is released.
 */
final class LogoutReceiver implements AutoCloseable {

    /** One POST as it arrived. */
    record Received(String method, String contentType, String logoutToken) {
    }

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    volatile int status = 200;

    volatile CountDownLatch hold = new CountDownLatch(0);

    LogoutReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/backchannel-logout", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String token = body.startsWith("logout_token=")
                    ? URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8) : body;
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), token));
            try {
                hold.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel-logout";
    }

    /** The next request, waiting for it at most 20 s (the sender sweeps every 10 s). */
    Received next() throws InterruptedException {
        Received next = received.poll(20, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no logout token arrived at " + uri());
        }
        return next;
    }

    int pending() {
        return received.size();
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
