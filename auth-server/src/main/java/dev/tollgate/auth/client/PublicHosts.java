package dev.tollgate.auth.client;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Whether a host a client named points at the public internet: Tollgate calls such URLs itself (a registered
 * {@code jwks_uri} when the client authenticates with {@code private_key_jwt}, a self-registered client's Shared
 * Signals push endpoint), so a registrar could otherwise make it call addresses that only Tollgate can reach (SSRF):
 * this machine, private networks, link-local cloud metadata services. Every address the host resolves to must be
 * public; a host that does not resolve is refused as well.
 */
public final class PublicHosts {

    private PublicHosts() {
    }

    public static boolean accepts(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).noneMatch(PublicHosts::isInternal);
        }
        catch (UnknownHostException | SecurityException unresolvable) {
            return false;
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24 protocol assignments
            return first == 0 || first == 100 && (second & 0xc0) == 64
                    || first == 192 && second == 0 && (bytes[2] & 0xff) == 0;
        }
        // fc00::/7 unique local addresses, IPv6's private networks
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }
}
