package dev.tollgate.auth.scim;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;
import com.unboundid.scim2.server.utils.ScimResourceTrimmer;

/**
 * The {@code attributes} or {@code excludedAttributes} of a request (RFC 7644 section 3.9), applied by the SCIM SDK's
 * trimmer, which also honours each attribute's {@code returned} (id always, password never).
 */
public final class AttributeSelection {

    private final Set<Path> paths;

    private final boolean excluded;

    private AttributeSelection(Set<Path> paths, boolean excluded) {
        this.paths = paths;
        this.excluded = excluded;
    }

    /** From the two query parameters; {@code attributes} wins when both are given. */
    public static AttributeSelection of(String attributes, String excludedAttributes, ResourceTypeDefinition type)
            throws BadRequestException {
        if (attributes != null && !attributes.isBlank()) {
            return new AttributeSelection(paths(attributes, type), false);
        }
        if (excludedAttributes != null && !excludedAttributes.isBlank()) {
            return new AttributeSelection(paths(excludedAttributes, type), true);
        }
        return new AttributeSelection(Set.of(), true);
    }

    public ObjectNode apply(ObjectNode resource, ResourceTypeDefinition type) {
        return new ScimResourceTrimmer(type, Set.of(), paths, excluded).trimObjectNode(resource);
    }

    private static Set<Path> paths(String list, ResourceTypeDefinition type) throws BadRequestException {
        Set<Path> paths = new LinkedHashSet<>();
        for (String attribute : list.split(",")) {
            if (!attribute.isBlank()) {
                paths.add(type.normalizePath(Path.fromString(attribute.strip())).withoutFilters());
            }
        }
        return paths;
    }
}
