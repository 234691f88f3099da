package dev.tollgate.auth.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.sun.net.httpserver.HttpServer;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A native client's loopback redirect URI (RFC 8252, 7.3) that receives the authorization code, for a real browser
 * that follows the redirect.
 */
public record LoopbackCallback(HttpServer server, CompletableFuture<String> code) implements AutoCloseable {

    public static LoopbackCallback start() throws IOException {
        CompletableFuture<String> code = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", exchange -> {
            code.complete(UriComponentsBuilder.fromUri(exchange.getRequestURI()).build()
                    .getQueryParams().getFirst("code"));
            byte[] page = "signed in".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        return new LoopbackCallback(server, code);
    }

    public String uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
