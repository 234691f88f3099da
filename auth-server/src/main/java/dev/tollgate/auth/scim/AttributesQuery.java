package dev.tollgate.auth.scim;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;

/** The {@code attributes} and {@code excludedAttributes} parameters of any request that answers a resource. */
public record AttributesQuery(String attributes, String excludedAttributes) {

    public AttributeSelection selection(ResourceTypeDefinition type) throws BadRequestException {
        return AttributeSelection.of(attributes, excludedAttributes, type);
    }
}
