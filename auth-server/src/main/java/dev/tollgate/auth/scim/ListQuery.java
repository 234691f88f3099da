package dev.tollgate.auth.scim;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;

/** The query parameters of a list request (RFC 7644 section 3.4.2), as Spring binds them; each may be absent. */
public record ListQuery(String filter, Integer startIndex, Integer count, String sortBy, String sortOrder,
        String attributes, String excludedAttributes) {

    public ListParameters page(int maxResults) throws BadRequestException {
        return ListParameters.of(startIndex, count, sortBy, sortOrder, maxResults);
    }

    public AttributeSelection selection(ResourceTypeDefinition type) throws BadRequestException {
        return AttributeSelection.of(attributes, excludedAttributes, type);
    }
}
