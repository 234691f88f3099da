package dev.tollgate.auth.scim.groups;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tollgate.auth.scim.RoleGroup;
import dev.tollgate.auth.scim.groups.GroupMembers.Member;

/** A group with its members as read; its version is a digest of the member ids, so any membership change moves it. */
record RoleGroupState(RoleGroup group, List<Member> members) {

    String version() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            memberIds().forEach(id -> sha256.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return "W/\"" + HexFormat.of().formatHex(sha256.digest(), 0, 12) + "\"";
        }
        catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }

    Set<UUID> memberIds() {
        return members.stream().map(Member::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
