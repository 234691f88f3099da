package dev.tollgate.auth.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Made-up client addresses, a new one on every call, so that no two tests share a count. */
public final class ClientAddresses {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private ClientAddresses() {
    }

    public static String next() {
        int n = NEXT.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }
}
