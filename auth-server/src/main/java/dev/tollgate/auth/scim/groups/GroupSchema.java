package dev.tollgate.auth.scim.groups;

import java.beans.IntrospectionException;
import java.util.List;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;

import dev.tollgate.auth.scim.SchemaSubsets;

/** RFC 7643's Group schema (section 4.2), as the SCIM SDK defines it: {@code displayName} and {@code members}. */
public final class GroupSchema {

    public static final String URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

    public static final String ENDPOINT = "/Groups";

    public static final SchemaResource SCHEMA = coreSchema();

    public static final ResourceTypeDefinition RESOURCE_TYPE = new ResourceTypeDefinition.Builder("Group", ENDPOINT)
            .setId("Group")
            .setDescription("A role: its members are the users who hold it")
            .setCoreSchema(SCHEMA)
            .setDiscoverable(true)
            .build();

    private GroupSchema() {
    }

    private static SchemaResource coreSchema() {
        try {
            SchemaResource core = SchemaUtils.getSchema(GroupResource.class);
            // provisioning tools name a member by its value alone; $ref is what the server answers with
            List<AttributeDefinition> attributes = core.getAttributes().stream()
                    .map(attribute -> attribute.getName().equals("members")
                            ? SchemaSubsets.withSubAttributes(attribute,
                                    sub -> sub.setRequired(sub.build().getName().equals("value")),
                                    "value", "$ref", "type", "display")
                            : attribute)
                    .toList();
            return new SchemaResource(core.getId(), core.getName(), core.getDescription(), attributes);
        }
        catch (IntrospectionException unreadable) {
            throw new IllegalStateException("the SCIM SDK's Group schema cannot be read", unreadable);
        }
    }
}
