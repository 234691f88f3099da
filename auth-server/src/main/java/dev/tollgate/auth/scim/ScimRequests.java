package dev.tollgate.auth.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;
import com.unboundid.scim2.server.utils.SchemaChecker;

/**
 * What every SCIM endpoint does with a request before it changes anything, through the SCIM SDK: parse the filter,
 * check a resource or PATCH against the schema (unknown attributes, wrong types, read-only attributes), apply a PATCH.
 */
public final class ScimRequests {

    /** The longest filter accepted: a filter is a search, not a payload. */
    public static final int MAX_FILTER_LENGTH = 2000;

    private ScimRequests() {
    }

    /** The {@code filter} parameter parsed, null when there is none. */
    public static Filter filter(String filter) throws BadRequestException {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > MAX_FILTER_LENGTH) {
            throw BadRequestException.invalidFilter("The filter is longer than " + MAX_FILTER_LENGTH + " characters.");
        }
        return Filter.fromString(filter);
    }

    /**
     * A create or replace body, checked against the resource type's schema; read-only attributes in it (id, meta,
     * groups) are dropped, as RFC 7643 section 7 says a server ignores them.
     */
    public static ObjectNode resource(String body, ResourceTypeDefinition type) throws ScimException {
        SchemaChecker checker = new SchemaChecker(type);
        ObjectNode writable = checker.removeReadOnlyAttributes(ScimJson.readObject(body));
        checker.checkCreate(writable).throwSchemaExceptions();
        return writable;
    }

    /** {@code current} as the PATCH makes it, once its operations are checked against the schema. */
    public static ObjectNode patched(ObjectNode current, PatchRequest patch, ResourceTypeDefinition type)
            throws ScimException {
        new SchemaChecker(type).checkModify(patch, current).throwSchemaExceptions();
        GenericScimResource patched = new GenericScimResource(current.deepCopy());
        patch.apply(patched);
        return patched.getObjectNode();
    }
}
