package dev.tollgate.auth.scim.groups;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.useradmin.AdminChanges;
import dev.tollgate.auth.useradmin.AdminGuard;
import dev.tollgate.auth.scim.ETags;
import dev.tollgate.auth.scim.RoleGroup;
import dev.tollgate.auth.scim.groups.GroupMembers.Member;
import dev.tollgate.auth.scim.users.UserRows;
import dev.tollgate.auth.useradmin.UserRoles;

/**
 * The two role groups over SCIM. Changing a group's members grants or takes away its role, in one transaction, with
 * each member's version raised (their {@code groups} changed); the last active ADMIN cannot leave ADMIN. Each member
 * added or removed is recorded as an {@code ADMIN_CHANGE} of that user.
 */
@Service
class ScimGroups {

    private final GroupMembers members;

    private final UserRows users;

    private final AdminGuard guard;

    private final AdminChanges changes;

    private final Clock clock;

    private final UserRoles roles;

    private final SharedSignals signals;

    ScimGroups(GroupMembers members, UserRows users, AdminGuard guard, AdminChanges changes, Clock clock,
            UserRoles roles, SharedSignals signals) {
        this.roles = roles;
        this.signals = signals;
        this.members = members;
        this.users = users;
        this.guard = guard;
        this.changes = changes;
        this.clock = clock;
    }

    /** How a request turns the current members into the new ones (their ids as the request gave them). */
    @FunctionalInterface
    interface MembersChange {

        Set<String> apply(RoleGroupState current) throws ScimException;
    }

    RoleGroupState get(String id) throws ScimException {
        RoleGroup group = RoleGroup.byId(id).orElseThrow(() -> new ResourceNotFoundException(
                "No group has the id '" + id + "'. The groups are ADMIN and USER."));
        return new RoleGroupState(group, members.of(group.role()));
    }

    List<RoleGroupState> all() {
        return Arrays.stream(RoleGroup.values()).map(group -> new RoleGroupState(group, members.of(group.role())))
                .toList();
    }

    @Transactional(rollbackFor = Exception.class)
    RoleGroupState update(String id, String ifMatch, String actor, MembersChange change) throws ScimException {
        guard.lockAdmins();
        RoleGroupState current = get(id);
        ETags.requireMatch(ifMatch, current.version());
        Set<UUID> wanted = ids(change.apply(current));
        Set<UUID> before = current.memberIds();
        List<UUID> added = wanted.stream().filter(member -> !before.contains(member)).toList();
        List<UUID> removed = before.stream().filter(member -> !wanted.contains(member)).toList();
        List<Member> newMembers = members.lock(added);
        if (newMembers.size() < added.size()) {
            Set<UUID> found = newMembers.stream().map(Member::id).collect(Collectors.toSet());
            UUID unknown = added.stream().filter(member -> !found.contains(member)).findFirst().orElseThrow();
            throw BadRequestException.invalidValue("No user has the id '" + unknown + "'.");
        }
        RoleGroup group = current.group();
        if (group == RoleGroup.ADMIN) {
            requireAnActiveAdmin(current, removed, newMembers);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (UUID member : added) {
            users.addRole(member, group.role());
            users.touch(member, now);
            changes.record("group.add-member", actor, member, Map.of(group.displayName(), false),
                    Map.of(group.displayName(), true));
        }
        for (UUID member : removed) {
            users.removeRole(member, group.role());
            users.touch(member, now);
            changes.record("group.remove-member", actor, member, Map.of(group.displayName(), true),
                    Map.of(group.displayName(), false));
        }
        List<UUID> changed = new ArrayList<>(added);
        changed.addAll(removed);
        Map<UUID, SortedSet<String>> rolesNow = roles.of(changed);
        changed.forEach(member -> signals.rolesChanged(member.toString(),
                rolesNow.getOrDefault(member, Collections.emptySortedSet())));
        return get(id);
    }

    private static void requireAnActiveAdmin(RoleGroupState current, List<UUID> removed, List<Member> added)
            throws BadRequestException {
        boolean hadOne = current.members().stream().anyMatch(Member::active);
        long remaining = current.members().stream().filter(Member::active)
                .filter(member -> !removed.contains(member.id())).count()
                + added.stream().filter(Member::active).count();
        if (hadOne && remaining == 0) {
            throw BadRequestException.mutability("This change removes the last active ADMIN from ADMIN: it would leave"
                    + " nobody to administer Tollgate. Make another user an ADMIN first.");
        }
    }

    private static Set<UUID> ids(Set<String> values) throws BadRequestException {
        Set<UUID> ids = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        for (String value : values) {
            try {
                ids.add(UUID.fromString(value));
            }
            catch (IllegalArgumentException | NullPointerException notAnId) {
                invalid.add(String.valueOf(value));
            }
        }
        if (!invalid.isEmpty()) {
            throw BadRequestException.invalidValue("members.value must be a user's id; not: " + invalid + ".");
        }
        return ids;
    }
}
