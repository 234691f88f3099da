package dev.tollgate.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;

/**
 * A caller on another machine, as far as the API can tell: its requests leave from a loopback address of its
 * own ({@code 127.0.0.x}, all of which Linux routes to this host), so the API sees a different client address.
 * The JDK's HTTP client cannot choose its source address on Java 17, hence plain HTTP/1.0 over a bound socket
 * (HTTP/1.0: the answer is never chunked and the connection closes after it).
 */
public final class LoopbackCaller {

    private final String apiHost;
    private final int apiPort;
    private final InetAddress source;

    public LoopbackCaller(String apiBaseUrl, String sourceAddress) {
        URI api = URI.create(apiBaseUrl);
        this.apiHost = api.getHost();
        this.apiPort = api.getPort();
        try {
            this.source = InetAddress.getByName(sourceAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(sourceAddress, e);
        }
    }

    public ApiResponse get(String path, String token) {
        return get(path, token, Map.of());
    }

    /** A GET with {@code Authorization: Bearer token} and any further headers. */
    public ApiResponse get(String path, String token, Map<String, String> headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: " + apiHost + ":" + apiPort + "\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getByName(apiHost), apiPort, source, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiResponse parse(InputStream in) throws IOException {
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int endOfHead = answer.indexOf("\r\n\r\n");
        String[] head = answer.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        HttpHeaders headers = new HttpHeaders();
        for (int line = 1; line < head.length; line++) {
            int colon = head[line].indexOf(':');
            headers.add(head[line].substring(0, colon).trim(), head[line].substring(colon + 1).trim());
        }
        return ApiResponse.of(status, headers, answer.substring(endOfHead + 4));
    }
}
