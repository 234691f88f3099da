package dev.tollgate.auth.admin;

import jakarta.servlet.http.HttpServletRequest;

/** Where the admin plane answers: the admin REST API and SCIM 2.0 (RFC 7644). */
public final class AdminPaths {

    public static final String ADMIN_API = "/admin/api";

    public static final String SCIM = "/scim/v2";

    /** RFC 7644 §4: the discovery resources, which tell a client what the server supports before it has a token. */
    static final String[] SCIM_DISCOVERY = {
        SCIM + "/ServiceProviderConfig", SCIM + "/ServiceProviderConfig/**",
        SCIM + "/ResourceTypes", SCIM + "/ResourceTypes/**",
        SCIM + "/Schemas", SCIM + "/Schemas/**"};

    private AdminPaths() {
    }

    static boolean isScim(HttpServletRequest request) {
        String path = pathOf(request);
        return path.equals(SCIM) || path.startsWith(SCIM + "/");
    }

    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
