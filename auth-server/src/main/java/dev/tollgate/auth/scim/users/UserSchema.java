package dev.tollgate.auth.scim.users;

import java.beans.IntrospectionException;
import java.util.List;
import java.util.Set;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;

import dev.tollgate.auth.scim.FilterColumns;
import dev.tollgate.auth.scim.FilterColumns.Type;
import dev.tollgate.auth.scim.SchemaSubsets;

/**
 * The part of RFC 7643's User schema (section 4.1) that Tollgate keeps, taken from the SCIM SDK's definition of the
 * core schema: what {@code /Schemas} describes, what requests are checked against, and what filters and
 * {@code sortBy} may name.
 */
public final class UserSchema {

    public static final String URN = "urn:ietf:params:scim:schemas:core:2.0:User";

    public static final String ENDPOINT = "/Users";

    public static final SchemaResource SCHEMA = subsetOfCoreSchema();

    public static final ResourceTypeDefinition RESOURCE_TYPE = new ResourceTypeDefinition.Builder("User", ENDPOINT)
            .setId("User")
            .setDescription("A person who signs in to Tollgate")
            .setCoreSchema(SCHEMA)
            .setDiscoverable(true)
            .build();

    /** The columns of the query in {@code UserRows} (alias {@code u} for the users table). */
    static final FilterColumns COLUMNS = new FilterColumns(URN)
            .with("id", "u.id", Type.ID)
            .with("externalId", "u.external_id", Type.EXACT_STRING)
            .with("userName", "u.username", Type.STRING)
            .with("displayName", "u.display_name", Type.STRING)
            .with("name.givenName", "u.given_name", Type.STRING)
            .with("name.familyName", "u.family_name", Type.STRING)
            .with("emails.value", "u.email", Type.STRING)
            .with("active", "u.enabled", Type.BOOLEAN)
            .with("meta.created", "u.created_at", Type.DATE_TIME)
            .with("meta.lastModified", "u.updated_at", Type.DATE_TIME);

    private UserSchema() {
    }

    private static SchemaResource subsetOfCoreSchema() {
        try {
            SchemaResource core = SchemaUtils.getSchema(UserResource.class);
            List<AttributeDefinition> kept = core.getAttributes().stream()
                    .filter(attribute -> Set.of("userName", "name", "displayName", "active", "password", "emails",
                            "groups").contains(attribute.getName()))
                    .map(attribute -> switch (attribute.getName()) {
                        case "name" -> SchemaSubsets.withSubAttributes(attribute, same -> same, "givenName",
                                "familyName");
                        case "emails" -> SchemaSubsets.withSubAttributes(attribute, same -> same, "value", "type",
                                "primary");
                        default -> attribute;
                    })
                    .toList();
            return new SchemaResource(URN, "User", "User Account", kept);
        }
        catch (IntrospectionException unreadable) {
            throw new IllegalStateException("the SCIM SDK's User schema cannot be read", unreadable);
        }
    }
}
