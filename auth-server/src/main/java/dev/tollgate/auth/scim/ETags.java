package dev.tollgate.auth.scim;

import java.util.Arrays;

import com.unboundid.scim2.common.exceptions.PreconditionFailedException;

/**
 * Resource versions (RFC 7644 section 3.14): {@code meta.version} and the {@code ETag} header carry the same weak
 * entity tag, and a change sent with {@code If-Match} applies only to the version it names.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Refuses the change unless {@code ifMatch} (the header, null when absent) names the current version or is
     * {@code *}; weak and strong forms of one tag match (RFC 9110 section 13.1.1 compares If-Match strongly, but SCIM's
     * versions are weak by nature: the server makes them).
     */
    public static void requireMatch(String ifMatch, String current) throws PreconditionFailedException {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        boolean matches = Arrays.stream(ifMatch.split(","))
                .map(String::strip)
                .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(opaque(current)));
        if (!matches) {
            throw new PreconditionFailedException("The resource has changed: its version is " + current
                    + ", not " + ifMatch.strip() + ". Read it again and retry.");
        }
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
