package dev.tollgate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports for servers that a test starts itself and must name before they listen (an application's
 * {@code SERVER_PORT}, an issuer URL handed to another application first).
 */
public final class FreePorts {

    private static final int ATTEMPTS = 100;
    /** Every port handed out in this JVM, whichever test class asked. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port that nothing listened on just now and that this JVM never handed out before. The probe socket is
     * closed before the server binds the port (seconds later, for an application), so the kernel may offer the
     * same port again to the next call: two applications of one test were once given the same port, and requests
     * meant for one were answered by the other. Hence the ports handed out are remembered, and a port offered
     * again is skipped.
     */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = unusedPort();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no port that was not handed out already in " + ATTEMPTS + " attempts");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
