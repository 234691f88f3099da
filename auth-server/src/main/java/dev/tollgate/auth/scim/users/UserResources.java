package dev.tollgate.auth.scim.users;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Group;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;

import dev.tollgate.auth.scim.ETags;
import dev.tollgate.auth.scim.RoleGroup;

/**
 * A {@link ScimUser} as a SCIM User resource and back. A request body, checked against {@link UserSchema} by the
 * SCIM SDK's schema checker first, has its values checked here against what the users table holds. One email address is kept: the primary one, or else the first; it is shown as the
 * primary work address.
 */
final class UserResources {

    private static final int MAX_USERNAME = 100;

    private static final int MAX_NAME = 200;

    private static final int MAX_EMAIL = 320;

    private UserResources() {
    }

    /** @param base the SCIM base URL, e.g. {@code https://auth.example.com/scim/v2} */
    static ObjectNode resource(ScimUser user, URI base) {
        UserResource resource = new UserResource()
                .setUserName(user.userName())
                .setDisplayName(user.displayName())
                .setActive(user.active());
        resource.setId(user.id().toString());
        resource.setExternalId(user.externalId());
        if (user.givenName() != null || user.familyName() != null) {
            resource.setName(new Name().setGivenName(user.givenName()).setFamilyName(user.familyName()));
        }
        if (user.email() != null) {
            // typed "work", so that a client's emails[type eq "work"] (Entra ID's PATCH) finds the one address kept
            resource.setEmails(List.of(new Email().setValue(user.email()).setType("work").setPrimary(true)));
        }
        List<Group> groups = user.roles().stream()
                .flatMap(role -> RoleGroup.byRole(role).stream())
                .map(group -> new Group().setValue(group.id().toString()).setDisplay(group.displayName())
                        .setType("direct").setRef(URI.create(base + "/Groups/" + group.id())))
                .toList();
        if (!groups.isEmpty()) {
            resource.setGroups(groups);
        }
        resource.setMeta(new Meta()
                .setResourceType("User")
                .setCreated(calendar(user.created()))
                .setLastModified(calendar(user.lastModified()))
                .setLocation(location(user, base))
                .setVersion(ETags.of(user.version())));
        return JsonUtils.valueToNode(resource);
    }

    static URI location(ScimUser user, URI base) {
        return URI.create(base + UserSchema.ENDPOINT + "/" + user.id());
    }

    /** What a create or replace body, or a patched resource, asks the user to become (checked by the schema). */
    static UserChange change(ObjectNode resource) throws BadRequestException {
        String userName = text(resource, "userName", MAX_USERNAME);
        if (userName == null || userName.isBlank()) {
            throw BadRequestException.invalidValue("userName is required.");
        }
        if (!userName.equals(userName.strip())) {
            throw BadRequestException.invalidValue("userName must not begin or end with white space.");
        }
        JsonNode name = resource.get("name");
        ObjectNode nameObject = name instanceof ObjectNode object ? object : JsonUtils.getJsonNodeFactory().objectNode();
        JsonNode active = resource.get("active");
        return new UserChange(userName,
                text(resource, "externalId", MAX_NAME),
                text(nameObject, "givenName", MAX_NAME),
                text(nameObject, "familyName", MAX_NAME),
                text(resource, "displayName", MAX_NAME),
                email(resource.get("emails")),
                active == null || active.isNull() ? null : active.booleanValue(),
                resource.hasNonNull("password") ? resource.get("password").textValue() : null);
    }

    private static String email(JsonNode emails) throws BadRequestException {
        if (emails == null || !emails.isArray() || emails.isEmpty()) {
            return null;
        }
        JsonNode chosen = emails.get(0);
        for (JsonNode email : emails) {
            if (email.path("primary").asBoolean(false)) {
                chosen = email;
                break;
            }
        }
        JsonNode value = chosen.get("value");
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw BadRequestException.invalidValue("Each of emails needs a value.");
        }
        String address = value.textValue().strip();
        if (address.length() > MAX_EMAIL || address.indexOf('@') < 1) {
            throw BadRequestException.invalidValue("emails.value '" + address + "' is not an email address.");
        }
        return address;
    }

    private static String text(ObjectNode resource, String attribute, int maxLength) throws BadRequestException {
        JsonNode value = resource.get(attribute);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.textValue();
        if (text != null && text.length() > maxLength) {
            throw BadRequestException.invalidValue(attribute + " is longer than " + maxLength + " characters.");
        }
        return text;
    }

    private static Calendar calendar(Instant instant) {
        return GregorianCalendar.from(instant.atZone(ZoneOffset.UTC));
    }
}
